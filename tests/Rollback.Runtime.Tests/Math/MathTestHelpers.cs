using System;
using System.Numerics;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    /// <summary>Exact BigInteger references and seeded input generators for the math tests.</summary>
    internal static class MathTestHelpers
    {
        /// <summary>2^32.</summary>
        public static readonly BigInteger Two32 = BigInteger.One << 32;

        /// <summary>pi to 100 decimal places, as an integer scaled by 10^100.</summary>
        public static readonly BigInteger PiE100 = BigInteger.Parse(
            "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679");

        /// <summary>10^100.</summary>
        public static readonly BigInteger E100 = BigInteger.Pow(10, 100);

        /// <summary>n / d rounded to the nearest integer, ties away from zero.</summary>
        public static BigInteger RoundDiv(BigInteger n, BigInteger d)
        {
            if (d.Sign < 0)
            {
                n = -n;
                d = -d;
            }

            BigInteger q = BigInteger.DivRem(BigInteger.Abs(n), d, out BigInteger rem);
            if (rem * 2 >= d)
            {
                q += 1;
            }

            return n.Sign < 0 ? -q : q;
        }

        /// <summary>The low 64 bits of a BigInteger, as a two's complement long.</summary>
        public static long Wrap(BigInteger value)
        {
            BigInteger mod = BigInteger.One << 64;
            BigInteger r = ((value % mod) + mod) % mod;
            return unchecked((long)(ulong)r);
        }

        /// <summary>round(x * 2^k) for a non-negative rational x = num/den.</summary>
        public static BigInteger ScaleRound(BigInteger num, BigInteger den, int k) => RoundDiv(num << k, den);

        /// <summary>
        /// A raw value with a random bit length (so small, medium and huge magnitudes are all common) and sign.
        /// </summary>
        public static long RandomRaw(Random random, int maxBits = 64)
        {
            int bits = random.Next(0, maxBits + 1);
            ulong value = RandomULong(random);
            if (bits < 64)
            {
                value &= (1UL << bits) - 1;
            }

            long raw = unchecked((long)value);
            return bits < 64 && random.Next(2) == 0 ? -raw : raw;
        }

        /// <summary>64 uniformly random bits.</summary>
        public static ulong RandomULong(Random random)
        {
            Span<byte> bytes = stackalloc byte[8];
            random.NextBytes(bytes);
            return BitConverter.ToUInt64(bytes);
        }

        /// <summary>Edge-case raw values.</summary>
        public static readonly long[] EdgeRaws =
        {
            0, 1, -1, 2, -2, 0x7FFFFFFF, 0x80000000, -0x80000000, 0xFFFFFFFF, 1L << 32, -(1L << 32),
            (1L << 32) + 1, (1L << 32) - 1, 3L << 31, -(3L << 31), 1L << 62, -(1L << 62),
            long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1,
        };
    }
}
