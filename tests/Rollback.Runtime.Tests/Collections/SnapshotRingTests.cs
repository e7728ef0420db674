using System;
using System.Collections.Generic;
using Rollback.Runtime.Tests.Generated;
using Rollback.Snapshots;
using Xunit;

namespace Rollback.Runtime.Tests.Collections
{
    /// <summary>The snapshot store on its own: save, restore, counters, checksums, retention, growth.</summary>
    public class SnapshotRingTests
    {
        private static Arena At(int frame, int stepNum, int episode, int ticks, int scores = 2)
        {
            var state = new Arena { Ticks = ticks, Scores = new int[scores] };
            state.Scores[scores - 1] = ticks * 3;
            ((IRollbackCounters)state).SetCounters(frame, stepNum, episode);
            return state;
        }

        [Fact]
        public void ASavedFrame_RestoresExactly_WithItsCountersAndChecksum()
        {
            var ring = new SnapshotRing(4);
            Arena saved = At(7, 3, 1, ticks: 42);
            ring.Save(saved, oldestNeeded: 0);
            Assert.True(ring.Contains(7));
            Assert.Equal(3, ring.StepNum(7));
            Assert.Equal(1, ring.Episode(7));
            Assert.Equal(saved.Checksum(), ring.Checksum(7));
            Assert.Equal(SnapshotEncoding.Checksum(ring.Bytes(7)), ring.Checksum(7));

            var target = new Arena();
            ring.Restore(7, target);
            Assert.Equal(7, target.Frame);
            Assert.Equal(42, target.Ticks);
            Assert.Null(target.FirstDifference(saved));
        }

        [Fact]
        public void SavingAFrameAgain_ReplacesItsBytesAndChecksum()
        {
            var ring = new SnapshotRing(3);
            ring.Save(At(2, 2, 0, ticks: 1), 0);
            ulong first = ring.Checksum(2);
            Arena changed = At(2, 2, 0, ticks: 2);
            ring.Save(changed, 0);
            Assert.NotEqual(first, ring.Checksum(2));
            Assert.Equal(changed.Checksum(), ring.Checksum(2));
        }

        [Fact]
        public void OverwritingAFrameStillNeeded_Throws_AndOlderFramesAreDropped()
        {
            var ring = new SnapshotRing(3);
            for (int f = 0; f < 3; f++)
            {
                ring.Save(At(f, f, 0, f), 0);
            }

            Assert.Equal(0, ring.OldestFrame);
            var e = Assert.Throws<InvalidOperationException>(() => ring.Save(At(3, 3, 0, 3), oldestNeeded: 0));
            Assert.Contains("too small", e.Message, StringComparison.Ordinal);
            Assert.True(ring.Contains(0)); // not lost
            ring.Save(At(3, 3, 0, 3), oldestNeeded: 1);
            Assert.False(ring.Contains(0));
            Assert.Equal(1, ring.OldestFrame);
            Assert.Throws<InvalidOperationException>(() => ring.Bytes(0));
            Assert.Throws<InvalidOperationException>(() => ring.Checksum(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotRing(1));
        }

        [Fact]
        public void AStateThatOutgrowsItsSlot_IsSavedWhole()
        {
            var ring = new SnapshotRing(2);
            Arena big = At(0, 0, 0, ticks: 5, scores: 1000); // far beyond the initial slot size
            ring.Save(big, 0);
            Assert.Equal(big.SnapshotSize, ring.Bytes(0).Length);
            var target = new Arena();
            ring.Restore(0, target);
            Assert.Equal(1000, target.Scores.Length);
            Assert.Equal(15, target.Scores[999]);
        }

        [Fact]
        public void RestoringIntoAStateRejectsBytesOfAnotherFrame()
        {
            var ring = new SnapshotRing(2);
            ring.Save(At(4, 0, 0, 0), 0);
            Assert.Throws<InvalidOperationException>(() => ring.Restore(5, new Arena()));
        }

        [Theory]
        [InlineData(2, 1)]
        [InlineData(5, 2)]
        [InlineData(11, 3)]
        public void RandomSavesAndReads_AgreeWithADictionaryModel(int capacity, int seed)
        {
            var ring = new SnapshotRing(capacity);
            var model = new Dictionary<int, (byte[] Bytes, int StepNum, int Episode)>();
            var random = new DeterministicRandom((ulong)seed);
            int newest = 0;
            for (int step = 0; step < 3000; step++)
            {
                // Mostly the next frame, sometimes a re-save of a recent one (a replay).
                int frame = random.NextInt(4) == 0 ? Math.Max(0, newest - random.NextInt(capacity)) : newest + 1;
                Arena state = At(frame, random.NextInt(100), random.NextInt(5), random.NextInt(1000), scores: 1 + random.NextInt(80));
                int oldestNeeded = Math.Max(0, Math.Max(frame, newest) - capacity + 1);
                ring.Save(state, oldestNeeded);
                newest = Math.Max(newest, frame);
                model.Remove(frame - capacity);
                var bytes = new byte[state.SnapshotSize];
                state.Save(bytes);
                model[frame] = (bytes, state.StepNum, state.Episode);

                int probe = Math.Max(0, newest - random.NextInt(capacity + 2));
                bool held = model.ContainsKey(probe) && probe > newest - capacity;
                Assert.Equal(held, ring.Contains(probe));
                if (held)
                {
                    (byte[] expected, int stepNum, int episode) = model[probe];
                    Assert.True(ring.Bytes(probe).SequenceEqual(expected));
                    Assert.Equal(SnapshotEncoding.Checksum(expected), ring.Checksum(probe));
                    Assert.Equal(stepNum, ring.StepNum(probe));
                    Assert.Equal(episode, ring.Episode(probe));
                }
            }
        }
    }
}
