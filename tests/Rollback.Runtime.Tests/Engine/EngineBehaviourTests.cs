using System;
using System.Collections.Generic;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Engine
{
    /// <summary>Prediction window, impossible rollbacks, disconnects, input delay, batched corrections, argument checks.</summary>
    public class EngineBehaviourTests
    {
        private static RollbackEngine<ManualState, TestInput> Engine(TestGame game, int players, int[] local, int window = 8, int delay = 0, TestInput defaultInput = default, IInputPredictor<TestInput>? predictor = null) =>
            new RollbackEngine<ManualState, TestInput>(game, () => new ManualState(), new RollbackOptions<TestInput>
            {
                PlayerCount = players,
                LocalPlayers = local,
                PredictionWindow = window,
                InputDelay = delay,
                DefaultInput = defaultInput,
                Predictor = predictor,
            });

        [Fact]
        public void PredictionWindowIsAHardLimit_AdvanceWaitsAndSimulatesNothing()
        {
            var game = new TestGame();
            var engine = Engine(game, 2, new[] { 0 }, window: 4);
            var input = new[] { new TestInput(1, 1) };
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(Advance.Simulated, engine.AdvanceFrame(input));
            }

            long steps = game.Steps;
            ulong checksum = engine.State.Checksum();
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(Advance.Wait, engine.AdvanceFrame(new[] { new TestInput(3, 3) }));
            }

            Assert.Equal(4, engine.CurrentFrame);
            Assert.Equal(steps, game.Steps);
            Assert.Equal(checksum, engine.State.Checksum());
            Assert.Equal(5, engine.Statistics.Waits);
            Assert.Equal(4, engine.Statistics.FramesSimulated);

            // The refused inputs were not consumed: frame 4 uses the input given when it is finally simulated.
            engine.AddRemoteInput(1, 0, default);
            var seen = new List<TestInput>();
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => seen.Add(f.Inputs[0]);
            Assert.Equal(Advance.Simulated, engine.AdvanceFrame(new[] { new TestInput(2, 0) }));
            for (int f = 1; f <= 4; f++)
            {
                engine.AddRemoteInput(1, f, default);
            }

            engine.Synchronize();
            Assert.Equal(new TestInput(2, 0), seen[4]);
        }

        [Fact]
        public void WindowZero_IsLockstep()
        {
            var game = new TestGame();
            var engine = Engine(game, 2, new[] { 0 }, window: 0);
            var input = new[] { new TestInput(1, 1) };
            Assert.Equal(Advance.Wait, engine.AdvanceFrame(input));
            engine.AddRemoteInput(1, 0, new TestInput(1, 0));
            Assert.Equal(Advance.Simulated, engine.AdvanceFrame(input));
            Assert.Equal(Advance.Wait, engine.AdvanceFrame(input));
            Assert.Equal(0, engine.Statistics.Rollbacks);
        }

        [Fact]
        public void AnInputContradictingAReportedFrame_ThrowsRollbackImpossible()
        {
            var engine = Engine(new TestGame(), 2, new[] { 0 });
            for (int f = 0; f < 5; f++)
            {
                engine.AddRemoteInput(1, f, new TestInput(1, 0));
                engine.AdvanceFrame(new[] { default(TestInput) });
            }

            Assert.Equal(4, engine.LastConfirmedFrame);
            engine.AddRemoteInput(1, 2, new TestInput(1, 0)); // an identical duplicate is fine
            var ex = Assert.Throws<RollbackImpossibleException>(() => engine.AddRemoteInput(1, 2, new TestInput(0, 1)));
            Assert.Equal(2, ex.TargetFrame);
            Assert.Contains("frame 2", ex.Message);
        }

        [Fact]
        public void DisconnectingBeforeAReportedFrame_ThrowsRollbackImpossible()
        {
            var engine = Engine(new TestGame(), 2, new[] { 0 });
            for (int f = 0; f < 5; f++)
            {
                engine.AddRemoteInput(1, f, new TestInput(1, 0));
                engine.AdvanceFrame(new[] { default(TestInput) });
            }

            Assert.Throws<RollbackImpossibleException>(() => engine.SetDisconnected(1, 3));
        }

        [Fact]
        public void ReplayingFromAFrameWhoseSnapshotIsGone_ThrowsRollbackImpossible()
        {
            var engine = Engine(new TestGame(), 1, null!, window: 2);
            for (int f = 0; f < 20; f++)
            {
                engine.AdvanceFrame(new TestInput[1]);
            }

            var ex = Assert.Throws<RollbackImpossibleException>(() => engine.ReplayFrom(3));
            Assert.Contains("no longer kept", ex.Message);
            Assert.Equal(3, ex.TargetFrame);
        }

        [Fact]
        public void DisconnectedPlayer_UsesTheAgreedDefaultInput_AndPredictionsAreCorrected()
        {
            var defaultInput = new TestInput(2, -2);
            var game = new TestGame { MaxSteps = 1000, TargetScore = int.MaxValue };
            var engine = Engine(game, 2, new[] { 0 }, window: 10, defaultInput: defaultInput);
            var records = new List<(TestInput Local, TestInput Remote, ulong Checksum)>();
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => records.Add((f.Inputs[0], f.Inputs[1], f.Checksum));
            var press = new TestInput(1, 1);
            for (int f = 0; f < 30; f++)
            {
                engine.AddRemoteInput(1, f, press);
                engine.AdvanceFrame(new[] { press });
            }

            for (int f = 30; f < 36; f++)
            {
                engine.AdvanceFrame(new[] { press }); // 30..35 predicted as "press"
            }

            engine.SetDisconnected(1, 30);
            engine.AddRemoteInput(1, 31, press); // ignored: the player left at 30
            Assert.True(engine.IsDisconnected(1, 31));
            for (int f = 36; f < 50; f++)
            {
                Assert.Equal(Advance.Simulated, engine.AdvanceFrame(new[] { press })); // no remote input needed any more
            }

            Assert.Equal(1, engine.Statistics.Rollbacks);
            Assert.Equal(50, records.Count);
            ConfirmedLog oracle = Oracle.Run(new TestGame { MaxSteps = 1000, TargetScore = int.MaxValue }, 2, 50, (p, f) => p == 1 && f >= 30 ? defaultInput : press);
            for (int f = 0; f < 50; f++)
            {
                Assert.Equal(f < 30 ? press : defaultInput, records[f].Remote);
                Assert.Equal(oracle.Checksum[f], records[f].Checksum);
            }
        }

        [Fact]
        public void FramesBeforeTheInputDelay_UseTheDefault_AndTheDelayCanChangeWhileRunning()
        {
            var defaultInput = new TestInput(9, 9);
            var engine = Engine(new TestGame(), 1, null!, delay: 2, defaultInput: defaultInput);
            var used = new List<int>();
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => used.Add(f.Inputs[0].Buttons);
            static TestInput Given(int frame) => new TestInput((byte)(frame + 1), 0); // the input given while at `frame`

            for (int f = 0; f < 10; f++)
            {
                engine.AdvanceFrame(new[] { Given(f) });
            }

            engine.InputDelay = 4; // frames 12, 13 were skipped: they repeat the last input (given at 9, for 11)
            for (int f = 10; f < 20; f++)
            {
                engine.AdvanceFrame(new[] { Given(f) });
            }

            engine.InputDelay = 1; // inputs given at 20..22 target 21..23, already filled: dropped
            for (int f = 20; f < 30; f++)
            {
                engine.AdvanceFrame(new[] { Given(f) });
            }

            var expected = new List<int> { 9, 9 };                 // default before the delay
            for (int f = 2; f <= 11; f++) expected.Add(f - 2 + 1);  // given at f - 2
            expected.Add(10); expected.Add(10);                      // 12, 13 repeat frame 11's input
            for (int f = 14; f <= 23; f++) expected.Add(f - 4 + 1);  // given at f - 4
            for (int f = 24; f < 30; f++) expected.Add(f - 1 + 1);   // given at f - 1
            Assert.Equal(expected, used);
        }

        [Fact]
        public void SeveralCorrectionsInOneTick_MakeOneRollbackFromTheEarliest()
        {
            var game = new TestGame { RollbackLog = new List<(int, int)>() };
            var engine = Engine(game, 3, new[] { 0 }, window: 10);
            var idle = new[] { default(TestInput) };
            for (int f = 0; f < 10; f++)
            {
                engine.AdvanceFrame(idle);
            }

            for (int f = 0; f < 10; f++)
            {
                engine.AddRemoteInput(1, f, f >= 6 ? new TestInput(1, 0) : default);
                engine.AddRemoteInput(2, f, f >= 3 ? new TestInput(0, 1) : default);
            }

            engine.AdvanceFrame(idle);
            Assert.Equal(1, engine.Statistics.Rollbacks);
            Assert.Equal(new[] { (3, 10) }, game.RollbackLog.ToArray());
            Assert.Equal(7, engine.Statistics.MaxRollbackDepth);
            Assert.Equal(1, engine.Statistics.DepthHistogram[7]);
            Assert.Equal(7, engine.Statistics.FramesReplayed);
        }

        [Fact]
        public void ACustomPredictor_IsUsed_AndAGoodGuessNeedsNoRollback()
        {
            var predictor = new CountingPredictor();
            var engine = Engine(new TestGame(), 2, new[] { 0 }, predictor: predictor);
            for (int f = 0; f < 6; f++)
            {
                engine.AdvanceFrame(new TestInput[1]);
            }

            for (int f = 0; f < 6; f++)
            {
                engine.AddRemoteInput(1, f, new TestInput((byte)f, 0)); // exactly the guess
            }

            engine.AdvanceFrame(new TestInput[1]);
            Assert.True(predictor.Calls >= 6);
            Assert.Equal(0, engine.Statistics.Rollbacks);
            Assert.Equal(5, engine.LastConfirmedFrame);
        }

        [Fact]
        public void BadArguments_ThrowClearly()
        {
            var engine = Engine(new TestGame(), 2, new[] { 0 });
            Assert.Throws<ArgumentException>(() => engine.AdvanceFrame(new TestInput[2]));
            Assert.Throws<ArgumentException>(() => engine.AddRemoteInput(0, 0, default));
            Assert.Throws<ArgumentOutOfRangeException>(() => engine.AddRemoteInput(2, 0, default));
            Assert.Throws<ArgumentOutOfRangeException>(() => engine.AddRemoteInput(1, -1, default));
            Assert.Throws<ArgumentOutOfRangeException>(() => engine.InputDelay = -1);
            Assert.Throws<InvalidOperationException>(() => engine.AddRemoteInput(1, 10_000, default));
            Assert.Throws<ArgumentOutOfRangeException>(() => Engine(new TestGame(), 0, null!));
            Assert.Throws<ArgumentOutOfRangeException>(() => Engine(new TestGame(), 2, new[] { 2 }));
            Assert.Throws<ArgumentException>(() => Engine(new TestGame(), 2, new[] { 1, 1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => Engine(new TestGame(), 2, null!, window: -1));
            var shared = new ManualState();
            Assert.Throws<ArgumentException>(() => new RollbackEngine<ManualState, TestInput>(new TestGame(), () => shared));
            Assert.Throws<ArgumentNullException>(() => new RollbackEngine<ManualState, TestInput>(null!, () => new ManualState()));
        }

        private sealed class CountingPredictor : IInputPredictor<TestInput>
        {
            public int Calls;

            public TestInput Predict(int player, int frame, int lastConfirmedFrame, in TestInput lastConfirmedInput)
            {
                Calls++;
                return new TestInput((byte)frame, 0);
            }
        }
    }
}
