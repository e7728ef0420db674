using System;
using System.Runtime.CompilerServices;

namespace Rollback
{
    /// <summary>
    /// Deterministic counterparts of <see cref="Math"/> for <see cref="Fixed64"/>: integer-only, bit-exact on
    /// every platform. Replace <c>Math.X</c> / <c>MathF.X</c> in simulation code with <c>FixedMath.X</c>.
    /// </summary>
    /// <remarks>
    /// Rounding is to nearest, ties away from zero, throughout (as in <see cref="Fixed64"/> <c>*</c> and <c>/</c>).
    /// Results that do not fit wrap like <see cref="long"/> arithmetic unless a member says otherwise.
    /// </remarks>
    public static partial class FixedMath
    {
        private const long FractionMask = (1L << 32) - 1;

        /// <summary>Absolute value; <c>Abs(MinValue)</c> wraps to <see cref="Fixed64.MinValue"/> (like negation).</summary>
        /// <param name="value">The value.</param>
        /// <returns>|<paramref name="value"/>|.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 Abs(Fixed64 value)
        {
            long raw = value.RawValue;
            long mask = raw >> 63;
            return Fixed64.FromRaw(unchecked((raw + mask) ^ mask));
        }

        /// <summary>The sign: -1, 0 or 1.</summary>
        /// <param name="value">The value.</param>
        /// <returns>-1 when negative, 0 when zero, 1 when positive.</returns>
        public static int Sign(Fixed64 value) => value.RawValue < 0 ? -1 : value.RawValue > 0 ? 1 : 0;

        /// <summary>The smaller of two values.</summary>
        /// <param name="a">The first value.</param>
        /// <param name="b">The second value.</param>
        /// <returns>The smaller value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 Min(Fixed64 a, Fixed64 b) => a.RawValue <= b.RawValue ? a : b;

        /// <summary>The larger of two values.</summary>
        /// <param name="a">The first value.</param>
        /// <param name="b">The second value.</param>
        /// <returns>The larger value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 Max(Fixed64 a, Fixed64 b) => a.RawValue >= b.RawValue ? a : b;

        /// <summary>Restricts a value to [<paramref name="min"/>, <paramref name="max"/>].</summary>
        /// <param name="value">The value.</param>
        /// <param name="min">The lower bound.</param>
        /// <param name="max">The upper bound.</param>
        /// <returns><paramref name="min"/> if value is below it, <paramref name="max"/> if above, else the value.</returns>
        /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
        public static Fixed64 Clamp(Fixed64 value, Fixed64 min, Fixed64 max)
        {
            if (min > max)
            {
                throw new ArgumentException("min must not be greater than max.", nameof(min));
            }

            return value < min ? min : value > max ? max : value;
        }

        /// <summary>Linear interpolation <c>a + (b - a) * t</c>; <paramref name="t"/> is not clamped.</summary>
        /// <param name="a">The value at t = 0.</param>
        /// <param name="b">The value at t = 1.</param>
        /// <param name="t">The interpolation parameter.</param>
        /// <returns>The interpolated value.</returns>
        public static Fixed64 Lerp(Fixed64 a, Fixed64 b, Fixed64 t) => a + ((b - a) * t);

        /// <summary>The largest integer less than or equal to the value.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The value rounded toward negative infinity.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 Floor(Fixed64 value) => Fixed64.FromRaw(value.RawValue & ~FractionMask);

        /// <summary>The smallest integer greater than or equal to the value; wraps to -2^31 above 2^31 - 1.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The value rounded toward positive infinity.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 Ceiling(Fixed64 value) => Fixed64.FromRaw(unchecked(value.RawValue + FractionMask) & ~FractionMask);

        /// <summary>
        /// The nearest integer, halves rounded AWAY FROM ZERO (2.5 → 3, -2.5 → -3; unlike
        /// <see cref="Math.Round(double)"/>, which rounds halves to even). Wraps to -2^31 from 2^31 - 0.5 up.
        /// </summary>
        /// <param name="value">The value.</param>
        /// <returns>The rounded value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 Round(Fixed64 value)
        {
            long raw = value.RawValue;
            // Add one half (one half minus an ulp for negatives) and floor.
            return Fixed64.FromRaw(unchecked(raw + (1L << 31) + (raw >> 63)) & ~FractionMask);
        }

        /// <summary>The integer part, rounding toward zero.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The value without its fractional part.</returns>
        public static Fixed64 Truncate(Fixed64 value) => Fixed64.FromInt((int)value);

        /// <summary>Floor as an <see cref="int"/> (never overflows).</summary>
        /// <param name="value">The value.</param>
        /// <returns>The largest integer less than or equal to the value.</returns>
        public static int FloorToInt(Fixed64 value) => (int)(value.RawValue >> 32);

        /// <summary>Ceiling as an <see cref="int"/>; wraps to <see cref="int.MinValue"/> above <see cref="int.MaxValue"/>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The smallest integer greater than or equal to the value.</returns>
        public static int CeilingToInt(Fixed64 value) => (int)(Ceiling(value).RawValue >> 32);

        /// <summary>Round (halves away from zero) as an <see cref="int"/>; wraps like <see cref="Round"/>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The nearest integer.</returns>
        public static int RoundToInt(Fixed64 value) => (int)(Round(value).RawValue >> 32);

        /// <summary>
        /// Square root, correctly rounded (the exact root rounded to the nearest Q32.32 value), computed with
        /// 128-bit integer arithmetic only.
        /// </summary>
        /// <param name="value">A non-negative value.</param>
        /// <returns>√<paramref name="value"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
        public static Fixed64 Sqrt(Fixed64 value)
        {
            long raw = value.RawValue;
            if (raw < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Square root of a negative number.");
            }

            // sqrt(raw / 2^32) * 2^32 = sqrt(raw * 2^32): the raw result is the rounded root of raw << 32.
            ulong root = WideArithmetic.RoundedSqrt128((ulong)raw >> 32, (ulong)raw << 32);
            return Fixed64.FromRaw((long)root);
        }
    }
}
