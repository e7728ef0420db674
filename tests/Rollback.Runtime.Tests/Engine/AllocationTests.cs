using System;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Engine
{
    /// <summary>After warm-up, advancing, rolling back, replaying and raising confirmed frames allocate nothing.</summary>
    public class AllocationTests
    {
        [Fact]
        public void TenThousandFramesWithFrequentRollbacks_AllocateZeroBytes()
        {
            const int Warmup = 500;
            const int Measured = 10_000;
            var scenario = new LateScenario
            {
                Seed = 4242,
                Players = 3,
                LocalPlayers = new[] { 0 },
                PredictionWindow = 10,
                InputDelay = 1,
                MinLate = 0,
                MaxLate = 8,
                Frames = Warmup + Measured + 8,
                MaxSteps = 30,
                TargetScore = 25,
            }.Build();

            long scoreSum = 0;
            ulong checksumMix = 0;
            scenario.Engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) =>
            {
                scoreSum += f.State.Score;          // reads the confirmed state (restored into the scratch instance)
                checksumMix ^= f.Checksum;
                scoreSum += f.Inputs[1].Buttons;
            };

            int tick = 0;
            scenario.RunTo(Warmup, ref tick);
            long rollbacksBefore = scenario.Engine.Statistics.Rollbacks;
            int confirmedBefore = scenario.Log.Count;

            long before = GC.GetAllocatedBytesForCurrentThread();
            scenario.RunTo(Warmup + Measured, ref tick);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            long rollbacks = scenario.Engine.Statistics.Rollbacks - rollbacksBefore;
            Assert.True(rollbacks > Measured / 10, $"only {rollbacks} rollbacks in {Measured} frames");
            Assert.True(scenario.Log.Count - confirmedBefore > Measured - 20, "frames were not confirmed while measuring");
            Assert.True(scenario.Engine.Statistics.MaxRollbackDepth >= 4);
            Assert.Equal(0, allocated);
            Assert.NotEqual(0UL, checksumMix);
        }
    }
}
