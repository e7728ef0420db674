using System;

namespace Rollback
{
    /// <summary>
    /// A deterministic 2D vector of <see cref="Fixed64"/> components. Unmanaged (16 bytes), so it can live
    /// in snapshot state and be copied as raw memory. Arithmetic follows <see cref="Fixed64"/>: component-wise
    /// <c>+</c>, <c>-</c> and <c>*</c> wrap on overflow, <c>/</c> saturates.
    /// </summary>
    public struct FixedVector2 : IEquatable<FixedVector2>
    {
        /// <summary>The x component.</summary>
        public Fixed64 X;

        /// <summary>The y component.</summary>
        public Fixed64 Y;

        /// <summary>Creates a vector.</summary>
        /// <param name="x">The x component.</param>
        /// <param name="y">The y component.</param>
        public FixedVector2(Fixed64 x, Fixed64 y)
        {
            X = x;
            Y = y;
        }

        /// <summary>(0, 0).</summary>
        public static FixedVector2 Zero => default;

        /// <summary>(1, 1).</summary>
        public static FixedVector2 One => new FixedVector2(Fixed64.One, Fixed64.One);

        /// <summary>(1, 0).</summary>
        public static FixedVector2 UnitX => new FixedVector2(Fixed64.One, Fixed64.Zero);

        /// <summary>(0, 1).</summary>
        public static FixedVector2 UnitY => new FixedVector2(Fixed64.Zero, Fixed64.One);

        /// <summary>Component-wise sum.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>a + b</c>.</returns>
        public static FixedVector2 operator +(FixedVector2 a, FixedVector2 b) => new FixedVector2(a.X + b.X, a.Y + b.Y);

        /// <summary>Component-wise difference.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>a - b</c>.</returns>
        public static FixedVector2 operator -(FixedVector2 a, FixedVector2 b) => new FixedVector2(a.X - b.X, a.Y - b.Y);

        /// <summary>Component-wise negation.</summary>
        /// <param name="a">The operand.</param>
        /// <returns><c>-a</c>.</returns>
        public static FixedVector2 operator -(FixedVector2 a) => new FixedVector2(-a.X, -a.Y);

        /// <summary>Scales a vector.</summary>
        /// <param name="a">The vector.</param>
        /// <param name="s">The scalar.</param>
        /// <returns><c>a * s</c>.</returns>
        public static FixedVector2 operator *(FixedVector2 a, Fixed64 s) => new FixedVector2(a.X * s, a.Y * s);

        /// <summary>Scales a vector.</summary>
        /// <param name="s">The scalar.</param>
        /// <param name="a">The vector.</param>
        /// <returns><c>s * a</c>.</returns>
        public static FixedVector2 operator *(Fixed64 s, FixedVector2 a) => new FixedVector2(a.X * s, a.Y * s);

        /// <summary>Divides each component by a scalar.</summary>
        /// <param name="a">The vector.</param>
        /// <param name="s">The scalar.</param>
        /// <returns><c>a / s</c>.</returns>
        /// <exception cref="DivideByZeroException"><paramref name="s"/> is zero.</exception>
        public static FixedVector2 operator /(FixedVector2 a, Fixed64 s) => new FixedVector2(a.X / s, a.Y / s);

        /// <summary>Component-wise equality.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when both components are equal.</returns>
        public static bool operator ==(FixedVector2 a, FixedVector2 b) => a.X == b.X && a.Y == b.Y;

        /// <summary>Component-wise inequality.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when a component differs.</returns>
        public static bool operator !=(FixedVector2 a, FixedVector2 b) => !(a == b);

        /// <summary>Dot product <c>a.X*b.X + a.Y*b.Y</c>.</summary>
        /// <param name="a">The first vector.</param>
        /// <param name="b">The second vector.</param>
        /// <returns>The dot product.</returns>
        public static Fixed64 Dot(FixedVector2 a, FixedVector2 b) => (a.X * b.X) + (a.Y * b.Y);

        /// <summary>2D cross product (z of the 3D cross product) <c>a.X*b.Y - a.Y*b.X</c>.</summary>
        /// <param name="a">The first vector.</param>
        /// <param name="b">The second vector.</param>
        /// <returns>The signed area of the parallelogram spanned by a and b.</returns>
        public static Fixed64 Cross(FixedVector2 a, FixedVector2 b) => (a.X * b.Y) - (a.Y * b.X);

        /// <summary>Squared length <c>X*X + Y*Y</c> (wraps when it exceeds the range of <see cref="Fixed64"/>).</summary>
        /// <returns>The squared length.</returns>
        public readonly Fixed64 LengthSquared() => (X * X) + (Y * Y);

        /// <summary>
        /// Length, correctly rounded: the exact √(X² + Y²) rounded to the nearest <see cref="Fixed64"/>, computed
        /// in 128 bits so it never overflows internally; saturates to <see cref="Fixed64.MaxValue"/> when the
        /// length itself exceeds the range (only possible for components near ±2^31).
        /// </summary>
        /// <returns>The length.</returns>
        public readonly Fixed64 Length()
        {
            SumOfSquares(X.RawValue, Y.RawValue, out ulong high, out ulong low);
            ulong root = WideArithmetic.RoundedSqrt128(high, low);
            return Fixed64.FromRaw(root > long.MaxValue ? long.MaxValue : (long)root);
        }

        /// <summary>
        /// The unit vector in the same direction; the zero vector stays zero. Scale-invariant and computed at
        /// 64-bit internal precision, so each component is within one ulp of the exact value (in practice the
        /// exact value rounded to nearest), even for very short or very long vectors.
        /// </summary>
        /// <returns>The normalized vector.</returns>
        public readonly FixedVector2 Normalized()
        {
            long x = X.RawValue;
            long y = Y.RawValue;
            if (x == 0 && y == 0)
            {
                return default;
            }

            // Scale-invariant: shift both components up so the larger has its top bit at 62 or 63.
            ulong ax = Fixed64.Magnitude(x);
            ulong ay = Fixed64.Magnitude(y);
            int shift = WideArithmetic.LeadingZeroCount(ax | ay) - 1;
            if (shift > 0)
            {
                ax <<= shift;
                ay <<= shift;
            }

            ulong xxHigh = WideArithmetic.UMul128(ax, ax, out ulong xxLow);
            ulong yyHigh = WideArithmetic.UMul128(ay, ay, out ulong yyLow);
            ulong low = xxLow + yyLow;
            ulong high = xxHigh + yyHigh + (low < xxLow ? 1UL : 0UL);
            ulong length = WideArithmetic.RoundedSqrt128(high, low);

            return new FixedVector2(UnitComponent(ax, length, x < 0), UnitComponent(ay, length, y < 0));
        }

        /// <summary>Distance between two points (correctly rounded, see <see cref="Length"/>).</summary>
        /// <param name="a">The first point.</param>
        /// <param name="b">The second point.</param>
        /// <returns>|a - b|.</returns>
        public static Fixed64 Distance(FixedVector2 a, FixedVector2 b) => (a - b).Length();

        /// <summary>Squared distance between two points.</summary>
        /// <param name="a">The first point.</param>
        /// <param name="b">The second point.</param>
        /// <returns>|a - b|².</returns>
        public static Fixed64 DistanceSquared(FixedVector2 a, FixedVector2 b) => (a - b).LengthSquared();

        /// <summary>Linear interpolation <c>a + (b - a) * t</c>, component-wise; <paramref name="t"/> is not clamped.</summary>
        /// <param name="a">The value at t = 0.</param>
        /// <param name="b">The value at t = 1.</param>
        /// <param name="t">The interpolation parameter.</param>
        /// <returns>The interpolated vector.</returns>
        public static FixedVector2 Lerp(FixedVector2 a, FixedVector2 b, Fixed64 t) =>
            new FixedVector2(FixedMath.Lerp(a.X, b.X, t), FixedMath.Lerp(a.Y, b.Y, t));

        /// <summary>Component-wise minimum.</summary>
        /// <param name="a">The first vector.</param>
        /// <param name="b">The second vector.</param>
        /// <returns>(min(a.X, b.X), min(a.Y, b.Y)).</returns>
        public static FixedVector2 Min(FixedVector2 a, FixedVector2 b) => new FixedVector2(FixedMath.Min(a.X, b.X), FixedMath.Min(a.Y, b.Y));

        /// <summary>Component-wise maximum.</summary>
        /// <param name="a">The first vector.</param>
        /// <param name="b">The second vector.</param>
        /// <returns>(max(a.X, b.X), max(a.Y, b.Y)).</returns>
        public static FixedVector2 Max(FixedVector2 a, FixedVector2 b) => new FixedVector2(FixedMath.Max(a.X, b.X), FixedMath.Max(a.Y, b.Y));

        /// <summary>Component-wise clamp.</summary>
        /// <param name="value">The vector.</param>
        /// <param name="min">The lower bounds.</param>
        /// <param name="max">The upper bounds.</param>
        /// <returns>The clamped vector.</returns>
        /// <exception cref="ArgumentException">A component of <paramref name="min"/> exceeds that of <paramref name="max"/>.</exception>
        public static FixedVector2 Clamp(FixedVector2 value, FixedVector2 min, FixedVector2 max) =>
            new FixedVector2(FixedMath.Clamp(value.X, min.X, max.X), FixedMath.Clamp(value.Y, min.Y, max.Y));

        /// <summary>Component-wise equality.</summary>
        /// <param name="other">The other vector.</param>
        /// <returns><c>true</c> when both components are equal.</returns>
        public readonly bool Equals(FixedVector2 other) => this == other;

        /// <summary>Component-wise equality with a boxed vector.</summary>
        /// <param name="obj">The other object.</param>
        /// <returns><c>true</c> when <paramref name="obj"/> is an equal <see cref="FixedVector2"/>.</returns>
        public override readonly bool Equals(object? obj) => obj is FixedVector2 other && this == other;

        /// <summary>A hash code (for hash tables only; never for checksums).</summary>
        /// <returns>The hash code.</returns>
        public override readonly int GetHashCode() => unchecked((X.GetHashCode() * 397) ^ Y.GetHashCode());

        /// <summary>Invariant-culture text "(x, y)".</summary>
        /// <returns>The text.</returns>
        public override readonly string ToString() => "(" + X.ToString() + ", " + Y.ToString() + ")";

        private static void SumOfSquares(long x, long y, out ulong high, out ulong low)
        {
            ulong ax = Fixed64.Magnitude(x);
            ulong ay = Fixed64.Magnitude(y);
            ulong xxHigh = WideArithmetic.UMul128(ax, ax, out ulong xxLow);
            ulong yyHigh = WideArithmetic.UMul128(ay, ay, out ulong yyLow);
            low = unchecked(xxLow + yyLow);
            high = unchecked(xxHigh + yyHigh + (low < xxLow ? 1UL : 0UL));
        }

        /// <summary>round(component * 2^32 / length), component &lt;= length, with the sign applied.</summary>
        private static Fixed64 UnitComponent(ulong component, ulong length, bool negative)
        {
            Fixed64.TryDivideMagnitudes(component >> 32, component << 32, length, negative, out long raw);
            return Fixed64.FromRaw(raw);
        }
    }
}
