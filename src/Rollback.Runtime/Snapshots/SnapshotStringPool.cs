using System;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Rollback.Snapshots
{
    /// <summary>
    /// A small per-thread, direct-mapped cache of strings restored from snapshots, keyed by their
    /// characters. Rolling back and forth between states whose strings differ then reuses the same
    /// string instances instead of allocating new ones. A string a restore replaces is offered to the
    /// cache too, so a text the game made (and a snapshot holds) is found again without a copy.
    /// Bounded: a colliding text replaces the slot; texts longer than 256 characters are not kept.
    /// </summary>
    internal static class SnapshotStringPool
    {
        private const int Slots = 1024;
        private const int MaxPooledLength = 256;

        [ThreadStatic]
        private static string?[]? s_slots;

        /// <summary>Keeps <paramref name="dropped"/>, a string a restore no longer references, for a later <see cref="Get"/>.</summary>
        public static void Offer(string dropped)
        {
            if (dropped.Length == 0 || dropped.Length > MaxPooledLength)
            {
                return;
            }

            string?[] slots = s_slots ??= new string?[Slots];
            slots[SlotOf(dropped.AsSpan())] = dropped;
        }

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
            int index = SlotOf(chars);
            string? cached = slots[index];
            if (cached is not null && chars.SequenceEqual(cached.AsSpan()))
            {
                return cached;
            }

            string created = chars.ToString();
            slots[index] = created;
            return created;
        }

        private static int SlotOf(ReadOnlySpan<char> chars) =>
            (int)(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(chars)) & (Slots - 1));
    }
}
