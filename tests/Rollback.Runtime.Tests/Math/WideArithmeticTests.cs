using System;
using System.Numerics;
using Xunit;
using static Rollback.Runtime.Tests.DeterministicMath.MathTestHelpers;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class WideArithmeticTests
    {
        [Fact]
        public void Unsigned_multiply_portable_and_intrinsic_match_BigInteger()
        {
            var random = new Random(6001);
            for (int i = 0; i < 100_000; i++)
            {
                ulong a = i == 0 ? ulong.MaxValue : RandomULong(random) >> random.Next(64);
                ulong b = i == 0 ? ulong.MaxValue : RandomULong(random) >> random.Next(64);
                BigInteger exact = (BigInteger)a * b;
                ulong high = WideArithmetic.UMul128Portable(a, b, out ulong low);
                Assert.Equal(exact, ((BigInteger)high << 64) + low);
                Assert.Equal(high, WideArithmetic.UMul128(a, b, out ulong low2));
                Assert.Equal(low, low2);
            }
        }

        [Fact]
        public void Leading_zero_count_portable_matches()
        {
            Assert.Equal(64, WideArithmetic.LeadingZeroCountPortable(0));
            for (int bit = 0; bit < 64; bit++)
            {
                ulong v = 1UL << bit;
                Assert.Equal(63 - bit, WideArithmetic.LeadingZeroCountPortable(v));
                Assert.Equal(63 - bit, WideArithmetic.LeadingZeroCountPortable(v | (v >> 1) | 1));
                Assert.Equal(63 - bit, WideArithmetic.LeadingZeroCount(v));
            }
        }

        [Fact]
        public void Divide_128_by_64_matches_BigInteger()
        {
            var random = new Random(6002);
            for (int i = 0; i < 200_000; i++)
            {
                ulong divisor = RandomULong(random) >> random.Next(64);
                if (divisor == 0)
                {
                    continue;
                }

                ulong high = RandomULong(random) % divisor;
                ulong low = RandomULong(random);
                BigInteger n = ((BigInteger)high << 64) + low;
                ulong q = WideArithmetic.DivRem128By64(high, low, divisor, out ulong rem);
                Assert.Equal(n / divisor, (BigInteger)q);
                Assert.Equal(n % divisor, (BigInteger)rem);
            }
        }

        [Fact]
        public void Integer_square_roots_match_BigInteger()
        {
            var random = new Random(6003);
            for (int i = 0; i < 100_000; i++)
            {
                ulong high = i == 0 ? 1UL << 63 : RandomULong(random) >> random.Next(1, 65);
                ulong low = i == 0 ? 0 : RandomULong(random);
                BigInteger n = ((BigInteger)high << 64) + low;
                ulong r = WideArithmetic.ISqrt128(high, low);
                Assert.True((BigInteger)r * r <= n && ((BigInteger)r + 1) * ((BigInteger)r + 1) > n, $"isqrt({n}) = {r}");
                ulong rounded = WideArithmetic.RoundedSqrt128(high, low);
                BigInteger twoR = 2 * (BigInteger)rounded;
                Assert.True((twoR - 1) * (twoR - 1) <= 4 * n && 4 * n < (twoR + 1) * (twoR + 1));
            }

            for (ulong n = 0; n < 10_000; n++)
            {
                ulong r = WideArithmetic.ISqrt64(n);
                Assert.True(r * r <= n && (r + 1) * (r + 1) > n);
            }

            Assert.Equal(uint.MaxValue, WideArithmetic.ISqrt64(ulong.MaxValue));
        }
    }
}
