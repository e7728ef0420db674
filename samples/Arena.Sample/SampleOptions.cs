using System;
using System.Collections.Generic;
using System.Globalization;

namespace Arena.Sample
{
    /// <summary>A peer that stops ticking for a while (a background tab, a debugger break).</summary>
    public readonly struct StallOption
    {
        public StallOption(int peer, int startMs, int durationMs)
        {
            Peer = peer;
            StartMs = startMs;
            DurationMs = durationMs;
        }

        public int Peer { get; }

        public int StartMs { get; }

        public int DurationMs { get; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "peer {0} from {1} ms for {2} ms", Peer, StartMs, DurationMs);
    }

    /// <summary>Command-line options of the sample.</summary>
    public sealed class SampleOptions
    {
        public const string Usage =
            "usage: dotnet run --project samples/Arena.Sample -c Release -- [options]\n" +
            "  --peers N            peers in the session, one player each (2..8, default 2)\n" +
            "  --latency MS         one-way latency of every link (default 100)\n" +
            "  --jitter MS          ± jitter, re-drawn every 200 ms (default 0)\n" +
            "  --loss PCT           packet loss in percent (default 15)\n" +
            "  --stall P,START,DUR  peer P stops ticking at START ms for DUR ms (repeatable)\n" +
            "  --episodes N         end after N episodes, found on the confirmed timeline (default 4)\n" +
            "  --frames N           end after N frames instead\n" +
            "  --seed N             seed of the bots and the simulated network (default 1)\n" +
            "  --delay N            input delay in frames (default 2)\n" +
            "  --window N           prediction window in frames (default 8)\n" +
            "  --spectator          add a spectator of peer 0 and compare its export too\n" +
            "  --udp                real UDP sockets on 127.0.0.1 instead of the simulated network\n" +
            "  --transport T        simulated (default), udp (as --udp) or litenetlib (Rollback.LiteNetLib on 127.0.0.1)\n" +
            "  --sync-test N        frames of the sync test run first (0 to skip, default 600)\n" +
            "  --out DIR            where the exports go (default out)\n" +
            "  --inject-desync F    the last peer perturbs its state at frame F: shows the desync report, bundle and HTML report\n" +
            "  --quiet              no progress lines";

        public int Peers { get; private set; } = 2;

        public int LatencyMs { get; private set; } = 100;

        public int JitterMs { get; private set; }

        public double LossPercent { get; private set; } = 15;

        public List<StallOption> Stalls { get; } = new List<StallOption>();

        public int Episodes { get; private set; } = 4;

        public int Frames { get; private set; }

        public ulong Seed { get; private set; } = 1;

        public int InputDelay { get; private set; } = 2;

        public int PredictionWindow { get; private set; } = 8;

        public bool Spectator { get; private set; }

        public bool Udp { get; private set; }

        public int SyncTestFrames { get; private set; } = 600;

        public string OutputDirectory { get; private set; } = "out";

        public bool Quiet { get; private set; }

        /// <summary>The frame at which the last peer perturbs its state (-1: none).</summary>
        public int InjectDesyncFrame { get; private set; } = -1;

        public bool Help { get; private set; }

        public static SampleOptions Parse(string[] args)
        {
            var options = new SampleOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
                switch (name)
                {
                    case "--peers": options.Peers = Int(name, Value(), 2, 8); break;
                    case "--latency": options.LatencyMs = Int(name, Value(), 0, 5000); break;
                    case "--jitter": options.JitterMs = Int(name, Value(), 0, 5000); break;
                    case "--loss": options.LossPercent = Percent(name, Value()); break;
                    case "--stall": options.Stalls.Add(Stall(name, Value())); break;
                    case "--episodes": options.Episodes = Int(name, Value(), 1, 1000); options.Frames = 0; break;
                    case "--frames": options.Frames = Int(name, Value(), 1, 10_000_000); options.Episodes = 0; break;
                    case "--seed": options.Seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--delay": options.InputDelay = Int(name, Value(), 0, 16); break;
                    case "--window": options.PredictionWindow = Int(name, Value(), 0, 64); break;
                    case "--spectator": options.Spectator = true; break;
                    case "--udp": options.Udp = true; break;
                    case "--transport": options.Udp = SampleTransport.Choose(Value()); break;
                    case "--sync-test": options.SyncTestFrames = Int(name, Value(), 0, 1_000_000); break;
                    case "--out": options.OutputDirectory = Value(); break;
                    case "--quiet": options.Quiet = true; break;
                    case "--inject-desync": options.InjectDesyncFrame = Int(name, Value(), 0, 10_000_000); break;
                    case "-h":
                    case "--help": options.Help = true; break;
                    default: throw new ArgumentException($"Unknown option '{name}'.");
                }
            }

            foreach (StallOption stall in options.Stalls)
            {
                if (stall.Peer >= options.Peers)
                {
                    throw new ArgumentException($"--stall names peer {stall.Peer}, but there are {options.Peers} peers (0..{options.Peers - 1}).");
                }
            }

            return options;
        }

        private static int Int(string name, string text, int min, int max)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            {
                throw new ArgumentException($"{name} must be an integer from {min} to {max}, got '{text}'.");
            }

            return value;
        }

        private static double Percent(string name, string text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value <= 100))
            {
                throw new ArgumentException($"{name} must be a percentage from 0 to 100, got '{text}'.");
            }

            return value;
        }

        private static StallOption Stall(string name, string text)
        {
            string[] parts = text.Split(',');
            if (parts.Length != 3)
            {
                throw new ArgumentException($"{name} takes PEER,START_MS,DURATION_MS, got '{text}'.");
            }

            return new StallOption(Int(name, parts[0], 0, 7), Int(name, parts[1], 0, 100_000_000), Int(name, parts[2], 1, 100_000_000));
        }
    }
}
