namespace Rollback
{
    /// <summary>Stable 64-bit hashing for session configuration and nonces (never <c>GetHashCode</c>).</summary>
    internal static class SessionHash
    {
        public const ulong Start = 14695981039346656037UL;

        public static ulong Add(ulong hash, ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                hash ^= (value >> (8 * i)) & 0xFF;
                hash *= 1099511628211UL;
            }

            return hash;
        }

        public static ulong Mix(ulong z)
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
