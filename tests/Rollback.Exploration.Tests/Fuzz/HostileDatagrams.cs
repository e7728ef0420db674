using System;
using System.Collections.Generic;
using Rollback.Exploration.Tests.Core;

namespace Rollback.Exploration.Tests.Fuzz
{
    /// <summary>The kinds of hostile datagram.</summary>
    public enum HostileKind
    {
        /// <summary>Random bytes of random length (0 to 1,300).</summary>
        Random,

        /// <summary>A real datagram cut short.</summary>
        Truncated,

        /// <summary>A real datagram with 1 to 8 bytes changed or bits flipped.</summary>
        Mutated,

        /// <summary>A real datagram's header followed by a random body.</summary>
        RandomBody,

        /// <summary>An exact copy of an earlier real datagram.</summary>
        Replayed,

        /// <summary>A real datagram with another session id.</summary>
        OtherSession,
    }

    /// <summary>Makes hostile datagrams from a corpus of real ones.</summary>
    public static class HostileDatagrams
    {
        /// <summary>Number of kinds.</summary>
        public const int KindCount = 6;

        /// <summary>Makes one datagram of <paramref name="kind"/>.</summary>
        /// <param name="kind">The kind.</param>
        /// <param name="corpus">Real datagrams (may be empty: random bytes then).</param>
        /// <param name="r">The random stream.</param>
        /// <returns>The bytes.</returns>
        public static byte[] Make(HostileKind kind, List<byte[]> corpus, ref ExploreRandom r)
        {
            if (corpus.Count == 0 || kind == HostileKind.Random)
            {
                var random = new byte[r.Below(1301)];
                r.Fill(random);
                return random;
            }

            byte[] real = corpus[r.Below(corpus.Count)];
            switch (kind)
            {
                case HostileKind.Truncated:
                    return real.AsSpan(0, r.Below(real.Length)).ToArray();

                case HostileKind.Mutated:
                {
                    byte[] m = (byte[])real.Clone();
                    int edits = r.Between(1, 8);
                    for (int e = 0; e < edits && m.Length > 0; e++)
                    {
                        int at = r.Below(m.Length);
                        m[at] = r.Chance(0.5) ? (byte)(m[at] ^ (1 << r.Below(8))) : (byte)r.Next();
                    }

                    return m;
                }

                case HostileKind.RandomBody:
                {
                    int header = Math.Min(16, real.Length);
                    var m = new byte[header + r.Below(1200 - header)];
                    real.AsSpan(0, header).CopyTo(m);
                    r.Fill(m.AsSpan(header));
                    return m;
                }

                case HostileKind.OtherSession:
                {
                    byte[] m = (byte[])real.Clone();
                    for (int i = 4; i < Math.Min(12, m.Length); i++)
                    {
                        m[i] ^= (byte)(r.Next() | 1);
                    }

                    return m;
                }

                default:
                    return (byte[])real.Clone();
            }
        }
    }
}
