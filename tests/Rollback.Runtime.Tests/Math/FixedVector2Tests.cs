using System;
using System.Numerics;
using Xunit;
using static Rollback.Runtime.Tests.DeterministicMath.MathTestHelpers;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class FixedVector2Tests
    {
        private static Fixed64 P(string text) => Fixed64.Parse(text);

        private static FixedVector2 V(int x, int y) => new FixedVector2(x, y);

        [Fact]
        public void Constants_and_constructor()
        {
            Assert.Equal(new FixedVector2(0, 0), FixedVector2.Zero);
            Assert.Equal(new FixedVector2(1, 1), FixedVector2.One);
            Assert.Equal(new FixedVector2(1, 0), FixedVector2.UnitX);
            Assert.Equal(new FixedVector2(0, 1), FixedVector2.UnitY);
            var v = new FixedVector2(P("1.5"), P("-2"));
            Assert.Equal(P("1.5"), v.X);
            Assert.Equal(P("-2"), v.Y);
        }

        [Fact]
        public void Arithmetic_operators()
        {
            Assert.Equal(V(4, 6), V(1, 2) + V(3, 4));
            Assert.Equal(V(-2, -2), V(1, 2) - V(3, 4));
            Assert.Equal(V(-1, 2), -V(1, -2));
            Assert.Equal(V(3, 6), V(1, 2) * 3);
            Assert.Equal(V(3, 6), Fixed64.FromInt(3) * V(1, 2));
            Assert.Equal(new FixedVector2(Fixed64.Half, Fixed64.One), V(1, 2) / 2);
            Assert.Throws<DivideByZeroException>(() => V(1, 2) / Fixed64.Zero);
        }

        [Fact]
        public void Dot_Cross_and_squared_lengths()
        {
            Assert.Equal(Fixed64.FromInt(11), FixedVector2.Dot(V(1, 2), V(3, 4)));
            Assert.Equal(Fixed64.FromInt(-2), FixedVector2.Cross(V(1, 2), V(3, 4)));
            Assert.Equal(Fixed64.One, FixedVector2.Cross(FixedVector2.UnitX, FixedVector2.UnitY));
            Assert.Equal(Fixed64.FromInt(25), V(3, 4).LengthSquared());
            Assert.Equal(Fixed64.FromInt(25), FixedVector2.DistanceSquared(V(1, 1), V(4, 5)));
        }

        [Fact]
        public void Length_is_correctly_rounded_and_does_not_overflow()
        {
            Assert.Equal(Fixed64.FromInt(5), V(3, 4).Length());
            Assert.Equal(Fixed64.FromInt(5), FixedVector2.Distance(V(1, 1), V(4, 5)));
            Assert.Equal(FixedMath.Sqrt(Fixed64.FromInt(2)), V(1, 1).Length());
            // 40000^2 * 2 overflows Fixed64, the length does not.
            Assert.Equal(Fixed64.FromInt(50000), V(30000, 40000).Length());
            Assert.Equal(Fixed64.MaxValue, new FixedVector2(Fixed64.MinValue, Fixed64.MinValue).Length());

            var random = new Random(5001);
            for (int i = 0; i < 50_000; i++)
            {
                long x = RandomRaw(random, 62);
                long y = RandomRaw(random, 62);
                var v = new FixedVector2(Fixed64.FromRaw(x), Fixed64.FromRaw(y));
                BigInteger n = ((BigInteger)x * x) + ((BigInteger)y * y);
                long r = v.Length().RawValue;
                BigInteger twoR = 2 * (BigInteger)r;
                Assert.True(r == 0 || (twoR - 1) * (twoR - 1) <= 4 * n);
                Assert.True(4 * n < (twoR + 1) * (twoR + 1));
            }
        }

        [Fact]
        public void Normalized_has_unit_length_and_keeps_zero()
        {
            Assert.Equal(FixedVector2.Zero, FixedVector2.Zero.Normalized());
            Assert.Equal(FixedVector2.UnitX, V(7, 0).Normalized());
            Assert.Equal(-FixedVector2.UnitY, V(0, -123).Normalized());
            Assert.Equal(new FixedVector2(P("0.6"), P("0.8")), V(3, 4).Normalized());
            // Tiny and huge vectors normalize just as precisely (scale invariance).
            Assert.Equal(V(3, 4).Normalized(), new FixedVector2(Fixed64.FromRaw(3), Fixed64.FromRaw(4)).Normalized());
            Assert.Equal(V(-3, 4).Normalized(), V(-30000, 40000).Normalized());
            Assert.Equal(new FixedVector2(Fixed64.FromRaw(-3037000500L), Fixed64.FromRaw(-3037000500L)),
                new FixedVector2(Fixed64.MinValue, Fixed64.MinValue).Normalized()); // (-1/sqrt2, -1/sqrt2)

            var random = new Random(5002);
            double maxComponentError = 0;
            for (int i = 0; i < 50_000; i++)
            {
                long x = RandomRaw(random);
                long y = RandomRaw(random);
                if (x == 0 && y == 0)
                {
                    continue;
                }

                FixedVector2 n = new FixedVector2(Fixed64.FromRaw(x), Fixed64.FromRaw(y)).Normalized();
                double len = Math.Sqrt(((double)x * x) + ((double)y * y));
                maxComponentError = Math.Max(maxComponentError, Math.Abs(n.X.ToDouble() - (x / len)));
                maxComponentError = Math.Max(maxComponentError, Math.Abs(n.Y.ToDouble() - (y / len)));
            }

            Assert.True(maxComponentError <= 2.4e-10, $"max component error {maxComponentError}"); // about one ulp
        }

        [Fact]
        public void Lerp_Min_Max_Clamp()
        {
            Assert.Equal(V(5, 10), FixedVector2.Lerp(V(0, 0), V(10, 20), Fixed64.Half));
            Assert.Equal(V(1, 2), FixedVector2.Min(V(1, 5), V(3, 2)));
            Assert.Equal(V(3, 5), FixedVector2.Max(V(1, 5), V(3, 2)));
            Assert.Equal(V(1, 0), FixedVector2.Clamp(V(5, -5), V(0, 0), V(1, 1)));
            Assert.Throws<ArgumentException>(() => FixedVector2.Clamp(V(0, 0), V(1, 0), V(0, 1)));
        }

        [Fact]
        public void Equality()
        {
            Assert.True(V(1, 2) == V(1, 2));
            Assert.False(V(1, 2) != V(1, 2));
            Assert.True(V(1, 2) != V(2, 1));
            Assert.True(V(1, 2).Equals(V(1, 2)));
            Assert.True(V(1, 2).Equals((object)V(1, 2)));
            Assert.False(V(1, 2).Equals("(1, 2)"));
            Assert.Equal(V(1, 2).GetHashCode(), V(1, 2).GetHashCode());
            Assert.Equal("(1, -2.5)", new FixedVector2(1, P("-2.5")).ToString());
        }
    }
}
