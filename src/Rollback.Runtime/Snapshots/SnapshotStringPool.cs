using System;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Rollback.Snapshots
{
    /// <summary>
    /// A small per-thread, direct-mapped cache of strings restored from snapshots, keyed by their
    /// characters. Rolling back and forth between states whose strings differ then reuses the same
    /// string instances instead of allocating new ones. Bounded: a colliding text replaces the slot.
    /// </summary>
    internal static class SnapshotStringPool
    {
        private const int Slots = 1024;
        private const int MaxPooledLength = 256;

        [ThreadStatic]
        private static string?[]? s_slots;

        public static string Get(ReadOnlySpan<char> chars)
        {
            if (chars.Length == 0)
            {
                return string.Empty;
            }

            if (chars.Length > MaxPooledLength)
            {
                return chars.ToString();
            }

            string?[] slots = s_slots ??= new string?[Slots];
            int index = (int)(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(chars)) & (Slots - 1));
            string? cached = slots[index];
            if (cached is not null && chars.SequenceEqual(cached.AsSpan()))
            {
                return cached;
            }

            string created = chars.ToString();
            slots[index] = created;
            return created;
        }
    }
}
