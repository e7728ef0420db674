using System.Runtime.CompilerServices;

namespace Rollback.Network.Simulation
{
    /// <summary>
    /// SplitMix64 (Steele, Lea and Flood): a tiny, fast, seedable generator with a 64-bit state. Integer-only, so a
    /// seed replays exactly on every platform. Used by <see cref="SimulatedNetwork"/>, one stream per link.
    /// </summary>
    internal struct NetworkRandom
    {
        /// <summary>2^53 as a double: probabilities become 53-bit integer thresholds.</summary>
        internal const double TwoPow53 = 9007199254740992.0;

        private ulong _state;

        internal NetworkRandom(ulong seed) => _state = seed;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal ulong Next()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        /// <summary>The SplitMix64 finalizer: a stateless 64-bit hash.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>True with probability threshold / 2^53 (see <see cref="Threshold"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool Chance(ulong threshold) => threshold != 0 && (Next() >> 11) < threshold;

        /// <summary>Uniform in [0, range) for 0 &lt; range &lt;= 2^31, by 32-bit multiply-shift.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal int NextInt(int range) => Below(Next(), range);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int Below(ulong random, int range) => (int)(((random >> 32) * (ulong)range) >> 32);

        /// <summary>A probability in [0, 1] as a 53-bit threshold for <see cref="Chance"/>.</summary>
        internal static ulong Threshold(double probability)
        {
            if (!(probability > 0))
            {
                return 0;
            }

            if (probability >= 1)
            {
                return 1UL << 53;
            }

            return (ulong)(probability * TwoPow53);
        }
    }
}
