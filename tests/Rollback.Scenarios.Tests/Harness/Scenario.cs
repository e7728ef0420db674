using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;

namespace Rollback.Scenarios.Tests.Harness
{
    /// <summary>One scenario run: N peers (peer i owns player i), scripted or idle bots, on a seeded simulated network or UDP loopback.</summary>
    public sealed class Scenario
    {
        public const int Fps = 30;

        public string Name { get; set; } = "scenario";

        public int Peers { get; set; } = 2;

        public ulong Seed { get; set; } = 1;

        public int Frames { get; set; } = 1500;

        public int Episodes { get; set; }

        /// <summary>Whether <see cref="Frames"/> limits the session even when <see cref="Episodes"/> is set (both limits: whichever comes first).</summary>
        public bool BothLimits { get; set; }

        /// <summary>The frame limit the peers get (0: none).</summary>
        public int FrameLimit => Episodes > 0 && !BothLimits ? 0 : Frames;

        public bool Idle { get; set; }

        public int InputDelay { get; set; } = 2;

        public int PredictionWindow { get; set; } = 8;

        public int ChecksumInterval { get; set; } = 30;

        /// <summary>Sets links, partitions and stalls on the simulated network.</summary>
        public Action<SimulatedNetwork>? Network { get; set; }

        /// <summary>A peer that stops for good at <see cref="QuitAtTick"/> (-1: none).</summary>
        public int QuitPeer { get; set; } = -1;

        public long QuitAtTick { get; set; }

        /// <summary>Whether the quitting peer says goodbye (a Disconnect notice) instead of going silent.</summary>
        public bool QuitPolitely { get; set; }

        public int DisconnectTimeoutMs { get; set; } = 10000;

        public int HandshakeTimeoutMs { get; set; } = 30000;

        /// <summary>A peer that starts late: it neither polls nor advances before <see cref="LateStartTick"/> (-1: none).</summary>
        public int LateStartPeer { get; set; } = -1;

        public long LateStartTick { get; set; }

        /// <summary>The spectator starts (polls) only from this tick.</summary>
        public long SpectatorStartTick { get; set; }

        /// <summary>Frames the spectator may simulate per tick (catching up faster than real time).</summary>
        public int SpectatorFramesPerTick { get; set; } = 4;

        /// <summary>A spectator of peer 0 (an extra network endpoint).</summary>
        public bool Spectator { get; set; }

        public bool Udp { get; set; }

        /// <summary>Extra endpoints of the simulated network that are not in the session (attackers), after the peers and the spectator.</summary>
        public int Outsiders { get; set; }

        public int MaxTicks { get; set; } = 30000;

        /// <summary>Rules per peer (to make one peer nondeterministic; peer 0's are the oracle's); null for the arena's rules.</summary>
        public Func<int, ISimulation<ArenaState, Pad>>? Rules { get; set; }

        /// <summary>Called each tick with the tick number and the peer sessions (to inject hostile datagrams, …).</summary>
        public Action<long, SimulatedNetwork?, PeerSession<ArenaState, Pad>[]>? EachTick { get; set; }

        /// <summary>Adjusts each peer's options (peer index, options) before its session is made.</summary>
        public Action<int, PeerSessionOptions<Pad>>? Configure { get; set; }

        /// <summary>Whether a finished peer stops polling, as a user loop <c>while (!session.IsFinished)</c> does. Default true.</summary>
        public bool StopWhenFinished { get; set; } = true;

        public override string ToString() => $"{Name} seed {Seed}";

        public ScenarioResult Run()
        {
            int n = Peers;
            int endpoints = n + (Spectator ? 1 : 0);
            long tick = 0;
            SimulatedNetwork? net = null;
            UdpTransport[]? udp = null;
            var transports = new IDatagramTransport[endpoints];
            var addresses = new PeerAddress[endpoints];
            if (Udp)
            {
                udp = new UdpTransport[endpoints];
                for (int i = 0; i < endpoints; i++)
                {
                    udp[i] = UdpTransport.BindLoopback();
                    transports[i] = udp[i];
                    addresses[i] = udp[i].LocalAddress;
                }
            }
            else
            {
                net = new SimulatedNetwork(endpoints + Outsiders, Seed);
                Network?.Invoke(net);
                for (int i = 0; i < endpoints; i++)
                {
                    transports[i] = net[i];
                    addresses[i] = net.AddressOf(i);
                }
            }

            Func<long> clock = () => tick * 1000 / Fps;
            var result = new ScenarioResult(this, n);
            var sessions = new PeerSession<ArenaState, Pad>[n];
            var writers = new StringWriter[n];
            var exporters = new CsvExporter<ArenaState, Pad>[n];
            var bots = new Bot[n];
            var pending = new Pad?[n];
            var pad = new Pad[1];
            var quit = new bool[n];
            for (int i = 0; i < n; i++)
            {
                var options = Options(n);
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

                if (Spectator && i == 0)
                {
                    options.AddSpectator(addresses[n]);
                }

                options.Clock = clock;
                Configure?.Invoke(i, options);
                ISimulation<ArenaState, Pad> rules = Rules?.Invoke(i) ?? new ArenaRules();
                var session = new PeerSession<ArenaState, Pad>(rules, ArenaSetup.Factory(n), transports[i], options);
                sessions[i] = session;
                writers[i] = new StringWriter();
                exporters[i] = ArenaSetup.AddColumns(new CsvExporter<ArenaState, Pad>(session, writers[i], leaveOpen: true), n);
                PeerRun run = result.Peers[i];
                var checker = new TimelineChecker(run, rules);
                session.FrameConfirmed += checker.OnConfirmed;
                session.DesyncDetected += (in PeerDesync d) => run.Desyncs.Add(d);
                session.DesyncReported += report => run.DesyncReports.Add(report);
                session.PlayerDisconnected += (player, frame) => run.DisconnectFrames[player] = frame;
                session.SessionFailed += (in SessionFailure f) => run.Failure = f;
                session.SpectatorDropped += (address, reason) => result.SpectatorsDropped.Add(reason);
                bots[i] = new Bot(Seed, i);
            }

            SpectatorSession<ArenaState, Pad>? spectator = null;
            StringWriter? spectatorWriter = null;
            CsvExporter<ArenaState, Pad>? spectatorCsv = null;
            if (Spectator)
            {
                var options = Options(n);
                options.Clock = clock;
                spectator = new SpectatorSession<ArenaState, Pad>(Rules?.Invoke(0) ?? new ArenaRules(), ArenaSetup.Factory(n), transports[n], addresses[0], options);
                spectatorWriter = new StringWriter();
                spectatorCsv = ArenaSetup.AddColumns(new CsvExporter<ArenaState, Pad>(spectator, spectatorWriter, leaveOpen: true), n);
                spectator.SessionFailed += (in SessionFailure f) => result.SpectatorFailure = f;
            }

            var wall = Stopwatch.StartNew();
            while (true)
            {
                bool allDone = true;
                for (int i = 0; i < n; i++)
                {
                    if (sessions[i].IsFinished && result.Peers[i].FinishedAtTick < 0)
                    {
                        result.Peers[i].FinishedAtTick = tick;
                    }

                    if (!quit[i] && !sessions[i].IsFinished)
                    {
                        allDone = false;
                    }
                }

                if (spectator is not null && !spectator.IsFinished)
                {
                    allDone = false;
                }

                if (allDone || tick >= MaxTicks || (Udp && wall.Elapsed.TotalSeconds > 60))
                {
                    break;
                }

                EachTick?.Invoke(tick, net, sessions);
                for (int i = 0; i < n; i++)
                {
                    if (quit[i])
                    {
                        continue;
                    }

                    if (i == QuitPeer && tick >= QuitAtTick)
                    {
                        quit[i] = true;
                        if (QuitPolitely)
                        {
                            sessions[i].Leave();
                        }

                        continue;
                    }

                    if (sessions[i].IsFinished && result.Peers[i].FinishedAtTick < 0)
                    {
                        result.Peers[i].FinishedAtTick = tick;
                    }

                    if (StopWhenFinished && sessions[i].IsFinished)
                    {
                        continue;
                    }

                    if (i == LateStartPeer && tick < LateStartTick)
                    {
                        continue;
                    }

                    if (net is not null && net.IsStalled(i))
                    {
                        result.Peers[i].StalledTicks++;
                        continue;
                    }

                    PeerSession<ArenaState, Pad> s = sessions[i];
                    s.Poll();
                    pad[0] = pending[i] ?? (Idle ? default : bots[i].Next());
                    int before = s.CurrentFrame;
                    bool fresh = !s.LocalInputsTaken; // in lockstep with input delay 0 a waiting call may take the inputs
                    if (s.AdvanceFrame(pad) == Advance.Simulated ? fresh : fresh && s.LocalInputsTaken)
                    {
                        result.RecordInput(i, before + InputDelay, pad[0]);
                        pending[i] = null;
                    }
                    else
                    {
                        pending[i] = pad[0];
                    }

                    result.Peers[i].MaxFrameGap = Math.Max(result.Peers[i].MaxFrameGap, MaxGap(sessions, quit, i));
                }

                if (spectator is not null && tick >= SpectatorStartTick && !(StopWhenFinished && spectator.IsFinished))
                {
                    spectator.Poll();
                    for (int k = 0; k < SpectatorFramesPerTick && spectator.AdvanceFrame() == Advance.Simulated; k++)
                    {
                    }

                    if (spectator.IsFinished && result.SpectatorFinishedAtTick < 0)
                    {
                        result.SpectatorFinishedAtTick = tick;
                    }
                }

                tick++;
                net?.Advance();
                if (Udp)
                {
                    System.Threading.Thread.Sleep(0);
                }
            }

            result.Ticks = tick;
            result.WallTime = wall.Elapsed;
            for (int i = 0; i < n; i++)
            {
                exporters[i].Dispose();
                PeerRun run = result.Peers[i];
                run.Csv = writers[i].ToString();
                run.Finished = sessions[i].IsFinished;
                run.Quit = quit[i];
                run.Rollbacks = sessions[i].Statistics.Rollbacks;
                run.MaxDepth = sessions[i].Statistics.MaxRollbackDepth;
                run.FramesSimulated = sessions[i].Statistics.FramesSimulated;
                run.Network = sessions[i].Network;
                run.Session = sessions[i];
            }

            if (spectator is not null)
            {
                spectatorCsv!.Dispose();
                result.SpectatorCsv = spectatorWriter!.ToString();
                result.SpectatorFinished = spectator.IsFinished;
            }

            if (net is not null)
            {
                result.NetworkCounters = net.Counters;
            }

            if (udp is not null)
            {
                foreach (UdpTransport t in udp)
                {
                    t.Dispose();
                }
            }

            result.BuildOracle();
            return result;
        }

        private PeerSessionOptions<Pad> Options(int players) => new PeerSessionOptions<Pad>
        {
            PlayerCount = players,
            SessionId = 0x5CE7A410UL + Seed,
            InputDelay = InputDelay,
            PredictionWindow = PredictionWindow,
            FrameCount = FrameLimit,
            Episodes = Episodes,
            FramesPerSecond = Fps,
            ChecksumInterval = ChecksumInterval,
            Timing = { DisconnectTimeout = TimeSpan.FromMilliseconds(DisconnectTimeoutMs), HandshakeTimeout = TimeSpan.FromMilliseconds(HandshakeTimeoutMs) },
        };

        private static int MaxGap(PeerSession<ArenaState, Pad>[] sessions, bool[] quit, int i)
        {
            int gap = 0;
            for (int j = 0; j < sessions.Length; j++)
            {
                if (!quit[j] && !sessions[j].IsFinished && !sessions[i].IsFinished)
                {
                    gap = Math.Max(gap, Math.Abs(sessions[j].CurrentFrame - sessions[i].CurrentFrame));
                }
            }

            return gap;
        }
    }
}
