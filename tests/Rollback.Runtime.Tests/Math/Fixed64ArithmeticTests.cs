using System;
using System.Numerics;
using CsCheck;
using Xunit;
using static Rollback.Runtime.Tests.DeterministicMath.MathTestHelpers;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class Fixed64ArithmeticTests
    {
        private const int Iterations = 200_000;

        private static Fixed64 F(long raw) => Fixed64.FromRaw(raw);

        [Fact]
        public void Constants_have_documented_raw_values()
        {
            Assert.Equal(0L, Fixed64.Zero.RawValue);
            Assert.Equal(1L << 32, Fixed64.One.RawValue);
            Assert.Equal(1L << 31, Fixed64.Half.RawValue);
            Assert.Equal(1L, Fixed64.Epsilon.RawValue);
            Assert.Equal(long.MaxValue, Fixed64.MaxValue.RawValue);
            Assert.Equal(long.MinValue, Fixed64.MinValue.RawValue);
            Assert.Equal(32, Fixed64.FractionalBits);
        }

        [Fact]
        public void Pi_constants_are_pi_rounded_to_nearest()
        {
            Assert.Equal(101, PiE100.ToString().Length);
            Assert.Equal(ScaleRound(PiE100, E100, 32), (BigInteger)Fixed64.Pi.RawValue);
            Assert.Equal(ScaleRound(PiE100 * 2, E100, 32), (BigInteger)Fixed64.TwoPi.RawValue);
            Assert.Equal(ScaleRound(PiE100, E100 * 2, 32), (BigInteger)Fixed64.HalfPi.RawValue);
        }

        [Fact]
        public void Add_then_subtract_round_trips_and_wraps_like_long()
        {
            var random = new Random(1001);
            for (int i = 0; i < Iterations; i++)
            {
                long a = RandomRaw(random);
                long b = RandomRaw(random);
                Assert.Equal(F(a), F(a) + F(b) - F(b));
                Assert.Equal(unchecked(a + b), (F(a) + F(b)).RawValue);
                Assert.Equal(unchecked(a - b), (F(a) - F(b)).RawValue);
                Assert.Equal(F(a) + F(b), F(b) + F(a));
            }

            Assert.Equal(Fixed64.MinValue, Fixed64.MaxValue + Fixed64.Epsilon);
            Assert.Equal(Fixed64.MaxValue, Fixed64.MinValue - Fixed64.Epsilon);
            Assert.Equal(Fixed64.MinValue, -Fixed64.MinValue);
            Assert.Equal(F(5), +F(5));
        }

        [Fact]
        public void Multiply_matches_BigInteger_rounded_half_away_from_zero_then_wrapped()
        {
            var random = new Random(1002);
            for (int i = 0; i < Iterations; i++)
            {
                long a = RandomRaw(random);
                long b = RandomRaw(random);
                AssertMultiply(a, b);
            }

            foreach (long a in EdgeRaws)
            {
                foreach (long b in EdgeRaws)
                {
                    AssertMultiply(a, b);
                }
            }
        }

        [Fact]
        public void Multiply_portable_and_BigMul_paths_match_BigInteger()
        {
            // The netstandard2.1 build uses the portable paths; net8.0 uses Math.BigMul. All must agree exactly.
            var random = new Random(1003);
            for (int i = 0; i < Iterations; i++)
            {
                long a = i < 1000 ? EdgeRaws[i % EdgeRaws.Length] : RandomRaw(random);
                long b = RandomRaw(random);
                BigInteger exact = (BigInteger)a * b;
                long high = WideArithmetic.SMul128Portable(a, b, out ulong low);
                Assert.Equal(exact, ((BigInteger)high << 64) + low);
                Assert.Equal(high, WideArithmetic.SMul128(a, b, out ulong low2));
                Assert.Equal(low, low2);
                long expected = Wrap(RoundDiv(exact, Two32));
                Assert.Equal(expected, Fixed64.MultiplyRawPortable(a, b));
                Assert.Equal(expected, Fixed64.MultiplyRaw(a, b));
            }

            foreach (long a in EdgeRaws)
            {
                foreach (long b in EdgeRaws)
                {
                    Assert.Equal(Wrap(RoundDiv((BigInteger)a * b, Two32)), Fixed64.MultiplyRawPortable(a, b));
                }
            }
        }

        [Fact]
        public void Multiply_ties_round_away_from_zero_and_is_sign_symmetric()
        {
            // 2^-32 * 0.5 = 2^-33: exactly half an ulp.
            Assert.Equal(1L, (Fixed64.Epsilon * Fixed64.Half).RawValue);
            Assert.Equal(-1L, (-Fixed64.Epsilon * Fixed64.Half).RawValue);
            Assert.Equal(-1L, (Fixed64.Epsilon * -Fixed64.Half).RawValue);
            // Just under half an ulp rounds to zero.
            Assert.Equal(0L, (Fixed64.Epsilon * F((1L << 31) - 1)).RawValue);
            Assert.Equal(0L, (-Fixed64.Epsilon * F((1L << 31) - 1)).RawValue);
            // 3 * 2^-33 = 1.5 ulp -> 2 ulp.
            Assert.Equal(2L, (F(3) * Fixed64.Half).RawValue);
            Assert.Equal(-2L, (F(-3) * Fixed64.Half).RawValue);

            var random = new Random(1004);
            for (int i = 0; i < Iterations; i++)
            {
                long a = RandomRaw(random, 62);
                long b = RandomRaw(random, 62);
                Assert.Equal(-(F(a) * F(b)), F(-a) * F(b));
                Assert.Equal(F(a) * F(b), F(b) * F(a));
            }
        }

        [Fact]
        public void Multiply_wraps_on_overflow()
        {
            Fixed64 big = Fixed64.FromInt(65536);
            // 2^16 * 2^16 = 2^32 wraps to 0 (raw 2^64 mod 2^64).
            Assert.Equal(Fixed64.Zero, big * big);
            Assert.Equal(Fixed64.MinValue, Fixed64.FromInt(1 << 30) * Fixed64.FromInt(2));
            Assert.Equal(Fixed64.MinValue, Fixed64.MinValue * Fixed64.FromInt(-1));
        }

        [Fact]
        public void Integer_products_are_exact()
        {
            var random = new Random(1005);
            for (int i = 0; i < 10_000; i++)
            {
                int a = random.Next(-46340, 46341);
                int b = random.Next(-46340, 46341);
                Assert.Equal(Fixed64.FromInt(a * b), Fixed64.FromInt(a) * b);
            }
        }

        [Fact]
        public void Divide_matches_BigInteger_rounded_half_away_from_zero_and_saturates()
        {
            var random = new Random(1006);
            for (int i = 0; i < Iterations; i++)
            {
                long a = RandomRaw(random);
                long b = RandomRaw(random);
                if (b == 0)
                {
                    continue;
                }

                AssertDivide(a, b);
            }

            foreach (long a in EdgeRaws)
            {
                foreach (long b in EdgeRaws)
                {
                    if (b != 0)
                    {
                        AssertDivide(a, b);
                    }
                }
            }
        }

        [Fact]
        public void Divide_saturation_examples()
        {
            Assert.Equal(Fixed64.MaxValue, Fixed64.One / Fixed64.Epsilon);
            Assert.Equal(Fixed64.MinValue, -Fixed64.One / Fixed64.Epsilon);
            Assert.Equal(Fixed64.MaxValue, Fixed64.MinValue / -Fixed64.One);
            Assert.Equal(Fixed64.MinValue, Fixed64.MinValue / Fixed64.One);
            Assert.Equal(Fixed64.MaxValue, Fixed64.MaxValue / Fixed64.Half);
        }

        [Fact]
        public void Divide_examples_and_ties()
        {
            Assert.Equal(Fixed64.FromRatio(1, 3), Fixed64.One / 3);
            Assert.Equal(1431655765L, (Fixed64.One / 3).RawValue); // 2^32/3 = 1431655765.33
            Assert.Equal(2863311531L, (Fixed64.FromInt(2) / 3).RawValue); // 2863311530.67
            Assert.Equal(Fixed64.Half, Fixed64.One / 2);
            // 1 ulp / 2 = half an ulp: ties away from zero.
            Assert.Equal(1L, (Fixed64.Epsilon / 2).RawValue);
            Assert.Equal(-1L, (-Fixed64.Epsilon / 2).RawValue);
            Assert.Equal(-1L, (Fixed64.Epsilon / -2).RawValue);
            Assert.Equal(Fixed64.FromInt(-7), Fixed64.FromInt(21) / Fixed64.FromInt(-3));
        }

        [Fact]
        public void Division_by_zero_throws()
        {
            Assert.Throws<DivideByZeroException>(() => Fixed64.One / Fixed64.Zero);
            Assert.Throws<DivideByZeroException>(() => Fixed64.Zero / Fixed64.Zero);
            Assert.Throws<DivideByZeroException>(() => Fixed64.One % Fixed64.Zero);
            Assert.Throws<DivideByZeroException>(() => Fixed64.FromRatio(1, 0));
        }

        [Fact]
        public void Remainder_is_exact_with_the_sign_of_the_dividend()
        {
            Assert.Equal(Fixed64.Half, Fixed64.Parse("2.5") % Fixed64.FromInt(2));
            Assert.Equal(-Fixed64.Half, Fixed64.Parse("-2.5") % Fixed64.FromInt(2));
            Assert.Equal(Fixed64.Half, Fixed64.Parse("2.5") % Fixed64.FromInt(-2));
            Assert.Equal(Fixed64.Zero, Fixed64.MinValue % F(-1));
            var random = new Random(1007);
            for (int i = 0; i < Iterations; i++)
            {
                long a = RandomRaw(random);
                long b = RandomRaw(random);
                if (b == 0 || b == -1)
                {
                    continue;
                }

                Assert.Equal(a % b, (F(a) % F(b)).RawValue);
            }
        }

        [Fact]
        public void Comparisons_are_consistent_with_raw_order()
        {
            var random = new Random(1008);
            for (int i = 0; i < Iterations; i++)
            {
                long a = RandomRaw(random);
                long b = random.Next(4) == 0 ? a : RandomRaw(random);
                Fixed64 x = F(a);
                Fixed64 y = F(b);
                Assert.Equal(a < b, x < y);
                Assert.Equal(a > b, x > y);
                Assert.Equal(a <= b, x <= y);
                Assert.Equal(a >= b, x >= y);
                Assert.Equal(a == b, x == y);
                Assert.Equal(a != b, x != y);
                Assert.Equal(a == b, x.Equals(y));
                Assert.Equal(a == b, x.Equals((object)y));
                Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(x.CompareTo(y)));
                Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(x.CompareTo((object)y)));
                Assert.Equal(x < y, !(x >= y));
                if (a == b)
                {
                    Assert.Equal(x.GetHashCode(), y.GetHashCode());
                }
            }

            Assert.Equal(1, Fixed64.One.CompareTo(null));
            Assert.Throws<ArgumentException>(() => Fixed64.One.CompareTo("1"));
            Assert.False(Fixed64.One.Equals("1"));
        }

        [Fact]
        public void Int_conversions()
        {
            Assert.Equal(5L << 32, ((Fixed64)5).RawValue);
            Assert.Equal(Fixed64.FromInt(int.MinValue), Fixed64.MinValue);
            Assert.Equal(int.MaxValue, (int)Fixed64.MaxValue);
            Assert.Equal(int.MinValue, (int)Fixed64.MinValue);
            // Truncation toward zero.
            Assert.Equal(2, (int)Fixed64.Parse("2.75"));
            Assert.Equal(-2, (int)Fixed64.Parse("-2.75"));
            Assert.Equal(0, (int)Fixed64.Parse("-0.5"));
            Assert.Equal(0, (int)(-Fixed64.Epsilon));
            Assert.Equal(-3, (int)Fixed64.FromInt(-3));

            var random = new Random(1009);
            for (int i = 0; i < 50_000; i++)
            {
                int n = random.Next(int.MinValue, int.MaxValue);
                Assert.Equal(n, (int)Fixed64.FromInt(n));
                Fixed64 implicitValue = n;
                Assert.Equal((long)n << 32, implicitValue.RawValue);

                long raw = RandomRaw(random);
                BigInteger truncated = BigInteger.Divide(raw, Two32); // BigInteger division truncates toward zero
                Assert.Equal((int)truncated, (int)F(raw));
            }
        }

        [Fact]
        public void FromRatio_is_exact_rounding_of_the_ratio()
        {
            Assert.Equal(Fixed64.Parse("0.75"), Fixed64.FromRatio(3, 4));
            Assert.Equal(F(3L << 30), Fixed64.FromRatio(3, 4));
            Assert.Equal(-Fixed64.Half, Fixed64.FromRatio(1, -2));
            Assert.Equal(-Fixed64.Half, Fixed64.FromRatio(-1, 2));
            Assert.Equal(Fixed64.Half, Fixed64.FromRatio(-1, -2));
            Assert.Equal(Fixed64.MinValue, Fixed64.FromRatio(int.MinValue, 1));
            Assert.Equal(Fixed64.MinValue, Fixed64.FromRatio(long.MinValue, 1L << 32));
            Assert.Equal(Fixed64.Epsilon, Fixed64.FromRatio(1, 1L << 32));
            Assert.Equal(Fixed64.Epsilon, Fixed64.FromRatio(1, (1L << 33) - 1)); // just over half an ulp
            Assert.Equal(Fixed64.Epsilon, Fixed64.FromRatio(1, 1L << 33));       // exactly half: away from zero
            Assert.Equal(Fixed64.Zero, Fixed64.FromRatio(1, (1L << 33) + 1));

            Assert.Throws<OverflowException>(() => Fixed64.FromRatio(1L << 31, 1));
            Assert.Throws<OverflowException>(() => Fixed64.FromRatio(long.MinValue, -1));
            Assert.Throws<OverflowException>(() => Fixed64.FromRatio(long.MaxValue, 3));

            var random = new Random(1010);
            for (int i = 0; i < Iterations; i++)
            {
                long n = RandomRaw(random);
                long d = RandomRaw(random);
                if (d == 0)
                {
                    continue;
                }

                BigInteger expected = RoundDiv((BigInteger)n << 32, d);
                if (expected < long.MinValue || expected > long.MaxValue)
                {
                    Assert.Throws<OverflowException>(() => Fixed64.FromRatio(n, d));
                }
                else
                {
                    Assert.Equal((long)expected, Fixed64.FromRatio(n, d).RawValue);
                }
            }
        }

        [Fact]
        public void Properties_hold_for_generated_inputs()
        {
            // CsCheck explores fresh inputs each run (the seeded loops above are the reproducible baseline).
            Gen.Long.Select(Gen.Long).Sample((a, b) =>
            {
                AssertMultiply(a, b);
                if (b != 0)
                {
                    AssertDivide(a, b);
                }

                Assert.Equal(F(a), F(a) + F(b) - F(b));
            }, iter: 20_000);
        }

        [Fact]
        public void ToDouble_is_available_for_display()
        {
            Assert.Equal(0.5, Fixed64.Half.ToDouble());
            Assert.Equal(-2147483648.0, Fixed64.MinValue.ToDouble());
        }

        private static void AssertMultiply(long a, long b)
        {
            BigInteger expected = RoundDiv((BigInteger)a * b, Two32);
            Assert.Equal(Wrap(expected), (F(a) * F(b)).RawValue);
        }

        private static void AssertDivide(long a, long b)
        {
            BigInteger expected = RoundDiv((BigInteger)a << 32, b);
            long saturated = expected > long.MaxValue ? long.MaxValue : expected < long.MinValue ? long.MinValue : (long)expected;
            Assert.Equal(saturated, (F(a) / F(b)).RawValue);
        }
    }
}
