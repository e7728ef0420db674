using System;
using System.Globalization;
using System.Numerics;

namespace Rollback
{
    public readonly partial struct Fixed64
    {
        private static readonly ulong[] s_powersOfTen =
        {
            1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL,
            100_000_000UL, 1_000_000_000UL, 10_000_000_000UL,
        };

        /// <summary>
        /// The shortest invariant-culture decimal text that <see cref="Parse(string)"/> maps back to exactly this
        /// value (at most 10 fractional digits), e.g. "3.1415926537" for <see cref="Pi"/>, "-0.5", "2".
        /// </summary>
        /// <returns>The decimal text.</returns>
        public override string ToString()
        {
            ulong mag = Magnitude(RawValue);
            ulong integerPart = mag >> 32;
            ulong fraction = mag & FractionMask;
            string sign = RawValue < 0 ? "-" : string.Empty;
            if (fraction == 0)
            {
                return sign + integerPart.ToString(CultureInfo.InvariantCulture);
            }

            // 10 digits always suffice: their spacing (1e-10) is below 2^-32, so the nearest 10-digit
            // decimal is within half an ulp.
            for (int digits = 1; digits <= 10; digits++)
            {
                ulong pow = s_powersOfTen[digits];
                ulong high = WideArithmetic.UMul128(fraction, pow, out ulong low);
                ulong scaled = WideArithmetic.DivRem128By64(high, low, 1UL << 32, out ulong rem);
                if (rem >= (1UL << 31))
                {
                    scaled++;
                }

                if (scaled >= pow || DecimalFractionToRaw(scaled, pow) != fraction)
                {
                    continue;
                }

                string decimals = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
                return sign + integerPart.ToString(CultureInfo.InvariantCulture) + "." + decimals;
            }

            throw new InvalidOperationException("unreachable: 10 fractional digits always round-trip");
        }

        /// <summary>round(digits * 2^32 / pow), ties away from zero, for digits &lt; pow.</summary>
        private static ulong DecimalFractionToRaw(ulong digits, ulong pow)
        {
            ulong q = WideArithmetic.DivRem128By64(digits >> 32, digits << 32, pow, out ulong rem);
            return rem >= pow - rem ? q + 1 : q;
        }

        /// <summary>
        /// Parses invariant-culture decimal text such as "3.14159", "-0.5", "+2", ".25" or "1e-3" and rounds
        /// the exact decimal value to the nearest <see cref="Fixed64"/>, ties away from zero. No whitespace,
        /// group separators or hexadecimal. Uses integer arithmetic only.
        /// </summary>
        /// <param name="s">The text.</param>
        /// <returns>The parsed value.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
        /// <exception cref="FormatException"><paramref name="s"/> is not a decimal number.</exception>
        /// <exception cref="OverflowException">The value is outside [<see cref="MinValue"/>, <see cref="MaxValue"/>] after rounding.</exception>
        public static Fixed64 Parse(string s)
        {
            if (s is null)
            {
                throw new ArgumentNullException(nameof(s));
            }

            return Parse(s.AsSpan());
        }

        /// <summary>Parses decimal text; see <see cref="Parse(string)"/> for the grammar and rounding.</summary>
        /// <param name="s">The text.</param>
        /// <returns>The parsed value.</returns>
        /// <exception cref="FormatException"><paramref name="s"/> is not a decimal number.</exception>
        /// <exception cref="OverflowException">The value is out of range.</exception>
        public static Fixed64 Parse(ReadOnlySpan<char> s)
        {
            switch (TryParseCore(s, out Fixed64 result))
            {
                case ParseStatus.Ok:
                    return result;
                case ParseStatus.Overflow:
                    throw new OverflowException("The value is outside the range of Fixed64.");
                default:
                    throw new FormatException("The text is not a decimal number.");
            }
        }

        /// <summary>Tries to parse decimal text; see <see cref="Parse(string)"/> for the grammar and rounding.</summary>
        /// <param name="s">The text (may be null).</param>
        /// <param name="result">The parsed value, or zero on failure.</param>
        /// <returns><c>true</c> when the text is a decimal number within range.</returns>
        public static bool TryParse(string? s, out Fixed64 result)
        {
            if (s is null)
            {
                result = default;
                return false;
            }

            return TryParse(s.AsSpan(), out result);
        }

        /// <summary>Tries to parse decimal text; see <see cref="Parse(string)"/> for the grammar and rounding.</summary>
        /// <param name="s">The text.</param>
        /// <param name="result">The parsed value, or zero on failure.</param>
        /// <returns><c>true</c> when the text is a decimal number within range.</returns>
        public static bool TryParse(ReadOnlySpan<char> s, out Fixed64 result) => TryParseCore(s, out result) == ParseStatus.Ok;

        private enum ParseStatus
        {
            Ok,
            Format,
            Overflow,
        }

        private static ParseStatus TryParseCore(ReadOnlySpan<char> s, out Fixed64 result)
        {
            result = default;
            int i = 0;
            bool negative = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                negative = s[i] == '-';
                i++;
            }

            BigInteger mantissa = BigInteger.Zero;
            int digitCount = 0;
            int significantDigits = 0;
            long exponent = 0;
            while (i < s.Length && IsDigit(s[i]))
            {
                AppendDigit(ref mantissa, s[i], ref significantDigits);
                digitCount++;
                i++;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                while (i < s.Length && IsDigit(s[i]))
                {
                    AppendDigit(ref mantissa, s[i], ref significantDigits);
                    digitCount++;
                    exponent--;
                    i++;
                }
            }

            if (digitCount == 0)
            {
                return ParseStatus.Format;
            }

            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                bool expNegative = false;
                if (i < s.Length && (s[i] == '+' || s[i] == '-'))
                {
                    expNegative = s[i] == '-';
                    i++;
                }

                if (i >= s.Length || !IsDigit(s[i]))
                {
                    return ParseStatus.Format;
                }

                long exp = 0;
                while (i < s.Length && IsDigit(s[i]))
                {
                    // Saturate huge exponents; anything past 10^9 is decided by the range checks below.
                    exp = Math.Min(exp * 10 + (s[i] - '0'), 1_000_000_000L);
                    i++;
                }

                exponent += expNegative ? -exp : exp;
            }

            if (i != s.Length)
            {
                return ParseStatus.Format;
            }

            if (mantissa.IsZero)
            {
                return ParseStatus.Ok;
            }

            // value = mantissa * 10^exponent, with 10^(significantDigits-1) <= mantissa < 10^significantDigits.
            long magnitudeExponent = significantDigits + exponent;
            if (magnitudeExponent > 11)
            {
                return ParseStatus.Overflow; // value >= 10^11 > 2^31
            }

            if (magnitudeExponent < -11)
            {
                return ParseStatus.Ok; // value < 10^-11 < 2^-33 (half an ulp): rounds to zero
            }

            BigInteger scaled = mantissa << FractionalBits;
            BigInteger raw;
            if (exponent >= 0)
            {
                raw = scaled * BigInteger.Pow(10, (int)exponent);
            }
            else
            {
                BigInteger divisor = BigInteger.Pow(10, (int)-exponent);
                raw = BigInteger.DivRem(scaled, divisor, out BigInteger rem);
                if (rem * 2 >= divisor)
                {
                    raw += 1;
                }
            }

            if (negative)
            {
                raw = -raw;
            }

            if (raw < long.MinValue || raw > long.MaxValue)
            {
                return ParseStatus.Overflow;
            }

            result = new Fixed64((long)raw);
            return ParseStatus.Ok;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static void AppendDigit(ref BigInteger mantissa, char c, ref int significantDigits)
        {
            mantissa = (mantissa * 10) + (c - '0');
            if (!mantissa.IsZero)
            {
                significantDigits++;
            }
        }
    }
}
