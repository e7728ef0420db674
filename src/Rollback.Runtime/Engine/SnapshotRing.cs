using System;
using Rollback.Collections;
using Rollback.Snapshots;

namespace Rollback
{
    /// <summary>
    /// Snapshot slots reused in a <see cref="FrameRing{T}"/>: the snapshot of frame F (the whole state before F is
    /// simulated) lives in slot <c>F % Capacity</c> with its length and counters. A slot's buffer grows only when a
    /// state's snapshot outgrows it. The checksum of a snapshot is computed on first request and kept with it, so
    /// frames that are replayed and overwritten before anyone asks cost no hashing.
    /// </summary>
    /// <remarks>
    /// Retention: saving frame F overwrites frame <c>F - Capacity</c>. The engine passes the oldest
    /// frame a legal rollback or a pending confirmation may still need; overwriting it is a bug in the
    /// engine's sizing and throws instead of silently losing the snapshot.
    /// </remarks>
    internal sealed class SnapshotRing
    {
        private const int InitialSlotSize = 256;

        private readonly FrameRing<Slot> _ring;
        private int _newest = -1;
        private int _slotSize = InitialSlotSize;   // every slot is brought to this size when it is next saved

        public SnapshotRing(int capacity)
        {
            if (capacity < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A snapshot ring needs at least 2 slots.");
            }

            _ring = new FrameRing<Slot>(capacity);
        }

        public int Capacity => _ring.Capacity;

        /// <summary>Saves <paramref name="state"/> as the snapshot of its <c>Frame</c>.</summary>
        /// <param name="state">The state.</param>
        /// <param name="oldestNeeded">The oldest frame whose snapshot must survive.</param>
        public void Save(IRollbackState state, int oldestNeeded) => Save(state, state.Frame, state.StepNum, state.Episode, oldestNeeded);

        /// <summary>Saves <paramref name="state"/>, whose counters the caller already knows, as the snapshot of <paramref name="frame"/>.</summary>
        /// <param name="state">The state.</param>
        /// <param name="frame">The state's <c>Frame</c>.</param>
        /// <param name="stepNum">The state's <c>StepNum</c>.</param>
        /// <param name="episode">The state's <c>Episode</c>.</param>
        /// <param name="oldestNeeded">The oldest frame whose snapshot must survive.</param>
        public void Save(IRollbackState state, int frame, int stepNum, int episode, int oldestNeeded)
        {
            ref Slot slot = ref _ring.Find(frame, out bool held);
            if (!held)
            {
                int previous = _ring.FrameInSlotOf(frame);
                if (previous >= oldestNeeded)
                {
                    throw new InvalidOperationException(
                        $"Snapshot ring of {Capacity} slots is too small: saving frame {frame} would drop frame {previous}, which a rollback may still need (oldest needed {oldestNeeded}).");
                }
            }

            byte[]? buffer = slot.Buffer;
            if (buffer is null || buffer.Length < _slotSize)
            {
                // Warm-up, or another slot already grew: the old bytes are about to be overwritten, so no copy.
                buffer = slot.Buffer = new byte[_slotSize];
            }

            int written;
            try
            {
                // The common case: the slot is big enough, and no separate size pass over the state is needed.
                written = state.Save(buffer);
            }
            catch (SnapshotBufferTooSmallException)
            {
                // The state outgrew the slot (warm-up, or a collection grew): size it once and save again.
                // Every slot follows on its next save, so a state that peaks once costs one round of growth, not one per slot
                // whenever that slot happens to meet the peak.
                _slotSize = Math.Max(state.SnapshotSize, buffer.Length * 2);
                buffer = slot.Buffer = new byte[_slotSize];
                written = state.Save(buffer);
            }

            if (!held)
            {
                _ring.Claim(frame);
            }

            slot.Length = written;
            slot.StepNum = stepNum;
            slot.Episode = episode;
            slot.HasChecksum = false;
            if (frame > _newest)
            {
                _newest = frame;
            }
        }

        /// <summary>Whether the snapshot of <paramref name="frame"/> is held.</summary>
        public bool Contains(int frame) => _ring.Contains(frame);

        /// <summary>The oldest frame held, or -1 when empty.</summary>
        public int OldestFrame
        {
            get
            {
                for (int frame = Math.Max(0, _newest - Capacity + 1); frame <= _newest; frame++)
                {
                    if (_ring.Contains(frame))
                    {
                        return frame;
                    }
                }

                return -1;
            }
        }

        /// <summary>The snapshot bytes of <paramref name="frame"/>.</summary>
        public ReadOnlySpan<byte> Bytes(int frame)
        {
            ref Slot slot = ref _ring[frame];
            return new ReadOnlySpan<byte>(slot.Buffer, 0, slot.Length);
        }

        /// <summary>The checksum of the snapshot of <paramref name="frame"/> (computed on the first request).</summary>
        public ulong Checksum(int frame)
        {
            ref Slot slot = ref _ring[frame];
            if (!slot.HasChecksum)
            {
                slot.Checksum = SnapshotEncoding.Checksum(new ReadOnlySpan<byte>(slot.Buffer, 0, slot.Length));
                slot.HasChecksum = true;
            }

            return slot.Checksum;
        }

        /// <summary>The <c>StepNum</c> stored in the snapshot of <paramref name="frame"/>.</summary>
        public int StepNum(int frame) => _ring[frame].StepNum;

        /// <summary>The <c>Episode</c> stored in the snapshot of <paramref name="frame"/>.</summary>
        public int Episode(int frame) => _ring[frame].Episode;

        /// <summary>Restores the snapshot of <paramref name="frame"/> into <paramref name="state"/>.</summary>
        public void Restore(int frame, IRollbackState state)
        {
            state.Restore(Bytes(frame));
            if (state.Frame != frame)
            {
                throw new InvalidOperationException($"The snapshot of frame {frame} restored a state whose Frame is {state.Frame}.");
            }
        }

        private struct Slot
        {
            public byte[]? Buffer;
            public int Length;
            public int StepNum;
            public int Episode;
            public bool HasChecksum;
            public ulong Checksum;
        }
    }
}
