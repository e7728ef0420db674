using System;
using System.Collections.Generic;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Engine
{
    /// <summary>The confirmed-frame event: once per frame, in order, never for a predicted frame, never again after a rollback.</summary>
    public class ConfirmedEventTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RaisedOncePerFrame_InOrder_NeverPredicted_NeverRepeatedByRollbacks(int seed)
        {
            var scenario = new LateScenario { Seed = seed, Players = 3, LocalPlayers = new[] { 2 }, MaxLate = 10, PredictionWindow = 12, Frames = 300 }.Build();
            var frames = new List<int>();
            var predictedAtRaise = new List<int>();
            RollbackEngine<ManualState, TestInput> engine = scenario.Engine;
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) =>
            {
                frames.Add(f.Frame);
                for (int p = 0; p < engine.PlayerCount; p++)
                {
                    if (engine.NextUnconfirmedFrame(p) <= f.Frame)
                    {
                        predictedAtRaise.Add(f.Frame);
                    }
                }

                Assert.True(f.Frame < engine.CurrentFrame, "a frame not yet simulated was reported");
                Assert.Equal(f.Frame + 1, f.State.Frame);
                Assert.Equal(f.State.Checksum(), f.Checksum);
            };

            scenario.Run();

            Assert.True(engine.Statistics.Rollbacks > 20);
            Assert.Empty(predictedAtRaise);
            Assert.Equal(300, frames.Count);
            for (int i = 0; i < frames.Count; i++)
            {
                Assert.Equal(i, frames[i]);
            }

            Assert.Equal(299, engine.LastConfirmedFrame);
        }

        [Fact]
        public void AllLocalPlayers_ConfirmEachFrameAsSoonAsItIsSimulated()
        {
            var engine = new RollbackEngine<ManualState, TestInput>(new TestGame(), () => new ManualState(), new RollbackOptions<TestInput> { PlayerCount = 2 });
            int last = -1;
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => last = f.Frame;
            var inputs = new[] { new TestInput(1, 0), new TestInput(0, 1) };
            for (int i = 0; i < 10; i++)
            {
                engine.AdvanceFrame(inputs);
                Assert.Equal(i, last);
            }
        }

        [Fact]
        public void CallingAdvanceFromAHandler_Throws()
        {
            var engine = new RollbackEngine<ManualState, TestInput>(new TestGame(), () => new ManualState(), new RollbackOptions<TestInput> { PlayerCount = 1 });
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => engine.AdvanceFrame(new TestInput[1]);
            Assert.Throws<InvalidOperationException>(() => engine.AdvanceFrame(new TestInput[1]));
        }

        [Fact]
        public void RecordCarriesTheStateAfterTheStep_SoATerminalRewardIsExported()
        {
            // TargetScore 3 with one player pressing (1 point a step): steps 1..3 score 1,2,3; the episode ends after step 3.
            var engine = new RollbackEngine<ManualState, TestInput>(new TestGame { TargetScore = 3, MaxSteps = 100 }, () => new ManualState(), new RollbackOptions<TestInput> { PlayerCount = 1 });
            var rows = new List<(int Frame, int Episode, int Step, int Score, int Reward)>();
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => rows.Add((f.Frame, f.Episode, f.StepNum, f.State.Score, f.State.LastReward));
            var press = new[] { new TestInput(1, 0) };
            for (int i = 0; i < 7; i++)
            {
                engine.AdvanceFrame(press);
            }

            Assert.Equal(
                new[] { (0, 0, 1, 1, 1), (1, 0, 2, 2, 1), (2, 0, 3, 3, 1), (3, 1, 1, 1, 1), (4, 1, 2, 2, 1), (5, 1, 3, 3, 1), (6, 2, 1, 1, 1) },
                rows.ToArray());
        }
    }
}
