using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class DeterministicRandomTests
    {
        [Fact]
        public void Xoshiro256StarStar_matches_the_reference_sequence_for_state_1_2_3_4()
        {
            // Published reference output of xoshiro256** 1.0 for the state {1, 2, 3, 4}.
            var rng = new DeterministicRandom(1, 2, 3, 4);
            Assert.Equal(11520UL, rng.NextUInt64());
            Assert.Equal(0UL, rng.NextUInt64());
            Assert.Equal(1509978240UL, rng.NextUInt64());
            Assert.Equal(1215971899390074240UL, rng.NextUInt64());
            Assert.Equal(1216172134540287360UL, rng.NextUInt64());
            Assert.Equal(607988272756665600UL, rng.NextUInt64());
        }

        [Fact]
        public void Seeding_uses_SplitMix64()
        {
            // SplitMix64 from seed 0 yields 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F,
            // 0xF88BB8A8724C81EC (reference values); the generator state is exactly those four words.
            var expected = new DeterministicRandom(0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL);
            Assert.Equal(expected, new DeterministicRandom(0UL));
        }

        [Fact]
        public void Golden_sequence_for_seed_42()
        {
            var rng = new DeterministicRandom(42UL);
            Assert.Equal(0x15780B2E0C2EC716UL, rng.NextUInt64());
            Assert.Equal(0x6104D9866D113A7EUL, rng.NextUInt64());
            Assert.Equal(0xAE17533239E499A1UL, rng.NextUInt64());
            Assert.Equal(0xECB8AD4703B360A1UL, rng.NextUInt64());
            Assert.Equal(0xFDE6DC7FE2EC5E64UL, rng.NextUInt64());
            Assert.Equal(0xC50DA53101795238UL, rng.NextUInt64());
        }

        [Fact]
        public void Golden_derived_values_for_seed_7()
        {
            var rng = new DeterministicRandom(7);
            Assert.Equal(3008953079u, rng.NextUInt32());
            Assert.Equal(1197227414u, rng.NextUInt32());

            rng = new DeterministicRandom(7);
            int[] dice = new int[10];
            for (int i = 0; i < dice.Length; i++)
            {
                dice[i] = rng.NextInt(6);
            }

            Assert.Equal(new[] { 4, 1, 5, 5, 5, 5, 0, 0, 2, 0 }, dice);

            rng = new DeterministicRandom(7);
            Assert.Equal(3008953079L, rng.NextFixed().RawValue);
        }

        [Fact]
        public void Int_and_ulong_seeds_agree_and_default_behaves_like_seed_zero()
        {
            Assert.Equal(new DeterministicRandom(7UL), new DeterministicRandom(7));
            Assert.Equal(new DeterministicRandom(ulong.MaxValue), new DeterministicRandom(-1));

            DeterministicRandom fromDefault = default;
            var fromZero = new DeterministicRandom(0UL);
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(fromZero.NextUInt64(), fromDefault.NextUInt64());
            }

            Assert.Equal(fromZero, fromDefault);
        }

        [Fact]
        public void A_copy_of_the_struct_reproduces_the_continuation()
        {
            var rng = new DeterministicRandom(123UL);
            for (int i = 0; i < 17; i++)
            {
                rng.NextUInt64();
            }

            DeterministicRandom snapshot = rng; // what a snapshot save does: copy the bytes
            var first = new ulong[50];
            for (int i = 0; i < first.Length; i++)
            {
                first[i] = i % 3 == 0 ? (ulong)rng.NextInt(1000) : rng.NextUInt64();
            }

            Assert.NotEqual(snapshot, rng);
            rng = snapshot; // rollback: restore the bytes
            for (int i = 0; i < first.Length; i++)
            {
                Assert.Equal(first[i], i % 3 == 0 ? (ulong)rng.NextInt(1000) : rng.NextUInt64());
            }
        }

        [Fact]
        public unsafe void Is_unmanaged_32_bytes_and_round_trips_through_raw_memory()
        {
            Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<DeterministicRandom>());
            Assert.Equal(32, sizeof(DeterministicRandom));
            Assert.Equal(8, sizeof(Fixed64));
            Assert.Equal(16, sizeof(FixedVector2));

            var rng = new DeterministicRandom(99UL);
            rng.NextUInt64();
            byte* bytes = stackalloc byte[sizeof(DeterministicRandom)];
            *(DeterministicRandom*)bytes = rng;
            ulong expected = rng.NextUInt64();
            DeterministicRandom restored = *(DeterministicRandom*)bytes;
            Assert.Equal(expected, restored.NextUInt64());
        }

        [Fact]
        public void Bad_arguments_throw()
        {
            var rng = new DeterministicRandom(1UL);
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(-5));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(5, 5));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(6, 5));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextFixed(Fixed64.One, Fixed64.One));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextFixed(Fixed64.One, Fixed64.Zero));
        }

        [Fact]
        public void Bounded_results_stay_in_range()
        {
            var rng = new DeterministicRandom(5UL);
            for (int i = 0; i < 100_000; i++)
            {
                Assert.InRange(rng.NextInt(7), 0, 6);
                Assert.InRange(rng.NextInt(-3, 4), -3, 3);
                Assert.InRange(rng.NextInt(int.MinValue, int.MaxValue), int.MinValue, int.MaxValue - 1);
                Assert.Equal(0, rng.NextInt(1));
                Assert.Equal(int.MinValue, rng.NextInt(int.MinValue, int.MinValue + 1));
                Fixed64 f = rng.NextFixed();
                Assert.InRange(f.RawValue, 0L, (1L << 32) - 1);
                Fixed64 g = rng.NextFixed(Fixed64.FromInt(-2), Fixed64.Half);
                Assert.True(g >= Fixed64.FromInt(-2) && g < Fixed64.Half);
                Fixed64 h = rng.NextFixed(Fixed64.MinValue, Fixed64.MaxValue);
                Assert.True(h < Fixed64.MaxValue);
                Assert.Equal(Fixed64.Epsilon, rng.NextFixed(Fixed64.Epsilon, Fixed64.Epsilon * 2));
            }
        }

        [Fact]
        public void NextInt_is_unbiased_chi_square_smoke_test()
        {
            var rng = new DeterministicRandom(2024UL);
            const int buckets = 10;
            const int samples = 200_000;
            var counts = new int[buckets];
            for (int i = 0; i < samples; i++)
            {
                counts[rng.NextInt(buckets)]++;
            }

            double expected = samples / (double)buckets;
            double chiSquare = 0;
            foreach (int c in counts)
            {
                chiSquare += (c - expected) * (c - expected) / expected;
            }

            // 9 degrees of freedom: the 99.9th percentile is 27.88.
            Assert.True(chiSquare < 27.88, $"chi-square {chiSquare}");
        }

        [Fact]
        public void Large_ranges_have_no_modulo_bias()
        {
            // Range 3 * 2^30: "x % range" on 32 random bits would put half the draws in the first third.
            var rng = new DeterministicRandom(77UL);
            const int samples = 300_000;
            int firstThird = 0;
            for (int i = 0; i < samples; i++)
            {
                if (rng.NextInt(int.MinValue, 1 << 30) < int.MinValue + (1 << 30))
                {
                    firstThird++;
                }
            }

            double fraction = firstThird / (double)samples;
            Assert.InRange(fraction, 0.33333 - 0.005, 0.33333 + 0.005);

            // Same check for the 64-bit path: 3 * 2^62 raw units.
            int low = 0;
            Fixed64 min = Fixed64.MinValue;
            Fixed64 max = Fixed64.FromRaw(1L << 62);
            for (int i = 0; i < samples; i++)
            {
                if (rng.NextFixed(min, max).RawValue < long.MinValue + (1L << 62))
                {
                    low++;
                }
            }

            Assert.InRange(low / (double)samples, 0.33333 - 0.005, 0.33333 + 0.005);
        }

        [Fact]
        public void NextBool_and_NextFixed_are_balanced()
        {
            var rng = new DeterministicRandom(31UL);
            int trues = 0;
            long sum = 0;
            const int samples = 100_000;
            for (int i = 0; i < samples; i++)
            {
                trues += rng.NextBool() ? 1 : 0;
                sum += rng.NextFixed().RawValue >> 16;
            }

            Assert.InRange(trues / (double)samples, 0.49, 0.51);
            Assert.InRange(sum / (double)samples / 65536.0, 0.49, 0.51);
        }

        [Fact]
        public void Different_seeds_give_different_sequences()
        {
            var a = new DeterministicRandom(1UL);
            var b = new DeterministicRandom(2UL);
            Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
            Assert.NotEqual(new DeterministicRandom(1UL).GetHashCode(), new DeterministicRandom(2UL).GetHashCode());
            Assert.True(new DeterministicRandom(3UL).Equals((object)new DeterministicRandom(3UL)));
        }
    }
}
