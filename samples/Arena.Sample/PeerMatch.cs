using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Arena.Game;
using Rollback;
using Rollback.Network;
using Rollback.Network.Simulation;

namespace Arena.Sample
{
    /// <summary>What one peer did.</summary>
    public sealed class PeerOutcome
    {
        public PeerOutcome(int index, string csvPath)
        {
            Index = index;
            CsvPath = csvPath;
        }

        public int Index { get; }

        public string CsvPath { get; }

        public PeerSession<ArenaState, Pad>? Session { get; set; }

        public long Rows { get; set; }

        public bool Finished { get; set; }

        public long Ticks { get; set; }

        public long StalledTicks { get; set; }

        public TimeSpan CpuTime { get; set; }

        public int StepErrors { get; set; }

        public List<int> EpisodeEnds { get; } = new List<int>();

        public List<PeerDesync> Desyncs { get; } = new List<PeerDesync>();

        /// <summary>The desync reports (the snapshots exchanged, the differing members, the bundle folder).</summary>
        public List<PeerDesyncReport> DesyncReports { get; } = new List<PeerDesyncReport>();
    }

    /// <summary>
    /// Runs the arena with N peers in one process: each peer is a <see cref="PeerSession{TState, TInput}"/> with one local
    /// player driven by a scripted bot, over the seeded simulated network (virtual clock, no sleeping) or real UDP sockets
    /// on loopback. Every peer exports its confirmed frames to a CSV file.
    /// </summary>
    public sealed class PeerMatch
    {
        public const int Fps = 30;

        private readonly SampleOptions _options;
        private readonly List<Pad>[] _trueInputs;

        public PeerMatch(SampleOptions options)
        {
            _options = options;
            _trueInputs = new List<Pad>[options.Peers];
            for (int i = 0; i < options.Peers; i++)
            {
                _trueInputs[i] = new List<Pad>();
            }
        }

        public PeerOutcome[] Peers { get; private set; } = Array.Empty<PeerOutcome>();

        public SimulatedNetwork? Network { get; private set; }

        public string? SpectatorCsvPath { get; private set; }

        public bool SpectatorFinished { get; private set; }

        public long Ticks { get; private set; }

        public TimeSpan WallTime { get; private set; }

        public long UdpDatagramsSent { get; private set; }

        public long UdpDatagramsReceived { get; private set; }

        /// <summary>Creates a state for any number of players (the arena's arrays sized to the player count).</summary>
        public static ArenaState NewState(int players)
        {
            var state = new ArenaState { Players = new Player[players], LastReward = new int[players], TotalScore = new int[players] };
            for (int i = 0; i < players; i++)
            {
                state.Players[i] = new Player();
            }

            new ArenaRules().ResetEpisode(state);
            return state;
        }

        /// <summary>The export columns after frame, episode, step, inputs and checksum.</summary>
        public static CsvExporter<ArenaState, Pad> AddColumns(CsvExporter<ArenaState, Pad> csv, int players)
        {
            for (int i = 0; i < players; i++)
            {
                int p = i;
                csv.AddColumn("reward" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.LastReward[p]));
                csv.AddColumn("score" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Score));
                csv.AddColumn("x" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Position.X.ToString()));
                csv.AddColumn("y" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Position.Y.ToString()));
            }

            csv.AddColumn("bumps", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Bumps));
            return csv;
        }

        public void Run(Action<string> progress)
        {
            SampleOptions o = _options;
            int n = o.Peers;
            int endpoints = n + (o.Spectator ? 1 : 0);
            long tick = 0;
            Func<long> clock = () => tick * 1000 / Fps;
            var transports = new IDatagramTransport[endpoints];
            var addresses = new PeerAddress[endpoints];
            var udp = new List<UdpTransport>();
            if (o.Udp && SampleTransport.Kind == SampleTransport.LiteNetLib)
            {
                SampleTransport.OpenLiteNetLibMesh(transports, addresses);
            }
            else if (o.Udp)
            {
                for (int i = 0; i < endpoints; i++)
                {
                    UdpTransport t = UdpTransport.BindLoopback();
                    udp.Add(t);
                    transports[i] = t;
                    addresses[i] = t.LocalAddress;
                }
            }
            else
            {
                var link = LinkConditions.FromMilliseconds(Fps, o.LatencyMs, o.JitterMs, o.JitterMs > 0 ? 200 : 0, o.LossPercent / 100.0);
                Network = new SimulatedNetwork(endpoints, o.Seed, link);
                foreach (StallOption stall in o.Stalls)
                {
                    long start = NetworkTime.MillisecondsToTicks(stall.StartMs, Fps);
                    Network.AddStall(stall.Peer, start, start + Math.Max(1, NetworkTime.MillisecondsToTicks(stall.DurationMs, Fps)));
                }

                for (int i = 0; i < endpoints; i++)
                {
                    transports[i] = Network[i];
                    addresses[i] = Network.AddressOf(i);
                }
            }

            Directory.CreateDirectory(o.OutputDirectory);
            Peers = new PeerOutcome[n];
            var writers = new StreamWriter[n];
            var exporters = new CsvExporter<ArenaState, Pad>[n];
            var bots = new Bot[n];
            var pending = new Pad?[n];
            var cpu = new Stopwatch[n];
            for (int i = 0; i < n; i++)
            {
                PeerSessionOptions<Pad> options = SessionOptions(clock);
                for (int p = 0; p < n; p++)
                {
                    if (p == i)
                    {
                        options.AddLocalPlayer(p);
                    }
                    else
                    {
                        options.AddRemotePlayer(p, addresses[p]);
                    }
                }

                if (o.Spectator && i == 0)
                {
                    options.AddSpectator(addresses[n]);
                }

                options.DesyncBundleFolder = Path.Combine(o.OutputDirectory, "desync");
                ISimulation<ArenaState, Pad> rules = o.InjectDesyncFrame >= 0 && i == n - 1 ? new DesyncInjectingRules(o.InjectDesyncFrame) : new ArenaRules();
                var session = new PeerSession<ArenaState, Pad>(rules, () => NewState(n), transports[i], options);
                var outcome = new PeerOutcome(i, Path.Combine(o.OutputDirectory, $"peer{i}.csv")) { Session = session };
                Peers[i] = outcome;
                writers[i] = new StreamWriter(outcome.CsvPath) { NewLine = "\n" };
                exporters[i] = AddColumns(new CsvExporter<ArenaState, Pad>(session, writers[i]), n);
                session.FrameConfirmed += new StepChecker(outcome).OnConfirmed;
                session.DesyncDetected += (in PeerDesync d) => outcome.Desyncs.Add(d);
                session.DesyncReported += outcome.DesyncReports.Add;
                bots[i] = new Bot(o.Seed, i);
                cpu[i] = new Stopwatch();
            }

            SpectatorSession<ArenaState, Pad>? spectator = null;
            CsvExporter<ArenaState, Pad>? spectatorCsv = null;
            if (o.Spectator)
            {
                spectator = new SpectatorSession<ArenaState, Pad>(new ArenaRules(), () => NewState(n), transports[n], addresses[0], SessionOptions(clock));
                SpectatorCsvPath = Path.Combine(o.OutputDirectory, "spectator.csv");
                spectatorCsv = AddColumns(new CsvExporter<ArenaState, Pad>(spectator, new StreamWriter(SpectatorCsvPath) { NewLine = "\n" }), n);
            }

            long maxTicks = (o.Frames > 0 ? o.Frames : o.Episodes * ArenaRules.EpisodeSteps) * 4L + 20_000;
            long progressEvery = Math.Max(1, (o.Frames > 0 ? o.Frames : o.Episodes * ArenaRules.EpisodeSteps) / 10);
            long nextProgress = progressEvery;
            var wall = Stopwatch.StartNew();
            var pad = new Pad[1];
            while (tick < maxTicks && (!o.Udp || wall.Elapsed.TotalSeconds < 120))
            {
                bool done = spectator is null || spectator.IsFinished;
                foreach (PeerOutcome p in Peers)
                {
                    done &= p.Session!.IsFinished;
                }

                if (done)
                {
                    break;
                }

                for (int i = 0; i < n; i++)
                {
                    if (Network is not null && Network.IsStalled(i))
                    {
                        Peers[i].StalledTicks++;
                        continue;
                    }

                    PeerSession<ArenaState, Pad> s = Peers[i].Session!;
                    cpu[i].Start();
                    s.Poll();
                    pad[0] = pending[i] ?? bots[i].Next();
                    int before = s.CurrentFrame;
                    bool fresh = !s.LocalInputsTaken; // in lockstep with input delay 0 a waiting call may take the inputs
                    Advance result = s.AdvanceFrame(pad);
                    cpu[i].Stop();
                    if (fresh && (result == Advance.Simulated || s.LocalInputsTaken))
                    {
                        Record(i, before + o.InputDelay, pad[0]);
                        pending[i] = null;
                    }
                    else
                    {
                        pending[i] = pad[0];
                    }
                }

                if (spectator is not null)
                {
                    spectator.Poll();
                    for (int k = 0; k < 4 && spectator.AdvanceFrame() == Advance.Simulated; k++)
                    {
                    }
                }

                tick++;
                Network?.Advance();
                if (o.Udp)
                {
                    System.Threading.Thread.Sleep(0);
                }

                int confirmed = int.MaxValue;
                foreach (PeerOutcome p in Peers)
                {
                    confirmed = Math.Min(confirmed, p.Session!.LastConfirmedFrame + 1);
                }

                if (confirmed >= nextProgress)
                {
                    nextProgress += progressEvery;
                    progress(ProgressLine(tick, confirmed));
                }
            }

            Ticks = tick;
            WallTime = wall.Elapsed;
            for (int i = 0; i < n; i++)
            {
                exporters[i].Dispose();
                Peers[i].Rows = exporters[i].Rows;
                Peers[i].Finished = Peers[i].Session!.IsFinished;
                Peers[i].Ticks = tick;
                Peers[i].CpuTime = cpu[i].Elapsed;
            }

            if (spectator is not null)
            {
                spectatorCsv!.Dispose();
                SpectatorFinished = spectator.IsFinished;
            }

            foreach (UdpTransport t in udp)
            {
                UdpDatagramsSent += t.DatagramsSent;
                UdpDatagramsReceived += t.DatagramsReceived;
                t.Dispose();
            }

            SampleTransport.CloseAll();
        }

        /// <summary>
        /// Writes the oracle's export: one replica of the game stepped once with the inputs the bots actually committed,
        /// up to the peers' final frame. Every peer's export must equal it byte for byte.
        /// </summary>
        public string WriteOracle(int finalFrame)
        {
            int n = _options.Peers;
            string path = Path.Combine(_options.OutputDirectory, "oracle.csv");
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), () => NewState(n), n);
            using (CsvExporter<ArenaState, Pad> csv = AddColumns(new CsvExporter<ArenaState, Pad>(session, new StreamWriter(path) { NewLine = "\n" }), n))
            {
                var inputs = new Pad[n];
                for (int f = 0; f <= finalFrame; f++)
                {
                    for (int p = 0; p < n; p++)
                    {
                        inputs[p] = f < _trueInputs[p].Count ? _trueInputs[p][f] : default;
                    }

                    session.AdvanceFrame(inputs);
                }
            }

            return path;
        }

        private PeerSessionOptions<Pad> SessionOptions(Func<long> clock) => new PeerSessionOptions<Pad>
        {
            PlayerCount = _options.Peers,
            SessionId = 0xA4E7A000UL ^ _options.Seed,
            InputDelay = _options.InputDelay,
            PredictionWindow = _options.PredictionWindow,
            FrameCount = _options.Frames,
            Episodes = _options.Episodes,
            FramesPerSecond = Fps,
            Clock = clock,
        };

        private void Record(int player, int frame, Pad pad)
        {
            List<Pad> list = _trueInputs[player];
            while (list.Count < frame)
            {
                list.Add(default);
            }

            list.Add(pad);
        }

        private string ProgressLine(long tick, int confirmed)
        {
            var line = new System.Text.StringBuilder();
            line.Append(System.Globalization.CultureInfo.InvariantCulture, $"  t={NetworkTime.TicksToMilliseconds(tick, Fps) / 1000.0,6:F1}s  confirmed {confirmed,6}");
            foreach (PeerOutcome p in Peers)
            {
                PeerSession<ArenaState, Pad> s = p.Session!;
                line.Append(System.Globalization.CultureInfo.InvariantCulture, $" | peer {p.Index}: frame {s.CurrentFrame,5}, ep {s.EpisodesCompleted}, rollbacks {s.Statistics.Rollbacks,4}");
                if (Network is not null && Network.IsStalled(p.Index))
                {
                    line.Append(" (stalled)");
                }
            }

            return line.ToString();
        }

        /// <summary>Counts StepNum errors and records episode ends as confirmed frames arrive.</summary>
        private sealed class StepChecker
        {
            private readonly PeerOutcome _outcome;
            private int _episode;
            private int _steps;

            public StepChecker(PeerOutcome outcome) => _outcome = outcome;

            public void OnConfirmed(in ConfirmedFrame<ArenaState, Pad> f)
            {
                if (f.Episode != _episode)
                {
                    _outcome.EpisodeEnds.Add(f.Frame - 1);
                    _episode = f.Episode;
                    _steps = 0;
                }

                _steps++;
                if (f.StepNum != _steps)
                {
                    _outcome.StepErrors++;
                }
            }
        }
    }
}
