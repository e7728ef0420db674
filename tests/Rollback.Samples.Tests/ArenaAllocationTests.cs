using System;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;
using Xunit;

namespace Rollback.Samples.Tests
{
    /// <summary>
    /// The sample game's whole loop (bots, sessions, shots spawning and despawning, rollbacks, confirmed-frame
    /// records) allocates nothing per frame once warm, measured with GC.GetAllocatedBytesForCurrentThread.
    /// </summary>
    public class ArenaAllocationTests
    {
        [Theory]
        [InlineData(7, 31UL)]
        [InlineData(2, 32UL)]
        public void SyncTest_ShotsComeAndGo_ZeroBytesPerFrame(int checkDistance, ulong seed)
        {
            var session = new SyncTestSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, 2, checkDistance);
            long confirmed = 0;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) => confirmed += f.State.LastReward[0] + f.State.Shots.Count;
            var factory = new RandomInputFactory<Pad>(Bot.RandomPad);
            session.RunRandom(3000, seed, factory);
            int firedBefore = session.State.ShotsFired;
            long rollbacksBefore = session.Statistics.Rollbacks;

            long before = GC.GetAllocatedBytesForCurrentThread();
            session.RunRandom(3000, seed + 1, factory);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(session.State.ShotsFired - firedBefore > 300, $"only {session.State.ShotsFired - firedBefore} shots fired while measuring");
            Assert.True(session.Statistics.Rollbacks - rollbacksBefore >= 3000);
            Assert.True(confirmed > 0);
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void LocalSession_WithBots_ZeroBytesPerFrame()
        {
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, 2);
            long rewards = 0;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) => rewards += f.State.LastReward[0] + f.State.LastReward[1];
            var bots = new[] { new Bot(41, 0), new Bot(41, 1) };
            var pads = new Pad[2];
            void Run(int frames)
            {
                for (int i = 0; i < frames; i++)
                {
                    pads[0] = bots[0].Next();
                    pads[1] = bots[1].Next();
                    session.AdvanceFrame(pads);
                }
            }

            Run(2000);
            int firedBefore = session.State.ShotsFired;
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(5000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(session.State.ShotsFired - firedBefore > 200, $"only {session.State.ShotsFired - firedBefore} shots fired while measuring");
            Assert.True(rewards > 0);
            Assert.Equal(0, allocated);
        }

        [Theory]
        [InlineData(51UL)]
        [InlineData(52UL)]
        public void TwoPeersOverALossyNetwork_ZeroBytesPerFrameInTheSessions(ulong seed)
        {
            var net = new SimulatedNetwork(2, seed, new LinkConditions { LatencyTicks = 3, JitterTicks = 2, LossProbability = 0.15 });
            long tick = 0;
            var sessions = new PeerSession<ArenaState, Pad>[2];
            var bots = new[] { new Bot(seed, 0), new Bot(seed, 1) };
            long confirmed = 0;
            bool desync = false;
            for (int i = 0; i < 2; i++)
            {
                sessions[i] = new PeerSession<ArenaState, Pad>(
                    new ArenaRules(),
                    ArenaRules.NewState,
                    net[i],
                    new PeerSessionOptions<Pad> { SessionId = seed, FramesPerSecond = 30, Clock = () => tick * 1000 / 30 }
                        .AddLocalPlayer(i)
                        .AddRemotePlayer(1 - i, net.AddressOf(1 - i)));
                sessions[i].FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) => confirmed += f.State.Shots.Count + 1;
                sessions[i].DesyncDetected += (in PeerDesync d) => desync = true;
            }

            var pads = new[] { new Pad[1], new Pad[1] };
            long sessionBytes = 0;
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

                    sessionBytes += GC.GetAllocatedBytesForCurrentThread() - b0;
                    tick++;
                    net.Advance();
                }
            }

            Run(3000);
            long rollbacksBefore = sessions[0].Statistics.Rollbacks + sessions[1].Statistics.Rollbacks;
            int firedBefore = sessions[0].State.ShotsFired;
            int confirmedBefore = sessions[0].LastConfirmedFrame;
            sessionBytes = 0;
            Run(4000);

            long rollbacks = sessions[0].Statistics.Rollbacks + sessions[1].Statistics.Rollbacks - rollbacksBefore;
            Assert.True(rollbacks > 100, $"only {rollbacks} rollbacks");
            Assert.True(sessions[0].State.ShotsFired - firedBefore > 200, "too few shots while measuring");
            Assert.True(sessions[0].LastConfirmedFrame - confirmedBefore > 3000, "frames were not confirmed while measuring");
            Assert.True(confirmed > 0);
            Assert.False(desync);
            Assert.Equal(0, sessionBytes);
        }
    }
}
