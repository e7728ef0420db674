namespace Rollback
{
    public static partial class FixedMath
    {
        // All trigonometry runs in Q62 (Q61 where pi must fit) with 128-bit intermediate products,
        // then rounds once to Q32.32. The constants are the exact values rounded to the nearest integer;
        // tests recompute them from a long decimal expansion of pi.

        /// <summary>1/(2*pi) * 2^128, high and low words.</summary>
        private const ulong InvTwoPiHigh = 0x28BE60DB9391054AUL;
        private const ulong InvTwoPiLow = 0x7F09D5F47D4D3770UL;

        /// <summary>pi/2 * 2^63.</summary>
        internal const ulong HalfPiQ63 = 0xC90FDAA22168C235UL;

        /// <summary>pi * 2^61 and pi/2 * 2^61.</summary>
        internal const long PiQ61 = 7244019458077122842L;
        internal const long HalfPiQ61 = 3622009729038561421L;

        private const long OneQ62 = 1L << 62;

        /// <summary>atan(k/8) * 2^62 for k = 0..8.</summary>
        internal static readonly long[] AtanTableQ62 =
        {
            0x0000000000000000L,
            0x07F56EA6AB0BDB72L,
            0x0FADBAFC96406EB1L,
            0x16F61941E4DEF08EL,
            0x1DAC670561BB4F69L,
            0x23C01757BDFD67E7L,
            0x292F1F464D3DC249L,
            0x2E014F8AF08C679DL,
            0x3243F6A8885A308DL,
        };

        /// <summary>Number of odd powers after u in the atan series (terms u^1 .. u^(2N+1)).</summary>
        private const int AtanTerms = 7;

        /// <summary>1/(2k+1)! * 2^62 for k = 0..9 (sin series through theta^19).</summary>
        private static readonly long[] s_sinCoefficientsQ62 = CreateFactorialCoefficients(1, 10);

        /// <summary>1/(2k)! * 2^62 for k = 0..10 (cos series through theta^20).</summary>
        private static readonly long[] s_cosCoefficientsQ62 = CreateFactorialCoefficients(0, 11);

        /// <summary>1/(2n+1) * 2^62, computed with integer division at type initialisation.</summary>
        private static readonly long[] s_atanCoefficientsQ62 = CreateAtanCoefficients();

        /// <summary>Sine of an angle in radians. Integer-only; max error about half an ulp (see docs/math.md).</summary>
        /// <param name="angle">The angle in radians (any value; reduced modulo 2*pi exactly).</param>
        /// <returns>sin(<paramref name="angle"/>).</returns>
        public static Fixed64 Sin(Fixed64 angle)
        {
            int quadrant = Reduce(angle.RawValue, out long theta);
            long v = (quadrant & 1) == 0 ? SinPolyQ62(theta) : CosPolyQ62(theta);
            return Fixed64.FromRaw(RoundQ62ToQ32((quadrant & 2) == 0 ? v : -v));
        }

        /// <summary>Cosine of an angle in radians. Integer-only; max error about half an ulp (see docs/math.md).</summary>
        /// <param name="angle">The angle in radians (any value; reduced modulo 2*pi exactly).</param>
        /// <returns>cos(<paramref name="angle"/>).</returns>
        public static Fixed64 Cos(Fixed64 angle)
        {
            // cos(x) = sin(x + pi/2): one quadrant further.
            int quadrant = Reduce(angle.RawValue, out long theta) + 1;
            long v = (quadrant & 1) == 0 ? SinPolyQ62(theta) : CosPolyQ62(theta);
            return Fixed64.FromRaw(RoundQ62ToQ32((quadrant & 2) == 0 ? v : -v));
        }

        /// <summary>Sine and cosine together (one range reduction); same results as <see cref="Sin"/> and <see cref="Cos"/>.</summary>
        /// <param name="angle">The angle in radians.</param>
        /// <param name="sin">sin(<paramref name="angle"/>).</param>
        /// <param name="cos">cos(<paramref name="angle"/>).</param>
        public static void SinCos(Fixed64 angle, out Fixed64 sin, out Fixed64 cos)
        {
            int quadrant = Reduce(angle.RawValue, out long theta);
            long s = SinPolyQ62(theta);
            long c = CosPolyQ62(theta);
            long sinQ62 = (quadrant & 1) == 0 ? s : c;
            long cosQ62 = (quadrant & 1) == 0 ? c : -s;
            if ((quadrant & 2) != 0)
            {
                sinQ62 = -sinQ62;
                cosQ62 = -cosQ62;
            }

            sin = Fixed64.FromRaw(RoundQ62ToQ32(sinQ62));
            cos = Fixed64.FromRaw(RoundQ62ToQ32(cosQ62));
        }

        /// <summary>
        /// The angle of the point (<paramref name="x"/>, <paramref name="y"/>) in radians, in (-pi, pi], like
        /// <see cref="System.Math.Atan2"/>. <c>Atan2(0, 0)</c> is 0. Integer-only; max error about half an ulp.
        /// </summary>
        /// <param name="y">The y coordinate.</param>
        /// <param name="x">The x coordinate.</param>
        /// <returns>The angle in radians.</returns>
        public static Fixed64 Atan2(Fixed64 y, Fixed64 x)
        {
            unchecked
            {
                long yRaw = y.RawValue;
                long xRaw = x.RawValue;
                if (xRaw == 0 && yRaw == 0)
                {
                    return Fixed64.Zero;
                }

                ulong ax = Fixed64.Magnitude(xRaw);
                ulong ay = Fixed64.Magnitude(yRaw);
                bool swap = ay > ax;
                ulong num = swap ? ax : ay;
                ulong den = swap ? ay : ax;

                // t = num / den in [0, 1], Q62.
                ulong t = WideArithmetic.DivRem128By64(num >> 2, num << 62, den, out _);
                long angle = (AtanQ62((long)t) + 1) >> 1; // Q61, in [0, pi/4]
                if (swap)
                {
                    angle = HalfPiQ61 - angle;
                }

                if (xRaw < 0)
                {
                    angle = PiQ61 - angle;
                }

                long rounded = (angle + (1L << 28)) >> 29; // Q61 -> Q32, non-negative, half away from zero
                return Fixed64.FromRaw(yRaw < 0 ? -rounded : rounded);
            }
        }

        /// <summary>Arc tangent in radians, in [-pi/2, pi/2]. Same algorithm as <see cref="Atan2"/> with x = 1.</summary>
        /// <param name="value">The tangent.</param>
        /// <returns>atan(<paramref name="value"/>).</returns>
        public static Fixed64 Atan(Fixed64 value) => Atan2(value, Fixed64.One);

        /// <summary>
        /// Range reduction. The angle (Q32 raw) is converted to turns (fraction of a full circle, 64 bits) by a
        /// 64x128-bit multiply with 1/(2*pi), split into a quadrant q and a remainder in [-1/8, 1/8) turn, which is
        /// converted back to radians: angle = theta + q*pi/2 (mod 2*pi), |theta| &lt;= pi/4 in Q62.
        /// </summary>
        private static int Reduce(long raw, out long theta)
        {
            unchecked
            {
                ulong turns = Turns(raw);
                int quadrant = (int)((turns + (1UL << 61)) >> 62);
                long rem = (long)(turns - ((ulong)quadrant << 62)); // [-2^61, 2^61): [-1/8, 1/8) turn
                ulong remMag = Fixed64.Magnitude(rem);

                // theta = rem * 2^-64 * 2*pi rad; in Q62 that is rem * (pi/2) = rem * HalfPiQ63 / 2^63.
                ulong high = WideArithmetic.UMul128(remMag, HalfPiQ63, out ulong low);
                long magnitude = (long)((high << 1) | (low >> 63));
                theta = rem < 0 ? -magnitude : magnitude;
                return quadrant & 3;
            }
        }

        /// <summary>frac(x / (2*pi)) * 2^64 for x = raw / 2^32, with an error below 2^-63 turn.</summary>
        internal static ulong Turns(long raw)
        {
            unchecked
            {
                ulong m = Fixed64.Magnitude(raw);
                // m * (1/(2 pi) * 2^128); the wanted fraction is bits 96..159 of the 192-bit product.
                ulong p1High = WideArithmetic.UMul128(m, InvTwoPiHigh, out ulong p1Low);
                ulong p0High = WideArithmetic.UMul128(m, InvTwoPiLow, out _);
                ulong mid = p1Low + p0High;
                ulong top = p1High + (mid < p1Low ? 1UL : 0UL);
                ulong t = (top << 32) | (mid >> 32);
                return raw < 0 ? 0UL - t : t;
            }
        }

        /// <summary>sin(theta) for |theta| &lt;= pi/4, Q62: Taylor series to theta^19 in Horner form (odd in theta exactly).</summary>
        private static long SinPolyQ62(long theta)
        {
            long mag = theta < 0 ? -theta : theta;
            long z = MulQ62(mag, mag);
            long[] c = s_sinCoefficientsQ62;
            long acc = c[c.Length - 1];
            for (int k = c.Length - 2; k >= 0; k--)
            {
                acc = c[k] - MulQ62(z, acc);
            }

            long result = MulQ62(mag, acc);
            return theta < 0 ? -result : result;
        }

        /// <summary>cos(theta) for |theta| &lt;= pi/4, Q62: Taylor series to theta^20 in Horner form.</summary>
        private static long CosPolyQ62(long theta)
        {
            long mag = theta < 0 ? -theta : theta;
            long z = MulQ62(mag, mag);
            long[] c = s_cosCoefficientsQ62;
            long acc = c[c.Length - 1];
            for (int k = c.Length - 2; k >= 0; k--)
            {
                acc = c[k] - MulQ62(z, acc);
            }

            return acc;
        }

        /// <summary>atan(t) for t in [0, 1] (Q62), result in Q62.</summary>
        private static long AtanQ62(long t)
        {
            unchecked
            {
                // Nearest table point c = k/8, then atan(t) = atan(c) + atan((t - c) / (1 + t c)), |u| <= 1/16.
                int k = (int)((t + (1L << 58)) >> 59);
                long c = (long)k << 59;
                long num = t - c;
                ulong den = (ulong)OneQ62 + (ulong)MulQ62(t, c);
                ulong numMag = Fixed64.Magnitude(num);
                long u = (long)WideArithmetic.DivRem128By64(numMag >> 2, numMag << 62, den, out _);

                long z = MulQ62(u, u);
                long acc = s_atanCoefficientsQ62[AtanTerms];
                for (int n = AtanTerms - 1; n >= 0; n--)
                {
                    acc = s_atanCoefficientsQ62[n] - MulQ62(z, acc);
                }

                long atanU = MulQ62(u, acc);
                return num < 0 ? AtanTableQ62[k] - atanU : AtanTableQ62[k] + atanU;
            }
        }

        /// <summary>
        /// Taylor coefficients 1/n! in Q62 for n = first, first + 2, ... (count terms), each the exact value
        /// rounded to nearest: n! up to 20! fits in a long, so every coefficient is one integer division.
        /// </summary>
        private static long[] CreateFactorialCoefficients(int first, int count)
        {
            var coefficients = new long[count];
            for (int k = 0; k < count; k++)
            {
                long factorial = 1;
                for (int i = 2; i <= first + (2 * k); i++)
                {
                    factorial *= i;
                }

                coefficients[k] = (OneQ62 + (factorial >> 1)) / factorial;
            }

            return coefficients;
        }

        private static long[] CreateAtanCoefficients()
        {
            var coefficients = new long[AtanTerms + 1];
            for (int n = 0; n <= AtanTerms; n++)
            {
                coefficients[n] = DivSmall(OneQ62, (2 * n) + 1);
            }

            return coefficients;
        }

        /// <summary>(a * b) / 2^62 rounded (half up), for Q62 operands whose product fits.</summary>
        private static long MulQ62(long a, long b)
        {
            unchecked
            {
                long high = WideArithmetic.SMul128(a, b, out ulong low);
                return ((high << 2) | (long)(low >> 62)) + (long)((low >> 61) & 1);
            }
        }

        /// <summary>Non-negative value divided by a small positive integer, rounded half up.</summary>
        private static long DivSmall(long value, int divisor) => (value + (divisor >> 1)) / divisor;

        /// <summary>Q62 to Q32.32 raw, rounding to nearest with ties away from zero.</summary>
        private static long RoundQ62ToQ32(long v) => v >= 0 ? (v + (1L << 29)) >> 30 : -((-v + (1L << 29)) >> 30);
    }
}
