using System;
using Rollback.Snapshots;

namespace Rollback
{
    /// <summary>
    /// Preallocated snapshot slots, reused in a ring: the snapshot of frame F (the whole state before F
    /// is simulated) lives in slot <c>F % Capacity</c> with its frame, length, counters and checksum.
    /// A slot's buffer grows only when a state's snapshot outgrows it.
    /// </summary>
    /// <remarks>
    /// Retention: saving frame F overwrites frame <c>F - Capacity</c>. The engine passes the oldest
    /// frame a legal rollback or a pending confirmation may still need; overwriting it is a bug in the
    /// engine's sizing and throws instead of silently losing the snapshot.
    /// </remarks>
    internal sealed class SnapshotRing
    {
        private const int InitialSlotSize = 256;

        private readonly byte[][] _buffers;
        private readonly Slot[] _slots;

        public SnapshotRing(int capacity)
        {
            if (capacity < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A snapshot ring needs at least 2 slots.");
            }

            _buffers = new byte[capacity][];
            _slots = new Slot[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _buffers[i] = new byte[InitialSlotSize];
                _slots[i].Frame = -1;
            }
        }

        public int Capacity => _slots.Length;

        /// <summary>Saves <paramref name="state"/> as the snapshot of its <c>Frame</c>.</summary>
        /// <param name="state">The state.</param>
        /// <param name="oldestNeeded">The oldest frame whose snapshot must survive.</param>
        public void Save(IRollbackState state, int oldestNeeded)
        {
            int frame = state.Frame;
            int index = IndexOf(frame);
            ref Slot slot = ref _slots[index];
            if (slot.Frame >= oldestNeeded && slot.Frame != frame)
            {
                throw new InvalidOperationException(
                    $"Snapshot ring of {Capacity} slots is too small: saving frame {frame} would drop frame {slot.Frame}, which a rollback may still need (oldest needed {oldestNeeded}).");
            }

            int written;
            try
            {
                // The common case: the slot is big enough, and no separate size pass over the state is needed.
                written = state.Save(_buffers[index]);
            }
            catch (SnapshotBufferTooSmallException)
            {
                // The state outgrew the slot (warm-up, or a collection grew): size it once and save again.
                int size = state.SnapshotSize;
                _buffers[index] = new byte[Math.Max(size, _buffers[index].Length * 2)];
                written = state.Save(_buffers[index]);
            }

            slot.Frame = frame;
            slot.Length = written;
            slot.StepNum = state.StepNum;
            slot.Episode = state.Episode;
            slot.Checksum = SnapshotEncoding.Checksum(new ReadOnlySpan<byte>(_buffers[index], 0, written));
        }

        /// <summary>Whether the snapshot of <paramref name="frame"/> is held.</summary>
        public bool Contains(int frame) => frame >= 0 && _slots[IndexOf(frame)].Frame == frame;

        /// <summary>The oldest frame held, or -1 when empty.</summary>
        public int OldestFrame
        {
            get
            {
                int oldest = -1;
                foreach (Slot slot in _slots)
                {
                    if (slot.Frame >= 0 && (oldest < 0 || slot.Frame < oldest))
                    {
                        oldest = slot.Frame;
                    }
                }

                return oldest;
            }
        }

        /// <summary>The snapshot bytes of <paramref name="frame"/>.</summary>
        public ReadOnlySpan<byte> Bytes(int frame)
        {
            int index = IndexOfHeld(frame);
            return new ReadOnlySpan<byte>(_buffers[index], 0, _slots[index].Length);
        }

        /// <summary>The checksum of the snapshot of <paramref name="frame"/>.</summary>
        public ulong Checksum(int frame) => _slots[IndexOfHeld(frame)].Checksum;

        /// <summary>The <c>StepNum</c> stored in the snapshot of <paramref name="frame"/>.</summary>
        public int StepNum(int frame) => _slots[IndexOfHeld(frame)].StepNum;

        /// <summary>The <c>Episode</c> stored in the snapshot of <paramref name="frame"/>.</summary>
        public int Episode(int frame) => _slots[IndexOfHeld(frame)].Episode;

        /// <summary>Restores the snapshot of <paramref name="frame"/> into <paramref name="state"/>.</summary>
        public void Restore(int frame, IRollbackState state)
        {
            state.Restore(Bytes(frame));
            if (state.Frame != frame)
            {
                throw new InvalidOperationException($"The snapshot of frame {frame} restored a state whose Frame is {state.Frame}.");
            }
        }

        private int IndexOf(int frame) => frame % _slots.Length;

        private int IndexOfHeld(int frame)
        {
            int index = IndexOf(frame);
            if (frame < 0 || _slots[index].Frame != frame)
            {
                throw new InvalidOperationException($"The snapshot of frame {frame} is not held (slot holds frame {_slots[index].Frame}).");
            }

            return index;
        }

        private struct Slot
        {
            public int Frame;
            public int Length;
            public int StepNum;
            public int Episode;
            public ulong Checksum;
        }
    }
}
