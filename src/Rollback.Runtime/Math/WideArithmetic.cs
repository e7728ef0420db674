using System.Runtime.CompilerServices;

namespace Rollback
{
    /// <summary>
    /// 128-bit integer helpers used by the fixed-point types: 64x64→128 multiply, 128/64 divide,
    /// 128-bit integer square root and leading-zero count. Integer-only, identical on every platform.
    /// </summary>
    internal static class WideArithmetic
    {
        /// <summary>Unsigned 64x64→128 multiply; returns the high word.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong UMul128(ulong a, ulong b, out ulong low)
        {
#if NET5_0_OR_GREATER
            return System.Math.BigMul(a, b, out low);
#else
            return UMul128Portable(a, b, out low);
#endif
        }

        /// <summary>Signed 64x64→128 multiply; returns the high word (two's complement).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static long SMul128(long a, long b, out ulong low)
        {
#if NET5_0_OR_GREATER
            long high = System.Math.BigMul(a, b, out long lowSigned);
            low = unchecked((ulong)lowSigned);
            return high;
#else
            return SMul128Portable(a, b, out low);
#endif
        }

        /// <summary>Portable unsigned 64x64→128 multiply from four 32x32→64 partial products.</summary>
        internal static ulong UMul128Portable(ulong a, ulong b, out ulong low)
        {
            unchecked
            {
                ulong aLo = (uint)a, aHi = a >> 32;
                ulong bLo = (uint)b, bHi = b >> 32;
                ulong ll = aLo * bLo;
                ulong lh = aLo * bHi;
                ulong hl = aHi * bLo;
                ulong hh = aHi * bHi;
                // Middle column: at most 3 * (2^32 - 1), so it cannot overflow.
                ulong mid = (ll >> 32) + (uint)lh + (uint)hl;
                low = (mid << 32) | (uint)ll;
                return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
            }
        }

        /// <summary>Portable signed 64x64→128 multiply: unsigned product corrected for the operands' signs.</summary>
        internal static long SMul128Portable(long a, long b, out ulong low)
        {
            unchecked
            {
                ulong high = UMul128Portable((ulong)a, (ulong)b, out low);
                high -= (ulong)((a >> 63) & b);
                high -= (ulong)((b >> 63) & a);
                return (long)high;
            }
        }

        /// <summary>Number of leading zero bits of <paramref name="value"/> (64 for zero).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int LeadingZeroCount(ulong value)
        {
#if NETCOREAPP3_0_OR_GREATER
            return System.Numerics.BitOperations.LeadingZeroCount(value);
#else
            return LeadingZeroCountPortable(value);
#endif
        }

        /// <summary>Portable leading-zero count by binary search.</summary>
        internal static int LeadingZeroCountPortable(ulong value)
        {
            if (value == 0)
            {
                return 64;
            }

            int n = 0;
            if ((value >> 32) == 0) { n += 32; value <<= 32; }
            if ((value >> 48) == 0) { n += 16; value <<= 16; }
            if ((value >> 56) == 0) { n += 8; value <<= 8; }
            if ((value >> 60) == 0) { n += 4; value <<= 4; }
            if ((value >> 62) == 0) { n += 2; value <<= 2; }
            if ((value >> 63) == 0) { n += 1; }
            return n;
        }

        /// <summary>
        /// Divides the 128-bit value (<paramref name="high"/>, <paramref name="low"/>) by
        /// <paramref name="divisor"/>; requires <c>high &lt; divisor</c> so the quotient fits in 64 bits.
        /// Long division in base 2^32 with a normalised divisor (Knuth's algorithm D, two digits).
        /// </summary>
        internal static ulong DivRem128By64(ulong high, ulong low, ulong divisor, out ulong remainder)
        {
            unchecked
            {
                const ulong b = 1UL << 32;
                int s = LeadingZeroCount(divisor);
                ulong v = divisor << s;
                ulong vn1 = v >> 32;
                ulong vn0 = (uint)v;
                ulong un32 = s == 0 ? high : (high << s) | (low >> (64 - s));
                ulong un10 = low << s;
                ulong un1 = un10 >> 32;
                ulong un0 = (uint)un10;

                ulong q1 = un32 / vn1;
                ulong rhat = un32 - (q1 * vn1);
                while (q1 >= b || q1 * vn0 > (rhat << 32) + un1)
                {
                    q1--;
                    rhat += vn1;
                    if (rhat >= b)
                    {
                        break;
                    }
                }

                ulong un21 = (un32 << 32) + un1 - (q1 * v);
                ulong q0 = un21 / vn1;
                rhat = un21 - (q0 * vn1);
                while (q0 >= b || q0 * vn0 > (rhat << 32) + un0)
                {
                    q0--;
                    rhat += vn1;
                    if (rhat >= b)
                    {
                        break;
                    }
                }

                remainder = ((un21 << 32) + un0 - (q0 * v)) >> s;
                return (q1 << 32) + q0;
            }
        }

        /// <summary>Floor of the square root of the 128-bit value (<paramref name="high"/>, <paramref name="low"/>).</summary>
        internal static ulong ISqrt128(ulong high, ulong low)
        {
            unchecked
            {
                if (high == 0)
                {
                    return ISqrt64(low);
                }

                int bits = 128 - LeadingZeroCount(high);
                // Start above the root: 2^ceil(bits/2) >= sqrt(n); for bits >= 127 that is 2^64, so use 2^64 - 1.
                ulong x = bits >= 127 ? ulong.MaxValue : 1UL << ((bits + 1) >> 1);
                while (true)
                {
                    // x >= floor(sqrt(n)) > high, so the quotient fits in 64 bits.
                    ulong q = DivRem128By64(high, low, x, out _);
                    ulong y = (x >> 1) + (q >> 1) + (x & q & 1);
                    if (y >= x)
                    {
                        return x;
                    }

                    x = y;
                }
            }
        }

        /// <summary>Floor of the square root of a 64-bit value (Newton's method from above).</summary>
        internal static ulong ISqrt64(ulong n)
        {
            unchecked
            {
                if (n < 2)
                {
                    return n;
                }

                int bits = 64 - LeadingZeroCount(n);
                ulong x = 1UL << ((bits + 1) >> 1);
                while (true)
                {
                    ulong y = (x + (n / x)) >> 1;
                    if (y >= x)
                    {
                        return x;
                    }

                    x = y;
                }
            }
        }

        /// <summary>
        /// Square root of the 128-bit value rounded to the nearest integer (ties cannot occur).
        /// Requires the value to be at most 2^127 so the rounded root fits in 64 bits.
        /// </summary>
        internal static ulong RoundedSqrt128(ulong high, ulong low)
        {
            unchecked
            {
                ulong r = ISqrt128(high, low);
                // Round up when n - r^2 > r, i.e. n > (r + 1/2)^2 (n is an integer, so no ties).
                ulong sqHigh = UMul128(r, r, out ulong sqLow);
                ulong diffLow = low - sqLow;
                ulong diffHigh = high - sqHigh - (low < sqLow ? 1UL : 0UL);
                if (diffHigh != 0 || diffLow > r)
                {
                    r++;
                }

                return r;
            }
        }
    }
}
