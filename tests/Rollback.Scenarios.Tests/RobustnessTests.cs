using System;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;
using static Rollback.Scenarios.Tests.ScenarioTableTests;

namespace Rollback.Scenarios.Tests
{
    /// <summary>Hostile datagrams, desync detection, the handshake, and zero allocation per frame.</summary>
    public class RobustnessTests
    {
        private readonly ITestOutputHelper _output;

        public RobustnessTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        public void HostileDatagrams_AreDroppedAndCounted_AndNeverChangeTheSimulation(ulong seed)
        {
            // A third endpoint of the network attacks peer 0 every tick: random bytes, truncated and padded copies of
            // valid messages, other sessions, other versions, inputs of every kind. The run still passes all five checks.
            var random = new Random((int)seed);
            SimulatedNetwork? network = null;
            var buffer = new byte[Protocol.MaxDatagramSize + 200];
            long sent = 0;
            var scenario = new Scenario
            {
                Name = "hostile datagrams",
                Seed = seed,
                Network = n => n.SetAllLinks(Ms(50, loss: 0.10)),
                EachTick = (tick, net, sessions) =>
                {
                    network = net;
                    for (int k = 0; k < 5; k++)
                    {
                        int length = Hostile(random, buffer, sessions[0], tick);
                        net![net.PeerCount - 1].TrySend(net.AddressOf(0), buffer.AsSpan(0, length));
                        sent++;
                    }
                },
            };
            scenario.Outsiders = 1;
            ScenarioResult r = Checks.RunAndAssert(scenario, _output, minRollbacks: 1);
            NetworkStatistics stats = r.Peers[0].Network!;
            _output.WriteLine($"hostile sent {sent}; peer 0 dropped {stats.Dropped}: {stats.DropsByReason()}; decode: {stats.Decode}");
            long arrived = network!.LinkCounters(network.PeerCount - 1, 0).Received;
            Assert.True(arrived > sent / 2);
            Assert.True(stats.Dropped >= arrived, $"dropped {stats.Dropped} of {arrived} hostile datagrams received");
            Assert.True(stats.DroppedFor(DropReason.Malformed) > 0);
            Assert.True(stats.DroppedFor(DropReason.WrongSession) > 0);
            Assert.True(stats.DroppedFor(DropReason.UnknownEndpoint) > 0);
        }

        /// <summary>One hostile datagram: never a forgery of a peer's address (the transport's job), anything else goes.</summary>
        private static int Hostile(Random random, byte[] buffer, PeerSession<ArenaState, Pad> target, long tick)
        {
            var envelope = new MessageEnvelope(0x5CE7A410UL + 1, (byte)random.Next(0, 3), (uint)random.Next());
            int written;
            switch (random.Next(8))
            {
                case 0:
                    written = random.Next(0, buffer.Length);
                    random.NextBytes(buffer.AsSpan(0, written));
                    return written;
                case 1:
                    ProtocolCodec.TryEncodeInput<Pad>(buffer, new MessageEnvelope(12345, 1, 1), (int)tick, 0, 1, new Pad[] { new Pad(1, 1, true) }, out written);
                    return written; // another session
                default:
                    // This session's id, from an address that is not a peer: a valid input for player 1, a disconnect, a checksum.
                    ulong session = target.SessionId;
                    envelope = new MessageEnvelope(session, 1, (uint)random.Next());
                    switch (random.Next(4))
                    {
                        case 0:
                            ProtocolCodec.TryEncodeInput<Pad>(buffer, envelope, Math.Max(0, target.CurrentFrame + random.Next(-5, 5)), target.CurrentFrame, 1, new Pad[] { new Pad(-1, 1, true), new Pad(1, 0, false) }, out written);
                            break;
                        case 1:
                            ProtocolCodec.TryEncode(buffer, envelope, new DisconnectNotice(1, DisconnectReason.Kicked, 0), out written);
                            break;
                        case 2:
                            ProtocolCodec.TryEncode(buffer, envelope, new ChecksumReport(Math.Max(0, target.LastConfirmedFrame), 42), out written);
                            break;
                        default:
                            ProtocolCodec.TryEncode(buffer, envelope, new SyncRequest(7, target.ConfigurationHash, 3, 2), out written);
                            break;
                    }

                    // Sometimes damage it: truncate, pad, or flip the version byte.
                    switch (random.Next(4))
                    {
                        case 0:
                            return random.Next(0, written);
                        case 1:
                            return Math.Min(buffer.Length, written + random.Next(1, 50));
                        case 2:
                            buffer[1] ^= 0x7F;
                            return written;
                        default:
                            return written;
                    }
            }
        }

        [Theory]
        [InlineData(5UL, 0.0)]
        [InlineData(6UL, 0.3)]
        [InlineData(7UL, 0.5)]
        [InlineData(8UL, 0.5)]
        public void ChecksumsDisagree_DesyncIsRaisedOnBothPeers_WithTheFrameAndBothChecksums(ulong seed, double loss)
        {
            // Peer 1's rules leak hidden state into the simulation from step 300 on: the simulations diverge. Reports are
            // resent until acknowledged, so under loss both peers still name the same first divergent interval.
            var scenario = new Scenario
            {
                Name = "desync",
                Seed = seed,
                Frames = 600,
                Network = n => n.SetAllLinks(Ms(50, loss: loss)),
                Rules = peer => peer == 1 ? new LeakyRules() : new ArenaRules(),
            };
            ScenarioResult r = scenario.Run();
            _output.WriteLine(r.Summary());
            foreach (PeerRun run in r.Peers)
            {
                Assert.NotEmpty(run.Desyncs);
                PeerDesync first = run.Desyncs[0];
                Assert.Equal(0, first.Frame % 30);
                Assert.InRange(first.Frame, 300, 360);
                Assert.NotEqual(first.LocalChecksum, first.RemoteChecksum);
            }

            Assert.Equal(r.Peers[0].Desyncs[0].LocalChecksum, r.Peers[1].Desyncs[0].RemoteChecksum);
            Assert.Equal(r.Peers[0].Desyncs[0].Frame, r.Peers[1].Desyncs[0].Frame);
        }

        [Fact]
        public void DifferentConfigurations_TheHandshakeIsRefused_AndNothingIsSimulated()
        {
            var net = new SimulatedNetwork(2, 1);
            long tick = 0;
            PeerSession<ArenaState, Pad> Make(int me, int frames) => new PeerSession<ArenaState, Pad>(
                new ArenaRules(),
                ArenaSetup.Factory(2),
                net[me],
                new PeerSessionOptions<Pad> { SessionId = 9, FrameCount = frames, Clock = () => tick * 33 }
                    .AddLocalPlayer(me)
                    .AddRemotePlayer(1 - me, net.AddressOf(1 - me)));
            var a = Make(0, 1000);
            var b = Make(1, 2000);
            var pad = new Pad[1];
            for (; tick < 100; tick++)
            {
                a.Poll();
                b.Poll();
                Assert.Equal(Advance.Wait, a.AdvanceFrame(pad));
                Assert.Equal(Advance.Wait, b.AdvanceFrame(pad));
                net.Advance();
            }

            Assert.True(a.GetPeerStatistics(1).Rejected || b.GetPeerStatistics(0).Rejected);
            Assert.Equal(0, a.CurrentFrame);
            Assert.Equal(0, b.CurrentFrame);
            foreach (PeerSession<ArenaState, Pad> s in new[] { a, b })
            {
                Assert.Equal(PeerSessionState.Failed, s.SessionState);
                Assert.Equal(SessionFailureReason.ConfigurationMismatch, s.Failure.Reason);
                Assert.True(s.IsFinished, "a failed session is over: the loop ends");
                Assert.Equal(-1, s.LastConfirmedFrame);
            }
        }

        [Fact]
        public void SteadyState_PollAndAdvance_AllocateNothing()
        {
            // Two peers over 60 ms, 15 % loss, jitter: frequent rollbacks, resends, acks, quality reports, checksums.
            var net = new SimulatedNetwork(2, 3, ScenarioTableTests.Ms(60, jitter: 30, loss: 0.15));
            long tick = 0;
            var sessions = new PeerSession<ArenaState, Pad>[2];
            var bots = new[] { new Bot(3, 0), new Bot(3, 1) };
            long confirmed = 0;
            for (int i = 0; i < 2; i++)
            {
                sessions[i] = new PeerSession<ArenaState, Pad>(
                    new ArenaRules(),
                    ArenaSetup.Factory(2),
                    net[i],
                    new PeerSessionOptions<Pad> { SessionId = 3, FramesPerSecond = 30, Clock = () => tick * 1000 / 30 }
                        .AddLocalPlayer(i)
                        .AddRemotePlayer(1 - i, net.AddressOf(1 - i)));
                sessions[i].FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) => confirmed += f.State.LastReward[0] + 1;
            }

            var pads = new[] { new Pad[1], new Pad[1] };
            long sessionBytes = 0;
            long networkBytes = 0;
            void Run(int ticks)
            {
                for (int t = 0; t < ticks; t++)
                {
                    long b0 = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 2; i++)
                    {
                        sessions[i].Poll();
                        pads[i][0] = bots[i].Next();
                        sessions[i].AdvanceFrame(pads[i]);
                    }

                    long b1 = GC.GetAllocatedBytesForCurrentThread();
                    tick++;
                    net.Advance();
                    long b2 = GC.GetAllocatedBytesForCurrentThread();
                    sessionBytes += b1 - b0;
                    networkBytes += b2 - b1;
                }
            }

            Run(900);
            long rollbacksBefore = sessions[0].Statistics.Rollbacks + sessions[1].Statistics.Rollbacks;
            sessionBytes = 0;
            networkBytes = 0;
            Run(4000);
            long rollbacks = sessions[0].Statistics.Rollbacks + sessions[1].Statistics.Rollbacks - rollbacksBefore;
            _output.WriteLine($"sessions allocated {sessionBytes} B over 4000 ticks ({rollbacks} rollbacks, {confirmed} confirmed-frame records); the simulated network {networkBytes} B (its queues growing to a new high-water mark)");
            Assert.True(rollbacks > 100);
            Assert.True(sessions[0].Network.InputsResent > 0);
            Assert.Equal(0, sessionBytes);
        }

        /// <summary>The arena plus hidden static state from step 300 on: what checksum reports exist to catch.</summary>
        private sealed class LeakyRules : ISimulation<ArenaState, Pad>
        {
            private readonly ArenaRules _rules = new ArenaRules();
            private int _calls;

            public void Step(ArenaState state, ReadOnlySpan<Pad> inputs)
            {
                _rules.Step(state, inputs);
                if (state.Frame >= 300 && _calls++ % 7 == 0)
                {
                    state.Bumps++;
                }
            }

            public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

            public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
        }
    }
}
