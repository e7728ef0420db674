using System;
using Xunit;

namespace Rollback.Runtime.Tests.Churn
{
    /// <summary>
    /// Entities spawning and despawning every few frames under rollbacks allocate nothing per frame once warm:
    /// restores reuse the objects they drop, and the game rents and returns its own through <see cref="RollbackPool{T}"/>.
    /// </summary>
    public class ChurnAllocationTests
    {
        private static ChurnInput RandomInput(ref DeterministicRandom random, int player, int frame) =>
            new ChurnInput { Value = (byte)random.NextInt(16) };

        [Theory]
        [InlineData(7, 11UL)]
        [InlineData(7, 12UL)]
        [InlineData(3, 13UL)]
        public void SyncTest_EntitiesComeAndGo_ZeroBytesPerFrameAfterWarmup(int checkDistance, ulong seed)
        {
            var rules = new ChurnRules { MaxSteps = 150 };
            var session = new SyncTestSession<ChurnWorld, ChurnInput>(rules, () => new ChurnWorld(), 2, checkDistance);
            var factory = new RandomInputFactory<ChurnInput>(RandomInput);

            session.RunRandom(6000, seed, factory);
            int spawnedBefore = session.State.Spawned;
            int despawnedBefore = session.State.Despawned;
            long rollbacksBefore = session.Statistics.Rollbacks;
            int episodeBefore = session.State.Episode;

            long before = GC.GetAllocatedBytesForCurrentThread();
            session.RunRandom(3000, seed + 100, factory);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // The measured stretch really churned: spawns and despawns in it, a rollback of the full distance every frame, episodes ended.
            Assert.True(session.State.Spawned - spawnedBefore > 1000, "too few spawns while measuring");
            Assert.True(session.State.Despawned > despawnedBefore, "nothing despawned while measuring");
            Assert.True(session.Statistics.Rollbacks - rollbacksBefore >= 3000);
            Assert.Equal(checkDistance, session.Statistics.MaxRollbackDepth);
            Assert.True(session.State.Episode > episodeBefore);
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void SyncTest_GameCodeThatNewsItsEntities_IsSeenAllocating()
        {
            // The control for the test above: the same game with `new` instead of Rent/Return does allocate, so the
            // zero there is the pool's doing and the measurement can see allocations in this loop.
            var rules = new ChurnRules { UsePool = false, MaxSteps = 150 };
            var session = new SyncTestSession<ChurnWorld, ChurnInput>(rules, () => new ChurnWorld(), 2, 7);
            var factory = new RandomInputFactory<ChurnInput>(RandomInput);
            session.RunRandom(1500, 5, factory);

            int spawnedBefore = session.State.Spawned;
            long before = GC.GetAllocatedBytesForCurrentThread();
            session.RunRandom(1000, 6, factory);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long spawns = session.State.Spawned - spawnedBefore;

            // Every first run and every one of the 7 replays spawns with new: far more than nothing.
            Assert.True(allocated > 0);
            Assert.True(spawns > 0);
        }
    }
}
