using System;
using System.Collections.Generic;
using Xunit;

namespace Rollback.Runtime.Tests.Collections
{
    /// <summary>One player's input queue on its own: confirmation, prediction, misprediction, delay, disconnect.</summary>
    public class InputQueueTests
    {
        private static InputQueue<int> Queue(int capacity = 16, int start = 0, int defaultInput = 0, IInputPredictor<int>? predictor = null) =>
            new InputQueue<int>(1, start, capacity, defaultInput, predictor ?? RepeatLastInputPredictor<int>.Instance);

        [Fact]
        public void InputsArrivingOutOfOrder_ConfirmOnlyTheUnbrokenPrefix()
        {
            InputQueue<int> q = Queue(start: 10);
            Assert.Equal(10, q.NextUnconfirmedFrame);
            q.AddConfirmed(12, 3);
            q.AddConfirmed(11, 2);
            Assert.Equal(10, q.NextUnconfirmedFrame);
            Assert.True(q.TryGetConfirmed(12, out int twelve));
            Assert.Equal(3, twelve);
            Assert.False(q.TryGetConfirmed(10, out _));
            q.AddConfirmed(10, 1);
            Assert.Equal(13, q.NextUnconfirmedFrame);
            q.AddConfirmed(10, 1); // an equal duplicate is ignored
            Assert.Equal(13, q.NextUnconfirmedFrame);
        }

        [Fact]
        public void APredictionRepeatsTheLastConfirmedInput_AndAWrongOneIsFlaggedAtItsEarliestFrame()
        {
            InputQueue<int> q = Queue(defaultInput: 9);
            Assert.Equal(9, q.ForSimulation(0)); // nothing known yet: the agreed default
            q.AddConfirmed(0, 9);
            Assert.Equal(int.MaxValue, q.FirstIncorrectFrame); // the guess was right
            q.AddConfirmed(1, 4);
            Assert.Equal(4, q.ForSimulation(1));
            Assert.Equal(4, q.ForSimulation(2));
            Assert.Equal(4, q.ForSimulation(3));
            Assert.Equal(4, q.ForSimulation(4));
            q.AddConfirmed(4, 6);
            Assert.Equal(4, q.FirstIncorrectFrame);
            q.AddConfirmed(2, 4); // right
            Assert.Equal(4, q.FirstIncorrectFrame);
            q.AddConfirmed(3, 5); // wrong, earlier
            Assert.Equal(3, q.FirstIncorrectFrame);
            Assert.Equal(5, q.NextUnconfirmedFrame);
            q.ClearIncorrect();
            Assert.Equal(int.MaxValue, q.FirstIncorrectFrame);
            Assert.Equal(5, q.ForSimulation(3)); // the replay uses the confirmed input
            Assert.Equal(6, q.ForSimulation(4));
            Assert.Equal(6, q.ForSimulation(5)); // and predicts from the newest confirmed one
        }

        [Fact]
        public void AContradictingDuplicate_Throws_NamingWhetherTheFrameWasAlreadyReported()
        {
            InputQueue<int> q = Queue();
            q.AddConfirmed(0, 1);
            q.AddConfirmed(1, 1);
            var before = Assert.Throws<RollbackImpossibleException>(() => q.AddConfirmed(1, 2));
            Assert.Equal(1, before.TargetFrame);
            Assert.DoesNotContain("reported", before.Message, StringComparison.Ordinal);
            q.DiscardBefore(2);
            var after = Assert.Throws<RollbackImpossibleException>(() => q.AddConfirmed(0, 7));
            Assert.Contains("reported", after.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AnInputBeyondTheBufferedWindow_ThrowsInsteadOfOverwritingAnUnreportedFrame()
        {
            InputQueue<int> q = Queue(capacity: 8);
            q.AddConfirmed(7, 1);
            var e = Assert.Throws<InvalidOperationException>(() => q.AddConfirmed(8, 1));
            Assert.Contains("too early", e.Message, StringComparison.Ordinal);
            q.DiscardBefore(4);
            q.AddConfirmed(11, 1);
        }

        [Fact]
        public void LocalInputs_FillSkippedFramesWhenTheDelayGrows_AndAreDroppedWhenItShrinks()
        {
            InputQueue<int> q = Queue(defaultInput: 0);
            q.FillDefault(1);           // delay 2: frames 0 and 1 are the default
            q.AddLocal(0, 2, 5);        // frame 2
            q.AddLocal(1, 4, 6);        // delay grew to 4: frames 3 and 4 repeat 5, frame 5 is 6
            Assert.Equal(6, q.NextUnconfirmedFrame);
            int[] expected = { 0, 0, 5, 5, 5, 6 };
            for (int f = 0; f < expected.Length; f++)
            {
                Assert.True(q.TryGetConfirmed(f, out int input));
                Assert.Equal(expected[f], input);
            }

            q.AddLocal(2, 1, 7);        // delay shrank to 1: frame 3 is already filled, dropped
            Assert.True(q.TryGetConfirmed(3, out int three));
            Assert.Equal(5, three);
            Assert.Equal(6, q.NextUnconfirmedFrame);
        }

        [Fact]
        public void ADisconnectedPlayer_UsesTheDefaultFromTheAgreedFrame_AndEarlierGuessesBecomeMispredictions()
        {
            InputQueue<int> q = Queue(defaultInput: 0);
            q.AddConfirmed(0, 3);
            q.AddConfirmed(1, 3);
            for (int f = 0; f < 6; f++)
            {
                q.ForSimulation(f); // 2..5 predicted as 3
            }

            q.Disconnect(4);
            Assert.Equal(4, q.FirstIncorrectFrame);
            Assert.Equal(2, q.NextUnconfirmedFrame);
            q.AddConfirmed(2, 3);
            q.AddConfirmed(3, 3);
            Assert.Equal(int.MaxValue, q.NextUnconfirmedFrame); // caught up to the disconnect: nothing more to wait for
            Assert.True(q.TryGetConfirmed(100, out int late));
            Assert.Equal(0, late);
            q.AddConfirmed(4, 9); // after the disconnect frame: ignored
            Assert.Equal(0, q.ForSimulation(4));
            Assert.Throws<InvalidOperationException>(() => q.Disconnect(5));
            q.Disconnect(4); // the same frame again is fine
            q.DiscardBefore(4);
            InputQueue<int> other = Queue();
            other.DiscardBefore(3);
            Assert.Throws<RollbackImpossibleException>(() => other.Disconnect(2));
        }

        [Fact]
        public void ACustomPredictor_GetsThePlayerFrameAndLastConfirmedInput()
        {
            var predictor = new RecordingPredictor();
            var q = new InputQueue<int>(3, 0, 16, 0, predictor);
            q.AddConfirmed(0, 5);
            q.AddConfirmed(1, 6);
            Assert.Equal(1000 + 4, q.ForSimulation(4));
            Assert.Equal((3, 4, 1, 6), predictor.Last);
            q.ForSimulation(1); // confirmed: the predictor is not asked
            Assert.Equal(1, predictor.Calls);
        }

        [Theory]
        [InlineData(1, 8, 3)]
        [InlineData(2, 16, 2)]
        [InlineData(3, 12, 5)]
        [InlineData(4, 40, 4)]
        [InlineData(5, 9, 2)]
        public void RandomArrivalsSimulationsAndReplays_AgreeWithAModel(int seed, int capacity, int alphabet)
        {
            var random = new DeterministicRandom((ulong)seed);
            InputQueue<int> q = Queue(capacity: capacity);
            var confirmed = new Dictionary<int, int>();
            var used = new Dictionary<int, int>();
            int present = 0;   // next frame to simulate
            int floor = 0;     // frames before it are final
            int Truth(int frame) => (int)((((uint)frame * 2654435761u) >> 7) % (uint)alphabet);
            int contiguous = -1;
            int Contiguous()
            {
                while (confirmed.ContainsKey(contiguous + 1))
                {
                    contiguous++;
                }

                return contiguous;
            }

            for (int step = 0; step < 20_000; step++)
            {
                switch (random.NextInt(4))
                {
                    case 0:
                    {
                        int frame = floor + random.NextInt(capacity);
                        q.AddConfirmed(frame, Truth(frame));
                        if (frame > Contiguous())
                        {
                            confirmed[frame] = Truth(frame);
                        }

                        break;
                    }

                    case 1:
                        if (present < floor + capacity - 1)
                        {
                            int c = Contiguous();
                            int expected = confirmed.TryGetValue(present, out int known) ? known : (c < 0 ? 0 : confirmed[c]);
                            Assert.Equal(expected, q.ForSimulation(present));
                            used[present] = expected;
                            present++;
                        }

                        break;
                    case 2:
                        if (q.FirstIncorrectFrame < present)
                        {
                            int from = q.FirstIncorrectFrame;
                            q.ClearIncorrect();
                            for (int f = from; f < present; f++)
                            {
                                used[f] = q.ForSimulation(f);
                            }
                        }

                        break;
                    default:
                    {
                        int newFloor = Math.Min(present, Math.Min(q.NextUnconfirmedFrame, q.FirstIncorrectFrame));
                        if (newFloor > floor)
                        {
                            for (int f = floor; f < newFloor; f++)
                            {
                                used.Remove(f); // final: the model forgets them as the queue may
                            }

                            floor = newFloor;
                            q.DiscardBefore(floor);
                        }

                        break;
                    }
                }

                Assert.Equal(Contiguous() + 1, q.NextUnconfirmedFrame);
                int firstWrong = int.MaxValue;
                foreach (KeyValuePair<int, int> u in used)
                {
                    if (u.Key >= floor && confirmed.TryGetValue(u.Key, out int truth) && truth != u.Value && u.Key < firstWrong)
                    {
                        firstWrong = u.Key;
                    }
                }

                Assert.Equal(firstWrong, q.FirstIncorrectFrame);
                int probe = floor + random.NextInt(capacity);
                Assert.Equal(confirmed.ContainsKey(probe), q.TryGetConfirmed(probe, out int got));
                if (confirmed.ContainsKey(probe))
                {
                    Assert.Equal(Truth(probe), got);
                }
            }

            Assert.True(floor > 100, $"the model run should advance (floor {floor})");
        }

        private sealed class RecordingPredictor : IInputPredictor<int>
        {
            public (int Player, int Frame, int LastFrame, int LastInput) Last;
            public int Calls;

            public int Predict(int player, int frame, int lastConfirmedFrame, in int lastConfirmedInput)
            {
                Calls++;
                Last = (player, frame, lastConfirmedFrame, lastConfirmedInput);
                return 1000 + frame;
            }
        }
    }
}
