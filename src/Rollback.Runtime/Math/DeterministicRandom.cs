using System;
using System.Runtime.CompilerServices;

namespace Rollback
{
    /// <summary>
    /// A seedable, deterministic random number generator meant to live INSIDE the simulation state, so that
    /// a snapshot captures it and a rollback rewinds it. Same seed → same sequence on every platform.
    /// </summary>
    /// <remarks>
    /// <para>Algorithm: xoshiro256** 1.0 (Blackman and Vigna), 256 bits of state, period 2^256 - 1. A seed is
    /// expanded into the state with SplitMix64 (the seeding the algorithm's authors recommend). Integer-only.</para>
    /// <para>This is a mutable struct of four <see cref="ulong"/> fields (32 bytes, unmanaged). Keep it in a
    /// non-readonly field and call methods on the field itself (<c>state.Rng.NextInt(6)</c>): a copy advances
    /// independently, which is exactly what a snapshot relies on. <c>default(DeterministicRandom)</c> behaves
    /// like <c>new DeterministicRandom(0UL)</c> (it seeds itself on first use).</para>
    /// <para>Not cryptographically secure.</para>
    /// </remarks>
    public struct DeterministicRandom : IEquatable<DeterministicRandom>
    {
        private ulong _s0;
        private ulong _s1;
        private ulong _s2;
        private ulong _s3;

        /// <summary>Creates a generator whose state is SplitMix64's first four outputs for <paramref name="seed"/>.</summary>
        /// <param name="seed">The random seed; any value is fine, including 0.</param>
        public DeterministicRandom(ulong seed)
        {
            ulong x = seed;
            _s0 = SplitMix64(ref x);
            _s1 = SplitMix64(ref x);
            _s2 = SplitMix64(ref x);
            _s3 = SplitMix64(ref x);
        }

        /// <summary>
        /// Creates a generator from an <see cref="int"/> seed, sign-extended to 64 bits, so
        /// <c>new DeterministicRandom(7)</c> equals <c>new DeterministicRandom(7UL)</c>.
        /// </summary>
        /// <param name="seed">The random seed.</param>
        public DeterministicRandom(int seed)
            : this(unchecked((ulong)(long)seed))
        {
        }

        /// <summary>Creates a generator from a raw xoshiro256** state (tests use the reference vectors).</summary>
        internal DeterministicRandom(ulong s0, ulong s1, ulong s2, ulong s3)
        {
            _s0 = s0;
            _s1 = s1;
            _s2 = s2;
            _s3 = s3;
        }

        /// <summary>The next 64 random bits (the raw xoshiro256** output).</summary>
        /// <returns>A uniformly distributed <see cref="ulong"/>.</returns>
        public ulong NextUInt64()
        {
            unchecked
            {
                if ((_s0 | _s1 | _s2 | _s3) == 0)
                {
                    this = new DeterministicRandom(0UL); // default(DeterministicRandom): the all-zero state is a fixed point
                }

                ulong s1 = _s1;
                ulong result = RotateLeft(s1 * 5, 7) * 9;
                ulong t = s1 << 17;
                _s2 ^= _s0;
                _s3 ^= s1;
                _s1 = s1 ^ _s2;
                _s0 ^= _s3;
                _s2 ^= t;
                _s3 = RotateLeft(_s3, 45);
                return result;
            }
        }

        /// <summary>The next 32 random bits (the high half of <see cref="NextUInt64"/>).</summary>
        /// <returns>A uniformly distributed <see cref="uint"/>.</returns>
        public uint NextUInt32() => (uint)(NextUInt64() >> 32);

        /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
        /// <param name="maxExclusive">The exclusive upper bound; must be positive.</param>
        /// <returns>An integer in [0, <paramref name="maxExclusive"/>).</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is zero or negative.</exception>
        public int NextInt(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "maxExclusive must be positive.");
            }

            return (int)NextBounded((uint)maxExclusive);
        }

        /// <summary>A uniformly distributed integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>), without modulo bias.</summary>
        /// <param name="min">The inclusive lower bound.</param>
        /// <param name="maxExclusive">The exclusive upper bound; must be greater than <paramref name="min"/>.</param>
        /// <returns>An integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not greater than <paramref name="min"/>.</exception>
        public int NextInt(int min, int maxExclusive)
        {
            if (maxExclusive <= min)
            {
                throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "maxExclusive must be greater than min.");
            }

            uint range = unchecked((uint)(maxExclusive - min));
            return unchecked(min + (int)NextBounded(range));
        }

        /// <summary>A fair coin flip (the top bit of <see cref="NextUInt64"/>).</summary>
        /// <returns><c>true</c> or <c>false</c> with equal probability.</returns>
        public bool NextBool() => (NextUInt64() >> 63) != 0;

        /// <summary>A uniformly distributed value in [0, 1): 32 random fractional bits.</summary>
        /// <returns>A value in [0, 1).</returns>
        public Fixed64 NextFixed() => Fixed64.FromRaw((long)(NextUInt64() >> 32));

        /// <summary>
        /// A value drawn uniformly from every representable <see cref="Fixed64"/> in [<paramref name="min"/>,
        /// <paramref name="maxExclusive"/>), without bias.
        /// </summary>
        /// <param name="min">The inclusive lower bound.</param>
        /// <param name="maxExclusive">The exclusive upper bound; must be greater than <paramref name="min"/>.</param>
        /// <returns>A value in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not greater than <paramref name="min"/>.</exception>
        public Fixed64 NextFixed(Fixed64 min, Fixed64 maxExclusive)
        {
            if (maxExclusive <= min)
            {
                throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive.ToString(), "maxExclusive must be greater than min.");
            }

            ulong range = unchecked((ulong)(maxExclusive.RawValue - min.RawValue));
            return Fixed64.FromRaw(unchecked(min.RawValue + (long)NextBounded64(range)));
        }

        /// <summary>Whether both generators are in the same state (and so will produce the same sequence).</summary>
        /// <param name="other">The other generator.</param>
        /// <returns><c>true</c> when the states are identical.</returns>
        public readonly bool Equals(DeterministicRandom other) =>
            _s0 == other._s0 && _s1 == other._s1 && _s2 == other._s2 && _s3 == other._s3;

        /// <summary>State equality with a boxed generator.</summary>
        /// <param name="obj">The other object.</param>
        /// <returns><c>true</c> when <paramref name="obj"/> is a generator in the same state.</returns>
        public override readonly bool Equals(object? obj) => obj is DeterministicRandom other && Equals(other);

        /// <summary>A hash of the state (for hash tables only; never for checksums).</summary>
        /// <returns>The hash code.</returns>
        public override readonly int GetHashCode()
        {
            ulong h = unchecked(_s0 ^ RotateLeft(_s1, 16) ^ RotateLeft(_s2, 32) ^ RotateLeft(_s3, 48));
            return unchecked((int)h ^ (int)(h >> 32));
        }

        /// <summary>Lemire's multiply-and-reject: uniform in [0, range) for range &gt; 0.</summary>
        private uint NextBounded(uint range)
        {
            unchecked
            {
                ulong m = (ulong)NextUInt32() * range;
                uint low = (uint)m;
                if (low < range)
                {
                    uint threshold = (0u - range) % range; // 2^32 mod range
                    while (low < threshold)
                    {
                        m = (ulong)NextUInt32() * range;
                        low = (uint)m;
                    }
                }

                return (uint)(m >> 32);
            }
        }

        /// <summary>Lemire's method with a 64x64→128 multiply: uniform in [0, range) for range &gt; 0.</summary>
        private ulong NextBounded64(ulong range)
        {
            unchecked
            {
                ulong high = WideArithmetic.UMul128(NextUInt64(), range, out ulong low);
                if (low < range)
                {
                    ulong threshold = (0UL - range) % range; // 2^64 mod range
                    while (low < threshold)
                    {
                        high = WideArithmetic.UMul128(NextUInt64(), range, out low);
                    }
                }

                return high;
            }
        }

        private static ulong SplitMix64(ref ulong x)
        {
            unchecked
            {
                x += 0x9E3779B97F4A7C15UL;
                ulong z = x;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong RotateLeft(ulong value, int offset) => (value << offset) | (value >> (64 - offset));
    }
}
