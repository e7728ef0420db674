using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Arena.Game;
using Rollback.Network;

namespace Rollback.LiteNetLib.Tests
{
    /// <summary>
    /// N peers of the sample arena, each a <see cref="PeerSession{TState,TInput}"/> over its own <see cref="LiteNetLibTransport"/>
    /// on 127.0.0.1, driven tick by tick with bots; then one oracle replica stepped once with the true inputs.
    /// </summary>
    internal sealed class LoopbackMatch
    {
        public int Peers { get; set; } = 2;

        public ulong Seed { get; set; } = 1;

        public int Frames { get; set; } = 1000;

        public int InputDelay { get; set; } = 2;

        public TimeSpan WallLimit { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Given transports (e.g. after a NAT introduction) and the addresses each peer uses for the others; null: fresh loopback transports.</summary>
        public Func<int, (LiteNetLibTransport[] Transports, PeerAddress[][] Addresses)>? Network { get; set; }

        public MatchResult Run()
        {
            int n = Peers;
            LiteNetLibTransport[] transports;
            PeerAddress[][] addresses;
            if (Network is not null)
            {
                (transports, addresses) = Network(n);
            }
            else
            {
                transports = new LiteNetLibTransport[n];
                for (int i = 0; i < n; i++)
                {
                    transports[i] = LiteNetLibTransport.StartLoopback("rollback-test-" + Seed);
                }

                addresses = new PeerAddress[n][];
                for (int i = 0; i < n; i++)
                {
                    addresses[i] = new PeerAddress[n];
                    for (int p = 0; p < n; p++)
                    {
                        addresses[i][p] = transports[p].LocalAddress;
                    }
                }
            }

            // Connect every pair first, as a game does in its lobby: the match clock starts once the mesh is up.
            ConnectAll(transports, addresses);
            var result = new MatchResult(n);
            long tick = 0;
            Func<long> clock = () => tick * 1000 / 30;
            var sessions = new PeerSession<ArenaState, Pad>[n];
            var bots = new Bot[n];
            var pending = new Pad?[n];
            var pad = new Pad[1];
            for (int i = 0; i < n; i++)
            {
                var options = new PeerSessionOptions<Pad>
                {
                    PlayerCount = n, SessionId = 0x11E7UL + Seed, InputDelay = InputDelay, PredictionWindow = 8,
                    FrameCount = Frames, FramesPerSecond = 30, ChecksumInterval = 30, Clock = clock,
                };
                for (int p = 0; p < n; p++)
                {
                    if (p == i)
                    {
                        options.AddLocalPlayer(p);
                    }
                    else
                    {
                        options.AddRemotePlayer(p, addresses[i][p]);
                    }
                }

                var session = new PeerSession<ArenaState, Pad>(new ArenaRules(), ArenaExport.Factory(n), transports[i], options);
                StringBuilder csv = result.Csv[i];
                int peer = i;
                session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
                {
                    ArenaExport.AppendRow(csv, f);
                    result.CheckTimeline(peer, f);
                };
                session.DesyncDetected += (in PeerDesync d) => result.Desyncs++;
                session.PlayerDisconnected += (player, frame) => result.Disconnects++;
                sessions[i] = session;
                bots[i] = new Bot(Seed, i);
            }

            var wall = Stopwatch.StartNew();
            while (wall.Elapsed < WallLimit)
            {
                bool allDone = true;
                for (int i = 0; i < n; i++)
                {
                    PeerSession<ArenaState, Pad> s = sessions[i];
                    if (s.IsFinished)
                    {
                        continue;
                    }

                    allDone = false;
                    s.Poll();
                    pad[0] = pending[i] ?? bots[i].Next();
                    int before = s.CurrentFrame;
                    if (s.AdvanceFrame(pad) == Advance.Simulated)
                    {
                        result.RecordInput(i, before + InputDelay, pad[0]);
                        pending[i] = null;
                    }
                    else
                    {
                        pending[i] = pad[0];
                    }
                }

                if (allDone)
                {
                    break;
                }

                tick++;
                Thread.Sleep(1);
            }

            result.WallTime = wall.Elapsed;
            for (int i = 0; i < n; i++)
            {
                result.Finished[i] = sessions[i].IsFinished;
                result.Rollbacks[i] = sessions[i].Statistics.Rollbacks;
                result.Counters[i] = transports[i].Counters;
            }

            foreach (LiteNetLibTransport t in transports)
            {
                t.Dispose();
            }

            result.BuildOracle(Frames);
            return result;
        }

        private void ConnectAll(LiteNetLibTransport[] transports, PeerAddress[][] addresses)
        {
            var wall = Stopwatch.StartNew();
            while (true)
            {
                bool all = true;
                for (int i = 0; i < transports.Length; i++)
                {
                    transports[i].Poll();
                    for (int p = 0; p < transports.Length; p++)
                    {
                        if (p != i && !transports[i].IsConnected(addresses[i][p]))
                        {
                            all = false;
                            if (i < p)
                            {
                                transports[i].Connect(addresses[i][p]);
                            }
                        }
                    }
                }

                if (all)
                {
                    return;
                }

                if (wall.Elapsed > TimeSpan.FromSeconds(15))
                {
                    throw new TimeoutException("the LiteNetLib peers did not connect within 15 s");
                }

                Thread.Sleep(2);
            }
        }
    }
}
