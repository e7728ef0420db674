using System;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>SplitMix64: a tiny seeded generator, identical on every platform, for drawing scenarios and bot inputs.</summary>
    public struct ExploreRandom
    {
        private ulong _state;

        /// <summary>Creates a stream from a seed and a stream id.</summary>
        /// <param name="seed">The random seed.</param>
        /// <param name="stream">Distinguishes streams of the same seed.</param>
        public ExploreRandom(ulong seed, ulong stream = 0) => _state = Mix(seed ^ Mix(stream + 0x632BE59BD9B4E019UL));

        /// <summary>The SplitMix64 finalizer.</summary>
        /// <param name="z">A value.</param>
        /// <returns>Its mix.</returns>
        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>The next 64 random bits.</summary>
        /// <returns>The bits.</returns>
        public ulong Next() => Mix(_state += 0x9E3779B97F4A7C15UL);

        /// <summary>Uniform in [0, <paramref name="n"/>).</summary>
        /// <param name="n">Exclusive bound, at least 1.</param>
        /// <returns>The value.</returns>
        public int Below(int n) => n <= 1 ? 0 : (int)(Next() % (ulong)n);

        /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
        /// <param name="min">Inclusive lower bound.</param>
        /// <param name="max">Inclusive upper bound.</param>
        /// <returns>The value.</returns>
        public int Between(int min, int max) => min + Below(max - min + 1);

        /// <summary>True with probability <paramref name="p"/>.</summary>
        /// <param name="p">A probability.</param>
        /// <returns>The draw.</returns>
        public bool Chance(double p) => (Next() >> 11) * (1.0 / (1UL << 53)) < p;

        /// <summary>One of <paramref name="items"/>.</summary>
        /// <typeparam name="T">Item type.</typeparam>
        /// <param name="items">The choices.</param>
        /// <returns>The pick.</returns>
        public T Pick<T>(ReadOnlySpan<T> items) => items[Below(items.Length)];

        /// <summary>Fills <paramref name="bytes"/> with random bytes.</summary>
        /// <param name="bytes">The destination.</param>
        public void Fill(Span<byte> bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)Next();
            }
        }
    }
}
