using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Rollback
{
    /// <summary>
    /// A deterministic fixed-point number in Q32.32 format: a signed 64-bit integer
    /// <see cref="RawValue"/> that stands for <c>RawValue / 2^32</c>. Every operation uses integer
    /// arithmetic only, so results are bit-for-bit identical on every CPU, OS and runtime.
    /// </summary>
    /// <remarks>
    /// <para>Range: <see cref="MinValue"/> = -2^31 (-2147483648) to <see cref="MaxValue"/> =
    /// 2^31 - 2^-32 (2147483647.99999999976...). Precision: <see cref="Epsilon"/> = 2^-32
    /// (about 2.33e-10), uniform over the whole range.</para>
    /// <para>Overflow: <c>+</c>, <c>-</c>, unary <c>-</c> and <c>*</c> wrap like unchecked
    /// <see cref="long"/> arithmetic on the raw value (the result is the exact, rounded result modulo
    /// 2^64 raw units). <c>/</c> saturates to <see cref="MaxValue"/> or <see cref="MinValue"/>.
    /// <c>/</c> and <c>%</c> by zero throw <see cref="DivideByZeroException"/>.</para>
    /// <para>Rounding: <c>*</c> and <c>/</c> round the exact result to the nearest representable
    /// value, ties away from zero. See docs/math.md.</para>
    /// </remarks>
    [DebuggerDisplay("{ToString(),nq}")]
    public readonly partial struct Fixed64 : IEquatable<Fixed64>, IComparable<Fixed64>, IComparable
    {
        /// <summary>Number of fractional bits (32).</summary>
        public const int FractionalBits = 32;

        private const long OneRaw = 1L << FractionalBits;
        private const long FractionMask = OneRaw - 1;

        /// <summary>The raw Q32.32 value: the number times 2^32.</summary>
        public readonly long RawValue;

        private Fixed64(long rawValue)
        {
            RawValue = rawValue;
        }

        /// <summary>Zero.</summary>
        public static Fixed64 Zero => default;

        /// <summary>One.</summary>
        public static Fixed64 One => new Fixed64(OneRaw);

        /// <summary>One half (exact).</summary>
        public static Fixed64 Half => new Fixed64(OneRaw >> 1);

        /// <summary>Pi rounded to the nearest Q32.32 value (raw 13493037705).</summary>
        public static Fixed64 Pi => new Fixed64(13493037705L);

        /// <summary>2·Pi rounded to the nearest Q32.32 value (raw 26986075409).</summary>
        public static Fixed64 TwoPi => new Fixed64(26986075409L);

        /// <summary>Pi/2 rounded to the nearest Q32.32 value (raw 6746518852).</summary>
        public static Fixed64 HalfPi => new Fixed64(6746518852L);

        /// <summary>The smallest positive value, 2^-32 (raw 1).</summary>
        public static Fixed64 Epsilon => new Fixed64(1L);

        /// <summary>The largest value, 2^31 - 2^-32 (raw <see cref="long.MaxValue"/>).</summary>
        public static Fixed64 MaxValue => new Fixed64(long.MaxValue);

        /// <summary>The smallest (most negative) value, -2^31 (raw <see cref="long.MinValue"/>).</summary>
        public static Fixed64 MinValue => new Fixed64(long.MinValue);

        /// <summary>Creates a value from its raw Q32.32 representation (the number times 2^32).</summary>
        /// <param name="rawValue">The raw value.</param>
        /// <returns>The value <c>rawValue / 2^32</c>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 FromRaw(long rawValue) => new Fixed64(rawValue);

        /// <summary>Converts an integer exactly (every <see cref="int"/> is representable).</summary>
        /// <param name="value">The integer.</param>
        /// <returns>The same number as a <see cref="Fixed64"/>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 FromInt(int value) => new Fixed64((long)value << FractionalBits);

        /// <summary>
        /// The ratio <paramref name="numerator"/> / <paramref name="denominator"/> rounded to the nearest
        /// Q32.32 value, ties away from zero. Exact whenever the ratio is representable
        /// (e.g. <c>FromRatio(3, 4)</c> is exactly 0.75).
        /// </summary>
        /// <param name="numerator">The numerator.</param>
        /// <param name="denominator">The denominator.</param>
        /// <returns>The rounded ratio.</returns>
        /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
        /// <exception cref="OverflowException">The ratio lies outside [<see cref="MinValue"/>, <see cref="MaxValue"/>].</exception>
        public static Fixed64 FromRatio(long numerator, long denominator)
        {
            if (denominator == 0)
            {
                throw new DivideByZeroException();
            }

            // numerator * 2^32 as a 128-bit value; the quotient is the raw result.
            ulong mag = numerator < 0 ? unchecked(0UL - (ulong)numerator) : (ulong)numerator;
            if (!TryDivideMagnitudes(mag >> 32, mag << 32, Magnitude(denominator), (numerator < 0) != (denominator < 0), out long raw))
            {
                throw new OverflowException("The ratio is outside the range of Fixed64.");
            }

            return new Fixed64(raw);
        }

        /// <summary>Implicit, exact conversion from <see cref="int"/>.</summary>
        /// <param name="value">The integer.</param>
        public static implicit operator Fixed64(int value) => FromInt(value);

        /// <summary>
        /// Explicit conversion to <see cref="int"/>, truncating toward zero like a C# cast from a
        /// floating-point number (2.7 → 2, -2.7 → -2). Every <see cref="Fixed64"/> truncates into the
        /// <see cref="int"/> range, so this never overflows.
        /// </summary>
        /// <param name="value">The value.</param>
        public static explicit operator int(Fixed64 value)
        {
            long raw = value.RawValue;
            // Add (2^32 - 1) to negative values so the arithmetic shift rounds toward zero.
            return (int)((raw + ((raw >> 63) & FractionMask)) >> FractionalBits);
        }

        /// <summary>
        /// Converts to <see cref="double"/> FOR DEBUGGING AND DISPLAY ONLY. Never feed the result back into
        /// the simulation: floating-point results are not guaranteed to be identical across machines.
        /// Values with more than 53 significant bits are rounded.
        /// </summary>
        /// <returns>The nearest <see cref="double"/>.</returns>
        public double ToDouble() => RawValue / 4294967296.0;

        /// <summary>Value equality of the raw representation.</summary>
        /// <param name="other">The other value.</param>
        /// <returns><c>true</c> when both values are identical.</returns>
        public bool Equals(Fixed64 other) => RawValue == other.RawValue;

        /// <summary>Value equality with a boxed <see cref="Fixed64"/>.</summary>
        /// <param name="obj">The other object.</param>
        /// <returns><c>true</c> when <paramref name="obj"/> is an equal <see cref="Fixed64"/>.</returns>
        public override bool Equals(object? obj) => obj is Fixed64 other && Equals(other);

        /// <summary>A hash code of the raw value (for hash tables only; never for checksums).</summary>
        /// <returns>The hash code.</returns>
        public override int GetHashCode() => RawValue.GetHashCode();

        /// <summary>Compares by numeric value.</summary>
        /// <param name="other">The other value.</param>
        /// <returns>Negative, zero or positive as this value is less than, equal to or greater than <paramref name="other"/>.</returns>
        public int CompareTo(Fixed64 other) => RawValue.CompareTo(other.RawValue);

        /// <summary>Compares with a boxed <see cref="Fixed64"/>; <c>null</c> sorts first.</summary>
        /// <param name="obj">The other object.</param>
        /// <returns>Negative, zero or positive.</returns>
        /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Fixed64"/>.</exception>
        public int CompareTo(object? obj)
        {
            if (obj is null)
            {
                return 1;
            }

            if (obj is Fixed64 other)
            {
                return CompareTo(other);
            }

            throw new ArgumentException("Object must be of type Fixed64.", nameof(obj));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong Magnitude(long value) => value < 0 ? unchecked(0UL - (ulong)value) : (ulong)value;

        /// <summary>
        /// Divides the 128-bit magnitude (high, low) by <paramref name="divisor"/>, rounds to nearest with
        /// ties away from zero, applies the sign and checks the result fits in a long.
        /// </summary>
        internal static bool TryDivideMagnitudes(ulong high, ulong low, ulong divisor, bool negative, out long raw)
        {
            if (high >= divisor)
            {
                raw = negative ? long.MinValue : long.MaxValue;
                return false;
            }

            ulong q = WideArithmetic.DivRem128By64(high, low, divisor, out ulong rem);
            if (rem >= divisor - rem)
            {
                if (q == ulong.MaxValue)
                {
                    raw = negative ? long.MinValue : long.MaxValue;
                    return false;
                }

                q++;
            }

            if (negative)
            {
                if (q > 1UL << 63)
                {
                    raw = long.MinValue;
                    return false;
                }

                raw = unchecked((long)(0UL - q));
                return true;
            }

            if (q > long.MaxValue)
            {
                raw = long.MaxValue;
                return false;
            }

            raw = (long)q;
            return true;
        }
    }
}
