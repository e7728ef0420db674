using System;
using System.Numerics;
using Xunit;
using static Rollback.Runtime.Tests.DeterministicMath.MathTestHelpers;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class FixedMathTests
    {
        private static Fixed64 F(long raw) => Fixed64.FromRaw(raw);

        private static Fixed64 P(string text) => Fixed64.Parse(text);

        [Fact]
        public void Sqrt_is_correctly_rounded_against_BigInteger()
        {
            var random = new Random(3001);
            for (int i = 0; i < 200_000; i++)
            {
                long raw = i < EdgeRaws.Length ? EdgeRaws[i] : RandomRaw(random);
                if (raw < 0)
                {
                    raw = raw == long.MinValue ? long.MaxValue : -raw;
                }

                AssertCorrectlyRoundedSqrt(raw);
            }

            // Perfect squares and their neighbours.
            for (long n = 0; n < 3000; n++)
            {
                long square = n * n;
                AssertCorrectlyRoundedSqrt(square);
                AssertCorrectlyRoundedSqrt(square + 1);
                AssertCorrectlyRoundedSqrt(Math.Max(0, square - 1));
                AssertCorrectlyRoundedSqrt(square << 32);
            }
        }

        [Fact]
        public void Sqrt_accuracy_versus_double_within_one_ulp()
        {
            var random = new Random(3002);
            double maxUlps = 0;
            for (int i = 0; i < 100_000; i++)
            {
                long raw = RandomRaw(random, 52) & long.MaxValue; // exact as double
                double exact = Math.Sqrt(raw / 4294967296.0);
                double got = FixedMath.Sqrt(F(raw)).ToDouble();
                maxUlps = Math.Max(maxUlps, Math.Abs(got - exact) * 4294967296.0);
            }

            Assert.True(maxUlps <= 0.5 + 1e-6, $"max error {maxUlps} ulp");
        }

        [Fact]
        public void Sqrt_examples_and_golden_values()
        {
            Assert.Equal(Fixed64.Zero, FixedMath.Sqrt(Fixed64.Zero));
            Assert.Equal(Fixed64.One, FixedMath.Sqrt(Fixed64.One));
            Assert.Equal(Fixed64.FromInt(3), FixedMath.Sqrt(Fixed64.FromInt(9)));
            Assert.Equal(Fixed64.Half, FixedMath.Sqrt(P("0.25")));
            Assert.Equal(F(65536), FixedMath.Sqrt(Fixed64.Epsilon)); // sqrt(2^-32) = 2^-16
            // Golden raw values: a change of algorithm or rounding must show up here.
            Assert.Equal(6074001000L, FixedMath.Sqrt(Fixed64.FromInt(2)).RawValue);
            Assert.Equal(199032864766430L, FixedMath.Sqrt(Fixed64.MaxValue).RawValue);
        }

        [Fact]
        public void Sqrt_of_negative_throws()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => FixedMath.Sqrt(-Fixed64.Epsilon));
            Assert.Throws<ArgumentOutOfRangeException>(() => FixedMath.Sqrt(Fixed64.MinValue));
        }

        [Fact]
        public void Floor_Ceiling_Round_Truncate()
        {
            Assert.Equal(Fixed64.FromInt(2), FixedMath.Floor(P("2.7")));
            Assert.Equal(Fixed64.FromInt(-3), FixedMath.Floor(P("-2.7")));
            Assert.Equal(Fixed64.FromInt(3), FixedMath.Ceiling(P("2.1")));
            Assert.Equal(Fixed64.FromInt(-2), FixedMath.Ceiling(P("-2.7")));
            Assert.Equal(Fixed64.FromInt(2), FixedMath.Ceiling(Fixed64.FromInt(2)));
            Assert.Equal(Fixed64.FromInt(3), FixedMath.Round(P("2.5")));
            Assert.Equal(Fixed64.FromInt(-3), FixedMath.Round(P("-2.5")));
            Assert.Equal(Fixed64.FromInt(4), FixedMath.Round(P("3.5")));
            Assert.Equal(Fixed64.FromInt(2), FixedMath.Round(F((2L << 32) + (1L << 31) - 1))); // 2.5 - 1 ulp
            Assert.Equal(Fixed64.FromInt(-2), FixedMath.Round(F(-((2L << 32) + (1L << 31) - 1))));
            Assert.Equal(Fixed64.Zero, FixedMath.Round(-Fixed64.Epsilon));
            Assert.Equal(Fixed64.FromInt(2), FixedMath.Truncate(P("2.7")));
            Assert.Equal(Fixed64.FromInt(-2), FixedMath.Truncate(P("-2.7")));
            Assert.Equal(-3, FixedMath.FloorToInt(P("-2.5")));
            Assert.Equal(-2, FixedMath.CeilingToInt(P("-2.5")));
            Assert.Equal(-3, FixedMath.RoundToInt(P("-2.5")));
            Assert.Equal(3, FixedMath.RoundToInt(P("2.5")));

            // Documented wrap-around at the top of the range.
            Assert.Equal(Fixed64.MinValue, FixedMath.Ceiling(Fixed64.MaxValue));
            Assert.Equal(Fixed64.MinValue, FixedMath.Round(P("2147483647.5")));
            Assert.Equal(Fixed64.FromInt(int.MaxValue), FixedMath.Round(F(long.MaxValue - (1L << 31))));
            Assert.Equal(Fixed64.MinValue, FixedMath.Floor(Fixed64.MinValue));

            var random = new Random(3003);
            for (int i = 0; i < 100_000; i++)
            {
                long raw = RandomRaw(random, 62);
                BigInteger floor = FloorDiv(raw, Two32);
                Assert.Equal((long)(floor << 32), FixedMath.Floor(F(raw)).RawValue);
                BigInteger ceiling = -FloorDiv(-raw, Two32);
                Assert.Equal((long)(ceiling << 32), FixedMath.Ceiling(F(raw)).RawValue);
                Assert.Equal((long)(RoundDiv(raw, Two32) << 32), FixedMath.Round(F(raw)).RawValue);
                Assert.Equal((int)floor, FixedMath.FloorToInt(F(raw)));
            }
        }

        [Fact]
        public void Abs_Sign_Min_Max_Clamp_Lerp()
        {
            Assert.Equal(P("2.5"), FixedMath.Abs(P("-2.5")));
            Assert.Equal(P("2.5"), FixedMath.Abs(P("2.5")));
            Assert.Equal(Fixed64.MaxValue, FixedMath.Abs(-Fixed64.MaxValue));
            Assert.Equal(Fixed64.MinValue, FixedMath.Abs(Fixed64.MinValue)); // documented wrap
            Assert.Equal(-1, FixedMath.Sign(-Fixed64.Epsilon));
            Assert.Equal(0, FixedMath.Sign(Fixed64.Zero));
            Assert.Equal(1, FixedMath.Sign(Fixed64.Epsilon));
            Assert.Equal(Fixed64.One, FixedMath.Min(Fixed64.One, Fixed64.FromInt(2)));
            Assert.Equal(Fixed64.FromInt(2), FixedMath.Max(Fixed64.One, Fixed64.FromInt(2)));
            Assert.Equal(Fixed64.One, FixedMath.Clamp(Fixed64.FromInt(5), Fixed64.Zero, Fixed64.One));
            Assert.Equal(Fixed64.Zero, FixedMath.Clamp(Fixed64.FromInt(-5), Fixed64.Zero, Fixed64.One));
            Assert.Equal(Fixed64.Half, FixedMath.Clamp(Fixed64.Half, Fixed64.Zero, Fixed64.One));
            Assert.Throws<ArgumentException>(() => FixedMath.Clamp(Fixed64.Zero, Fixed64.One, Fixed64.Zero));
            Assert.Equal(Fixed64.FromInt(15), FixedMath.Lerp(Fixed64.FromInt(10), Fixed64.FromInt(20), Fixed64.Half));
            Assert.Equal(Fixed64.FromInt(10), FixedMath.Lerp(Fixed64.FromInt(10), Fixed64.FromInt(20), Fixed64.Zero));
            Assert.Equal(Fixed64.FromInt(20), FixedMath.Lerp(Fixed64.FromInt(10), Fixed64.FromInt(20), Fixed64.One));
            Assert.Equal(Fixed64.FromInt(30), FixedMath.Lerp(Fixed64.FromInt(10), Fixed64.FromInt(20), Fixed64.FromInt(2)));

            var random = new Random(3004);
            for (int i = 0; i < 100_000; i++)
            {
                long raw = RandomRaw(random);
                if (raw != long.MinValue)
                {
                    Assert.Equal(Math.Abs(raw), FixedMath.Abs(F(raw)).RawValue);
                }

                Assert.Equal(Math.Sign(raw), FixedMath.Sign(F(raw)));
            }
        }

        private static void AssertCorrectlyRoundedSqrt(long raw)
        {
            // Expected r: the integer nearest to sqrt(raw * 2^32), i.e. (r - 1/2)^2 <= n < (r + 1/2)^2.
            BigInteger n = (BigInteger)raw << 32;
            long r = FixedMath.Sqrt(F(raw)).RawValue;
            BigInteger twoR = 2 * (BigInteger)r;
            Assert.True((twoR - 1) * (twoR - 1) <= 4 * n || r == 0, $"sqrt raw {raw}: {r} too large");
            Assert.True(4 * n < (twoR + 1) * (twoR + 1), $"sqrt raw {raw}: {r} too small");
        }

        private static BigInteger FloorDiv(BigInteger n, BigInteger d)
        {
            BigInteger q = BigInteger.DivRem(n, d, out BigInteger rem);
            return rem.Sign < 0 ? q - 1 : q;
        }
    }
}
