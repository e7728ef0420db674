using System;
using System.Runtime.CompilerServices;

namespace Rollback
{
    public readonly partial struct Fixed64
    {
        /// <summary>Addition; wraps on overflow like unchecked <see cref="long"/> addition of the raw values.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>a + b</c>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 operator +(Fixed64 a, Fixed64 b) => new Fixed64(unchecked(a.RawValue + b.RawValue));

        /// <summary>Subtraction; wraps on overflow like unchecked <see cref="long"/> subtraction of the raw values.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>a - b</c>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 operator -(Fixed64 a, Fixed64 b) => new Fixed64(unchecked(a.RawValue - b.RawValue));

        /// <summary>Negation; <c>-MinValue</c> wraps to <see cref="MinValue"/>.</summary>
        /// <param name="a">The operand.</param>
        /// <returns><c>-a</c>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 operator -(Fixed64 a) => new Fixed64(unchecked(-a.RawValue));

        /// <summary>Identity.</summary>
        /// <param name="a">The operand.</param>
        /// <returns><paramref name="a"/>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 operator +(Fixed64 a) => a;

        /// <summary>
        /// Multiplication. The exact product is rounded to the nearest Q32.32 value, ties away from zero;
        /// if that does not fit, the result wraps (the low 64 bits of the rounded raw product are kept,
        /// like unchecked <see cref="long"/> multiplication).
        /// </summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>a * b</c>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Fixed64 operator *(Fixed64 a, Fixed64 b)
        {
#if NET5_0_OR_GREATER
            return new Fixed64(MultiplyRaw(a.RawValue, b.RawValue));
#else
            return new Fixed64(MultiplyRawPortable(a.RawValue, b.RawValue));
#endif
        }

        /// <summary>
        /// Raw Q32.32 product via the hardware 64x64→128 multiply (<c>Math.BigMul</c> on .NET 5+). The unsigned
        /// form is used and corrected for the operands' signs: the JIT keeps both halves of the unsigned product in
        /// registers, where the signed overload's extra out parameter went through memory (about a third slower).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static long MultiplyRaw(long a, long b)
        {
            unchecked
            {
                ulong high = WideArithmetic.UMul128((ulong)a, (ulong)b, out ulong low);
                // Two's complement: the signed product's high word is the unsigned one minus b if a < 0 and minus a if b < 0.
                high -= (ulong)(((a >> 63) & b) + ((b >> 63) & a));
                // Round half away from zero: add one half (one half minus one ulp of the product when the product is
                // negative, which is when the signs differ; a zero product has no fraction) and carry into the high word.
                ulong biased = low + (0x80000000UL - ((ulong)(a ^ b) >> 63));
                high += biased < low ? 1UL : 0UL;
                return (long)((high << 32) | (biased >> 32));
            }
        }

        /// <summary>
        /// Raw Q32.32 product from three 64-bit multiplies, for targets without <c>Math.BigMul</c>. Only the
        /// product's bits 32..95 are formed (modulo 2^64): with <c>a = aH·2^32 + aL</c> and <c>b = bH·2^32 + bL</c>,
        /// <c>(a·b + bias) / 2^32 = a·bH + aH·bL + (aL·bL + bias) / 2^32</c> modulo 2^64, where the last division is
        /// the only one with a remainder and the rounding bias cannot overflow it. Same result as <see cref="MultiplyRaw"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static long MultiplyRawPortable(long a, long b)
        {
            unchecked
            {
                // Round half away from zero, as in MultiplyRaw: the bias is one half, less one ulp for a negative product.
                ulong lowLow = ((ulong)(uint)a * (uint)b) + (0x80000000UL - ((ulong)(a ^ b) >> 63));
                return (a * (b >> 32)) + ((a >> 32) * (long)(uint)b) + (long)(lowLow >> 32);
            }
        }

        /// <summary>
        /// Division. The exact quotient is rounded to the nearest Q32.32 value, ties away from zero;
        /// a quotient outside the range saturates to <see cref="MaxValue"/> or <see cref="MinValue"/>.
        /// </summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        /// <returns><c>a / b</c>.</returns>
        /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
        public static Fixed64 operator /(Fixed64 a, Fixed64 b)
        {
            long divisor = b.RawValue;
            if (divisor == 0)
            {
                throw new DivideByZeroException();
            }

            ulong mag = Magnitude(a.RawValue);
            TryDivideMagnitudes(mag >> 32, mag << 32, Magnitude(divisor), (a.RawValue < 0) != (divisor < 0), out long raw);
            return new Fixed64(raw);
        }

        /// <summary>
        /// Remainder of truncated division, exact: <c>a - b * Truncate(a / b)</c>, with the sign of
        /// <paramref name="a"/> (like <see cref="long"/> <c>%</c> on the raw values). Never overflows.
        /// </summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        /// <returns><c>a % b</c>.</returns>
        /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
        public static Fixed64 operator %(Fixed64 a, Fixed64 b)
        {
            long divisor = b.RawValue;
            if (divisor == -1)
            {
                // long.MinValue % -1 throws OverflowException in .NET; the remainder is 0 for every dividend.
                return default;
            }

            return new Fixed64(a.RawValue % divisor);
        }

        /// <summary>Equality.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when equal.</returns>
        public static bool operator ==(Fixed64 a, Fixed64 b) => a.RawValue == b.RawValue;

        /// <summary>Inequality.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when different.</returns>
        public static bool operator !=(Fixed64 a, Fixed64 b) => a.RawValue != b.RawValue;

        /// <summary>Less than.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when <paramref name="a"/> &lt; <paramref name="b"/>.</returns>
        public static bool operator <(Fixed64 a, Fixed64 b) => a.RawValue < b.RawValue;

        /// <summary>Greater than.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when <paramref name="a"/> &gt; <paramref name="b"/>.</returns>
        public static bool operator >(Fixed64 a, Fixed64 b) => a.RawValue > b.RawValue;

        /// <summary>Less than or equal.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when <paramref name="a"/> &lt;= <paramref name="b"/>.</returns>
        public static bool operator <=(Fixed64 a, Fixed64 b) => a.RawValue <= b.RawValue;

        /// <summary>Greater than or equal.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns><c>true</c> when <paramref name="a"/> &gt;= <paramref name="b"/>.</returns>
        public static bool operator >=(Fixed64 a, Fixed64 b) => a.RawValue >= b.RawValue;
    }
}
