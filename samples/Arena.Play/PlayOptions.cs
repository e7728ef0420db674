using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Arena.Play
{
    /// <summary>What this process is in the match.</summary>
    public enum Role
    {
        /// <summary>Opens the lobby on a port, plays seat 0 and starts the match when every seat is taken.</summary>
        Host,

        /// <summary>Joins a host's lobby and plays the seat it is given.</summary>
        Join,

        /// <summary>Joins a host's lobby as a spectator: follows the confirmed match, sends no inputs.</summary>
        Spectate,
    }

    /// <summary>Command-line options of the playable arena.</summary>
    public sealed class PlayOptions
    {
        public const string Usage =
            "usage: dotnet run --project samples/Arena.Play -c Release -- (--host PORT | --join HOST:PORT | --spectate HOST:PORT) [options]\n" +
            "  --host PORT          open a match on PORT and play seat 1; starts when every seat is taken\n" +
            "  --join HOST:PORT     join the match hosted at HOST:PORT (one process per extra player)\n" +
            "  --spectate HOST:PORT watch the match hosted at HOST:PORT (join before it starts)\n" +
            "  --players N          players in the match, 2..4 (host only, default 2)\n" +
            "  --spectators N       spectators the host waits for before starting (host only, default 0)\n" +
            "  --frames N           the match ends after N frames (host only)\n" +
            "  --episodes N         the match ends after N rounds (host only, default 3)\n" +
            "  --delay N            input delay in frames (host only, default 2)\n" +
            "  --bot                a bot plays this seat instead of the keyboard\n" +
            "  --seed N             seed of this process's bot and simulated link (default: the seat)\n" +
            "  --latency MS         delay every datagram this process sends by MS milliseconds (real clock)\n" +
            "  --jitter MS          ± MS milliseconds of random extra delay per datagram\n" +
            "  --loss PCT           drop PCT percent of the datagrams this process sends\n" +
            "  --out DIR            where the export goes (default out)\n" +
            "  --no-draw            never draw the arena (print progress lines instead)\n" +
            "  --timeout S          give up when the lobby or handshake takes longer than S seconds (default 30)\n" +
            "\n" +
            "keys: arrows or WASD move (a press moves you for a quarter second on its axis; hold the key to keep going,\n" +
            "      press two axes for a diagonal), space dashes, q quits. Ctrl+C also quits and restores the terminal.\n" +
            "exit codes: 0 match completed, 1 desync, 2 bad options, 3 a peer left or timed out, 4 lobby or handshake failed, 5 you quit, 6 an error in the game.";

        public Role Role { get; private set; }

        public int Port { get; private set; }

        public IPEndPoint? HostEndPoint { get; private set; }

        public int Players { get; private set; } = 2;

        public int Spectators { get; private set; }

        public int Frames { get; private set; }

        public int Episodes { get; private set; } = 3;

        public int InputDelay { get; private set; } = 2;

        public bool Bot { get; private set; }

        public ulong? Seed { get; private set; }

        public int LatencyMs { get; private set; }

        public int JitterMs { get; private set; }

        public double LossPercent { get; private set; }

        public string OutputDirectory { get; private set; } = "out";

        public bool NoDraw { get; private set; }

        public int TimeoutSeconds { get; private set; } = 30;

        /// <summary>Whether --timeout was given (the host then stops waiting for joiners after it).</summary>
        public bool TimeoutGiven { get; private set; }

        public bool Help { get; private set; }

        public static PlayOptions Parse(string[] args)
        {
            var o = new PlayOptions();
            int roles = 0;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
                switch (name)
                {
                    case "--host": o.Role = Role.Host; o.Port = Int(name, Value(), 1, 65535); roles++; break;
                    case "--join": o.Role = Role.Join; o.HostEndPoint = EndPoint(name, Value()); roles++; break;
                    case "--spectate": o.Role = Role.Spectate; o.HostEndPoint = EndPoint(name, Value()); roles++; break;
                    case "--players": o.Players = Int(name, Value(), 2, 4); break;
                    case "--spectators": o.Spectators = Int(name, Value(), 0, 4); break;
                    case "--frames": o.Frames = Int(name, Value(), 1, 10_000_000); o.Episodes = 0; break;
                    case "--episodes": o.Episodes = Int(name, Value(), 1, 1000); o.Frames = 0; break;
                    case "--delay": o.InputDelay = Int(name, Value(), 0, 16); break;
                    case "--bot": o.Bot = true; break;
                    case "--seed": o.Seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--latency": o.LatencyMs = Int(name, Value(), 0, 5000); break;
                    case "--jitter": o.JitterMs = Int(name, Value(), 0, 5000); break;
                    case "--loss": o.LossPercent = Percent(name, Value()); break;
                    case "--out": o.OutputDirectory = Value(); break;
                    case "--no-draw": o.NoDraw = true; break;
                    case "--timeout": o.TimeoutSeconds = Int(name, Value(), 1, 3600); o.TimeoutGiven = true; break;
                    case "-h":
                    case "--help": o.Help = true; break;
                    default: throw new ArgumentException($"Unknown option '{name}'.");
                }
            }

            if (!o.Help && roles != 1)
            {
                throw new ArgumentException("Give exactly one of --host PORT, --join HOST:PORT or --spectate HOST:PORT.");
            }

            if (o.Role == Role.Spectate && o.Bot)
            {
                throw new ArgumentException("--bot plays a seat; a spectator has none.");
            }

            return o;
        }

        private static int Int(string name, string text, int min, int max)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            {
                throw new ArgumentException($"{name} expects a whole number from {min} to {max}; got '{text}'.");
            }

            return value;
        }

        private static double Percent(string name, string text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || value > 100)
            {
                throw new ArgumentException($"{name} expects a percentage from 0 to 100; got '{text}'.");
            }

            return value;
        }

        private static IPEndPoint EndPoint(string name, string text)
        {
            int colon = text.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            {
                throw new ArgumentException($"{name} expects HOST:PORT, e.g. 127.0.0.1:7000; got '{text}'.");
            }

            string host = text.Substring(0, colon).Trim('[', ']');
            if (IPAddress.TryParse(host, out IPAddress? address))
            {
                return new IPEndPoint(address, port);
            }

            try
            {
                foreach (IPAddress candidate in Dns.GetHostAddresses(host))
                {
                    if (candidate.AddressFamily == AddressFamily.InterNetwork)
                    {
                        return new IPEndPoint(candidate, port);
                    }
                }
            }
            catch (SocketException)
            {
            }

            throw new ArgumentException($"{name}: cannot resolve '{host}' to an IPv4 address.");
        }
    }
}
