using System;
using System.Collections.Generic;
using Rollback.Collections;
using Xunit;

namespace Rollback.Runtime.Tests.Collections
{
    /// <summary>The one frame-indexed store: slot F % Capacity tagged with F, checked against a dictionary model.</summary>
    public class FrameRingTests
    {
        [Fact]
        public void AFrameIsHeldUntilItsSlotIsClaimedByAnotherFrame()
        {
            var ring = new FrameRing<int>(4);
            Assert.False(ring.Contains(0));
            Assert.Equal(-1, ring.FrameInSlotOf(0));
            ring.Set(2, 20);
            Assert.True(ring.Contains(2));
            Assert.False(ring.Contains(6));
            Assert.Equal(2, ring.FrameInSlotOf(6));
            Assert.Equal(20, ring[2]);
            ring.Set(6, 60);
            Assert.False(ring.Contains(2));
            Assert.False(ring.TryGet(2, out int gone));
            Assert.Equal(0, gone);
            Assert.True(ring.TryGet(6, out int kept));
            Assert.Equal(60, kept);
            var e = Assert.Throws<InvalidOperationException>(() => ring[2]);
            Assert.Contains("holds frame 6", e.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => ring[3]);
        }

        [Fact]
        public void ClaimReturnsTheSlotToFill_AndSaysWhetherItAlreadyHeldTheFrame()
        {
            var ring = new FrameRing<int>(3);
            ref int value = ref ring.Claim(5, out bool held);
            Assert.False(held);
            value = 55;
            Assert.Equal(55, ring[5]);
            ring.Claim(5, out held) += 1;
            Assert.True(held);
            Assert.Equal(56, ring[5]);
            ref int other = ref ring.Claim(8, out held);
            Assert.False(held);
            Assert.Equal(56, other); // the previous occupant's value, until overwritten
            ref int found = ref ring.Find(5, out held);
            Assert.False(held);
            found = 1;
            Assert.Equal(1, ring[8]); // Find gives the slot, whoever holds it
        }

        [Fact]
        public void RemoveAndClearForgetFrames()
        {
            var ring = new FrameRing<string>(2);
            ring.Set(0, "a");
            ring.Set(1, "b");
            ring.Remove(3); // not held: no effect on frame 1
            Assert.True(ring.Contains(1));
            ring.Remove(1);
            Assert.False(ring.Contains(1));
            Assert.True(ring.Contains(0));
            ring.Clear();
            Assert.False(ring.Contains(0));
            Assert.Equal(-1, ring.FrameInSlotOf(0));
        }

        [Fact]
        public void BadArguments_Throw()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new FrameRing<int>(0));
            var ring = new FrameRing<int>(2);
            Assert.False(ring.Contains(-1));
            Assert.False(ring.TryGet(-1, out _));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.Claim(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.Set(-5, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.FrameInSlotOf(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => ring.Find(-1, out _));
        }

        [Fact]
        public void TheSlotOfAFrame_IsFrameModuloCapacity_ForEveryFrameAndCapacity()
        {
            var random = new DeterministicRandom(11);
            var capacities = new List<int> { 1, 2, 3, 7, 11, 16, 19, 1000, 1027, 65536, 65537, int.MaxValue };
            for (int i = 0; i < 40; i++)
            {
                capacities.Add(1 + random.NextInt(int.MaxValue - 1));
                capacities.Add(1 + random.NextInt(5000));
            }

            foreach (int capacity in capacities)
            {
                ulong multiplier = FrameRing<byte>.RemainderMultiplier(capacity);
                var frames = new List<int> { 0, 1, capacity - 1, int.MaxValue, int.MaxValue - 1, int.MaxValue - capacity };
                if (capacity < int.MaxValue)
                {
                    frames.Add(capacity);
                    frames.Add(capacity + 1);
                }

                for (int k = 0; k < 2000; k++)
                {
                    frames.Add(random.NextInt(int.MaxValue));
                    frames.Add(random.NextInt((int)Math.Min(4L * capacity, int.MaxValue)));
                }

                foreach (int frame in frames)
                {
                    Assert.Equal(frame % capacity, FrameRing<byte>.Remainder(frame, capacity, multiplier));
                }
            }

            var ring = new FrameRing<byte>(7);
            ring.Set(int.MaxValue, 1);
            Assert.Equal(int.MaxValue, ring.FrameInSlotOf(int.MaxValue % 7));
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(3, 2)]
        [InlineData(7, 3)]
        [InlineData(16, 4)]
        [InlineData(33, 5)]
        public void RandomOperations_AgreeWithADictionaryModel(int capacity, int seed)
        {
            var ring = new FrameRing<long>(capacity);
            var model = new Dictionary<int, long>();      // frame -> value, for frames the ring must hold
            var slotOwner = new Dictionary<int, int>();   // slot -> frame
            var random = new DeterministicRandom((ulong)seed);
            int maxFrame = capacity * 5;
            for (int step = 0; step < 20_000; step++)
            {
                int frame = random.NextInt(maxFrame);
                int slot = frame % capacity;
                switch (random.NextInt(6))
                {
                    case 0:
                    case 1:
                        long value = random.NextInt(1_000_000);
                        ring.Set(frame, value);
                        if (slotOwner.TryGetValue(slot, out int evicted))
                        {
                            model.Remove(evicted);
                        }

                        slotOwner[slot] = frame;
                        model[frame] = value;
                        break;
                    case 2:
                        ring.Remove(frame);
                        if (model.Remove(frame))
                        {
                            slotOwner.Remove(slot);
                        }

                        break;
                    case 3:
                        bool found = ring.TryGet(frame, out long got);
                        Assert.Equal(model.ContainsKey(frame), found);
                        Assert.Equal(found ? model[frame] : 0, got);
                        break;
                    case 4:
                        Assert.Equal(slotOwner.TryGetValue(slot, out int owner) ? owner : -1, ring.FrameInSlotOf(frame));
                        break;
                    default:
                        ref long claimed = ref ring.Claim(frame, out bool held);
                        Assert.Equal(model.ContainsKey(frame), held);
                        if (!held)
                        {
                            if (slotOwner.TryGetValue(slot, out int previous))
                            {
                                model.Remove(previous);
                            }

                            claimed = -frame;
                        }

                        slotOwner[slot] = frame;
                        model[frame] = claimed;
                        break;
                }

                if (step % 1000 == 0)
                {
                    for (int f = 0; f < maxFrame; f++)
                    {
                        Assert.Equal(model.ContainsKey(f), ring.Contains(f));
                    }

                    Assert.True(model.Count <= capacity);
                }
            }
        }
    }
}
