using System;
using Rollback.Network;
using Rollback.Network.Simulation;
using Xunit;

namespace Rollback.Runtime.Tests.Churn
{
    /// <summary>Two peers over a lossy simulated network, entities churning: the sessions allocate nothing once warm.</summary>
    public class ChurnPeerSessionTests
    {
        [Theory]
        [InlineData(21UL)]
        [InlineData(22UL)]
        public void TwoPeersUnderLoss_EntitiesComeAndGo_SessionsAllocateZeroBytesPerFrame(ulong seed)
        {
            // Two peers on one thread share the pool: a live and a scratch state each, plus the spares in between.
            RollbackPool<Mob>.Prewarm(64);
            var net = new SimulatedNetwork(2, seed, new LinkConditions { LatencyTicks = 3, JitterTicks = 2, LossProbability = 0.15 });
            long tick = 0;
            var sessions = new PeerSession<ChurnWorld, ChurnInput>[2];
            var rules = new ChurnRules { MaxSteps = 300, MaxMobs = 10 };
            long confirmedMobs = 0;
            bool desync = false;
            for (int i = 0; i < 2; i++)
            {
                sessions[i] = new PeerSession<ChurnWorld, ChurnInput>(
                    rules,
                    () => new ChurnWorld(),
                    net[i],
                    new PeerSessionOptions<ChurnInput> { SessionId = seed, FramesPerSecond = 30, Clock = () => tick * 1000 / 30 }
                        .AddLocalPlayer(i)
                        .AddRemotePlayer(1 - i, net.AddressOf(1 - i)));
                sessions[i].FrameConfirmed += (in ConfirmedFrame<ChurnWorld, ChurnInput> f) => confirmedMobs += f.State.Mobs.Count;
                sessions[i].DesyncDetected += (in PeerDesync d) => desync = true;
            }

            var inputs = new[] { new ChurnInput[1], new ChurnInput[1] };
            var random = new DeterministicRandom(seed);
            long sessionBytes = 0;
            void Run(int ticks)
            {
                for (int t = 0; t < ticks; t++)
                {
                    long b0 = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < 2; i++)
                    {
                        sessions[i].Poll();
                        // Inputs change often, so predictions (repeat-last) miss and rollbacks happen.
                        inputs[i][0] = new ChurnInput { Value = (byte)random.NextInt(16) };
                        sessions[i].AdvanceFrame(inputs[i]);
                    }

                    sessionBytes += GC.GetAllocatedBytesForCurrentThread() - b0;
                    tick++;
                    net.Advance();
                }
            }

            Run(3000);
            long rollbacksBefore = sessions[0].Statistics.Rollbacks + sessions[1].Statistics.Rollbacks;
            int spawnedBefore = sessions[0].State.Spawned;
            int despawnedBefore = sessions[0].State.Despawned;
            int confirmedBefore = sessions[0].LastConfirmedFrame;
            sessionBytes = 0;
            Run(4000);
            long rollbacks = sessions[0].Statistics.Rollbacks + sessions[1].Statistics.Rollbacks - rollbacksBefore;

            Assert.True(rollbacks > 200, $"only {rollbacks} rollbacks");
            Assert.True(sessions[0].State.Spawned - spawnedBefore > 1000, "too few spawns while measuring");
            Assert.True(sessions[0].State.Despawned - despawnedBefore > 1000, "too few despawns while measuring");
            Assert.True(sessions[0].LastConfirmedFrame - confirmedBefore > 3000, "frames were not confirmed while measuring");
            Assert.True(confirmedMobs > 0);
            Assert.True(net.Counters.DroppedLoss > 0);
            Assert.False(desync);
            Assert.Equal(0, sessionBytes);
        }
    }
}
