using System;
using System.Numerics;
using Xunit;
using Xunit.Abstractions;
using static Rollback.Runtime.Tests.DeterministicMath.MathTestHelpers;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class FixedTrigTests
    {
        /// <summary>Half an ulp (2^-33) plus slack for the double reference: the bound stated in docs/math.md.</summary>
        private const double TrigBound = 1.2e-10;

        private readonly ITestOutputHelper _output;

        public FixedTrigTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static Fixed64 F(long raw) => Fixed64.FromRaw(raw);

        [Fact]
        public void Internal_constants_match_pi()
        {
            Assert.Equal(ScaleRound(PiE100, E100 * 2, 63), (BigInteger)FixedMath.HalfPiQ63);
            Assert.Equal(ScaleRound(PiE100, E100, 61), (BigInteger)FixedMath.PiQ61);
            Assert.Equal(ScaleRound(PiE100, E100 * 2, 61), (BigInteger)FixedMath.HalfPiQ61);
            Assert.Equal(ScaleRound(PiE100, E100 * 4, 62), (BigInteger)FixedMath.AtanTableQ62[8]);
            Assert.Equal(0L, FixedMath.AtanTableQ62[0]);
            for (int k = 1; k < 8; k++)
            {
                double expected = Math.Atan(k / 8.0) * 4611686018427387904.0; // 2^62
                Assert.True(Math.Abs(FixedMath.AtanTableQ62[k] - expected) < expected * 1e-15, $"atan({k}/8)");
            }
        }

        [Fact]
        public void Turns_reduction_is_exact_to_one_unit_in_2_pow_64()
        {
            var random = new Random(4001);
            BigInteger mod = BigInteger.One << 64;
            for (int i = 0; i < 50_000; i++)
            {
                long raw = i < EdgeRaws.Length ? EdgeRaws[i] : RandomRaw(random);
                // frac(x / 2pi) * 2^64 with x = raw / 2^32.
                BigInteger exact = BigInteger.Divide((BigInteger)raw * E100 << 64, (PiE100 << 33));
                if (raw < 0)
                {
                    exact -= 1; // floor for negatives
                }

                BigInteger expected = ((exact % mod) + mod) % mod;
                BigInteger got = FixedMath.Turns(raw);
                BigInteger diff = BigInteger.Abs(got - expected);
                diff = BigInteger.Min(diff, mod - diff);
                Assert.True(diff <= 2, $"raw {raw}: turns off by {diff}");
            }
        }

        [Fact]
        public void Sin_and_Cos_accuracy_over_full_range()
        {
            var random = new Random(4002);
            double maxSin = 0, maxCos = 0;
            int notNearest = 0, samples = 0;
            for (int i = 0; i < 100_000; i++)
            {
                long raw = i < EdgeRaws.Length ? EdgeRaws[i] : RandomRaw(random);
                double r = ReducedAngle(raw);
                double sinErr = Math.Abs(FixedMath.Sin(F(raw)).ToDouble() - Math.Sin(r));
                double cosErr = Math.Abs(FixedMath.Cos(F(raw)).ToDouble() - Math.Cos(r));
                maxSin = Math.Max(maxSin, sinErr);
                maxCos = Math.Max(maxCos, cosErr);
                notNearest += (sinErr > 1.1642e-10 ? 1 : 0) + (cosErr > 1.1642e-10 ? 1 : 0);
                samples += 2;
            }

            _output.WriteLine($"sin max error {maxSin:E3}, cos max error {maxCos:E3}, beyond half an ulp: {notNearest}/{samples}");
            Assert.True(maxSin <= TrigBound, $"sin max error {maxSin}");
            Assert.True(maxCos <= TrigBound, $"cos max error {maxCos}");
        }

        [Fact]
        public void Sin_and_Cos_accuracy_on_a_fine_grid_of_small_angles()
        {
            double maxErr = 0;
            for (long raw = -(8L << 32); raw <= (8L << 32); raw += 1_234_567)
            {
                double x = raw / 4294967296.0;
                maxErr = Math.Max(maxErr, Math.Abs(FixedMath.Sin(F(raw)).ToDouble() - Math.Sin(x)));
                maxErr = Math.Max(maxErr, Math.Abs(FixedMath.Cos(F(raw)).ToDouble() - Math.Cos(x)));
            }

            _output.WriteLine($"grid max error {maxErr:E3}");
            Assert.True(maxErr <= TrigBound, $"max error {maxErr}");
        }

        [Fact]
        public void Sin_is_odd_Cos_is_even_and_SinCos_agrees()
        {
            var random = new Random(4003);
            for (int i = 0; i < 100_000; i++)
            {
                long raw = RandomRaw(random);
                if (raw == long.MinValue)
                {
                    continue;
                }

                Fixed64 x = F(raw);
                Fixed64 s = FixedMath.Sin(x);
                Fixed64 c = FixedMath.Cos(x);
                Assert.Equal(-s, FixedMath.Sin(-x));
                Assert.Equal(c, FixedMath.Cos(-x));
                FixedMath.SinCos(x, out Fixed64 s2, out Fixed64 c2);
                Assert.Equal(s, s2);
                Assert.Equal(c, c2);
                Assert.InRange(s.RawValue, -(1L << 32), 1L << 32);
                Assert.InRange(c.RawValue, -(1L << 32), 1L << 32);
                Fixed64 norm = (s * s) + (c * c);
                Assert.InRange(norm.RawValue, (1L << 32) - 3, (1L << 32) + 3);
            }
        }

        [Fact]
        public void Trig_special_values()
        {
            Assert.Equal(Fixed64.Zero, FixedMath.Sin(Fixed64.Zero));
            Assert.Equal(Fixed64.One, FixedMath.Cos(Fixed64.Zero));
            Assert.Equal(Fixed64.One, FixedMath.Sin(Fixed64.HalfPi));
            Assert.Equal(Fixed64.Zero, FixedMath.Cos(Fixed64.HalfPi));
            Assert.Equal(Fixed64.Zero, FixedMath.Sin(Fixed64.Pi));
            Assert.Equal(-Fixed64.One, FixedMath.Cos(Fixed64.Pi));
            Assert.Equal(Fixed64.Zero, FixedMath.Sin(Fixed64.TwoPi));
            Assert.Equal(Fixed64.One, FixedMath.Cos(Fixed64.TwoPi));
        }

        [Fact]
        public void Trig_golden_raw_values()
        {
            // Pinned raw results: any change in the algorithm, constants or rounding shows up here.
            // Each equals the exact value rounded to nearest (checked against a 100-digit reference).
            Assert.Equal(3614090360L, FixedMath.Sin(Fixed64.One).RawValue);
            Assert.Equal(2320580734L, FixedMath.Cos(Fixed64.One).RawValue);
            Assert.Equal(3551420584L, FixedMath.Sin(Fixed64.FromInt(1000)).RawValue);
            Assert.Equal(2415399741L, FixedMath.Cos(Fixed64.FromInt(1000)).RawValue);
            Assert.Equal(-3113492897L, FixedMath.Sin(Fixed64.FromInt(int.MaxValue)).RawValue);
            Assert.Equal(-2958531064L, FixedMath.Cos(Fixed64.FromInt(int.MaxValue)).RawValue);
            Assert.Equal(1991351318L, FixedMath.Atan2(Fixed64.One, Fixed64.FromInt(2)).RawValue);
            Assert.Equal(3373259426L, FixedMath.Atan(Fixed64.One).RawValue);
            Assert.Equal(-10119778278L, FixedMath.Atan2(Fixed64.FromInt(-1), Fixed64.FromInt(-1)).RawValue);
        }

        [Fact]
        public void Atan2_accuracy_over_full_range()
        {
            var random = new Random(4004);
            double maxErr = 0;
            for (int i = 0; i < 100_000; i++)
            {
                long y = i < EdgeRaws.Length ? EdgeRaws[i] : RandomRaw(random);
                long x = RandomRaw(random);
                if (x == 0 && y == 0)
                {
                    continue;
                }

                double expected = Math.Atan2(y, x); // the angle depends only on the ratio; raw scaling is irrelevant
                double got = FixedMath.Atan2(F(y), F(x)).ToDouble();
                maxErr = Math.Max(maxErr, Math.Abs(got - expected));
            }

            _output.WriteLine($"atan2 max error {maxErr:E3}");
            Assert.True(maxErr <= TrigBound, $"atan2 max error {maxErr}");
        }

        [Fact]
        public void Atan_accuracy()
        {
            var random = new Random(4005);
            double maxErr = 0;
            for (int i = 0; i < 50_000; i++)
            {
                long raw = RandomRaw(random);
                double expected = Math.Atan(raw / 4294967296.0);
                maxErr = Math.Max(maxErr, Math.Abs(FixedMath.Atan(F(raw)).ToDouble() - expected));
            }

            _output.WriteLine($"atan max error {maxErr:E3}");
            Assert.True(maxErr <= TrigBound, $"atan max error {maxErr}");
        }

        [Fact]
        public void Atan2_quadrants_and_special_values()
        {
            Fixed64 one = Fixed64.One;
            Assert.Equal(Fixed64.Zero, FixedMath.Atan2(Fixed64.Zero, Fixed64.Zero));
            Assert.Equal(Fixed64.Zero, FixedMath.Atan2(Fixed64.Zero, one));
            Assert.Equal(Fixed64.Pi, FixedMath.Atan2(Fixed64.Zero, -one));
            Assert.Equal(Fixed64.HalfPi, FixedMath.Atan2(one, Fixed64.Zero));
            Assert.Equal(-Fixed64.HalfPi, FixedMath.Atan2(-one, Fixed64.Zero));
            Assert.Equal(F(3373259426L), FixedMath.Atan2(one, one)); // round(pi/4 * 2^32)
            Assert.Equal(Fixed64.Pi, FixedMath.Atan2(Fixed64.Zero, Fixed64.MinValue));
            Assert.Equal(-Fixed64.HalfPi, FixedMath.Atan2(Fixed64.MinValue, Fixed64.Zero));

            var random = new Random(4006);
            for (int i = 0; i < 50_000; i++)
            {
                long y = RandomRaw(random);
                long x = RandomRaw(random);
                if (y == long.MinValue || y == 0)
                {
                    continue; // no negative zero: Atan2(0, x < 0) is +pi
                }

                Fixed64 a = FixedMath.Atan2(F(y), F(x));
                Assert.Equal(-a, FixedMath.Atan2(F(-y), F(x)));
                Assert.InRange(a.RawValue, -Fixed64.Pi.RawValue, Fixed64.Pi.RawValue);
                // Scale invariance: the angle depends only on the direction.
                if (Math.Abs(x) < (1L << 60) && Math.Abs(y) < (1L << 60))
                {
                    Assert.Equal(a, FixedMath.Atan2(F(y * 4), F(x * 4)));
                }
            }
        }

        /// <summary>x mod 2pi as a double, for x = raw / 2^32, computed exactly with BigInteger.</summary>
        private static double ReducedAngle(long raw)
        {
            BigInteger period = PiE100 << 33; // 2pi * 10^100 * 2^32
            BigInteger m = ((BigInteger)raw * E100) % period;
            if (m.Sign < 0)
            {
                m += period;
            }

            return (double)((m << 60) / (E100 << 32)) / 1152921504606846976.0; // / 2^60
        }
    }
}
