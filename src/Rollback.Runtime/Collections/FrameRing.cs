using System;

namespace Rollback.Collections
{
    /// <summary>
    /// A fixed number of slots indexed by frame: the value of frame F lives in slot <c>F % Capacity</c>
    /// together with F, so a slot reused by a later frame is never mistaken for the earlier one. Every
    /// frame-indexed store of the runtime (input queues, snapshots, sent inputs, checksums, spectator
    /// feeds) is one of these, so the indexing and its bounds checks live in one place.
    /// </summary>
    /// <typeparam name="T">The value kept per frame.</typeparam>
    /// <remarks>Preallocated; no operation allocates after construction. Frames are non-negative.</remarks>
    internal sealed class FrameRing<T>
    {
        private const int Empty = -1;

        private readonly T[] _values;
        private readonly int[] _frames;
        private readonly ulong _modMultiplier;   // for SlotOf: frame % Capacity without a division

        /// <summary>Creates a ring of <paramref name="capacity"/> empty slots.</summary>
        /// <param name="capacity">How many consecutive frames the ring can hold at once (at least 1).</param>
        public FrameRing(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A frame ring needs at least one slot.");
            }

            _values = new T[capacity];
            _frames = new int[capacity];
            _modMultiplier = RemainderMultiplier(capacity);
            _frames.AsSpan().Fill(Empty);
        }

        /// <summary>How many consecutive frames the ring holds at most.</summary>
        public int Capacity => _values.Length;

        /// <summary>Whether the slot of <paramref name="frame"/> currently holds that frame.</summary>
        /// <param name="frame">The frame.</param>
        /// <returns>True when the frame is held.</returns>
        public bool Contains(int frame) => frame >= 0 && _frames[SlotOf(frame)] == frame;

        /// <summary>The frame the slot of <paramref name="frame"/> holds now (it may be another frame), or -1 when the slot is empty.</summary>
        /// <param name="frame">Any frame that maps to the slot.</param>
        /// <returns>The frame held in that slot.</returns>
        public int FrameInSlotOf(int frame) => _frames[SlotOf(CheckFrame(frame))];

        /// <summary>The value held for <paramref name="frame"/>; throws when the frame is not held.</summary>
        /// <param name="frame">A held frame.</param>
        /// <returns>A reference to the value, valid until the slot is claimed for another frame.</returns>
        public ref T this[int frame]
        {
            get
            {
                int slot = SlotOf(CheckFrame(frame));
                if (_frames[slot] != frame)
                {
                    throw new InvalidOperationException(
                        _frames[slot] == Empty
                            ? $"Frame {frame} is not held in the ring of {Capacity} slots (its slot is empty)."
                            : $"Frame {frame} is not held in the ring of {Capacity} slots (its slot holds frame {_frames[slot]}).");
                }

                return ref _values[slot];
            }
        }

        /// <summary>Claims the slot of <paramref name="frame"/> for that frame, replacing what it held, and returns its value to fill.</summary>
        /// <param name="frame">The frame.</param>
        /// <returns>A reference to the slot's value (the previous occupant's value until overwritten).</returns>
        public ref T Claim(int frame)
        {
            int slot = SlotOf(CheckFrame(frame));
            _frames[slot] = frame;
            return ref _values[slot];
        }

        /// <summary>
        /// Claims the slot of <paramref name="frame"/> for that frame (one slot lookup) and says whether it already
        /// held that frame, so a caller can reset the value only when the slot changes hands.
        /// </summary>
        /// <param name="frame">The frame.</param>
        /// <param name="alreadyHeld">True when the slot held <paramref name="frame"/> before the call (its value is that frame's).</param>
        /// <returns>A reference to the slot's value.</returns>
        public ref T Claim(int frame, out bool alreadyHeld)
        {
            int slot = SlotOf(CheckFrame(frame));
            alreadyHeld = _frames[slot] == frame;
            _frames[slot] = frame;
            return ref _values[slot];
        }

        /// <summary>
        /// The slot of <paramref name="frame"/> without claiming it (one slot lookup): a reference to its value and
        /// whether it holds <paramref name="frame"/>. When it does not, the value belongs to another frame (or none).
        /// </summary>
        /// <param name="frame">The frame.</param>
        /// <param name="held">True when the slot holds <paramref name="frame"/>.</param>
        /// <returns>A reference to the slot's value.</returns>
        public ref T Find(int frame, out bool held)
        {
            int slot = SlotOf(CheckFrame(frame));
            held = _frames[slot] == frame;
            return ref _values[slot];
        }

        /// <summary>Stores <paramref name="value"/> as the value of <paramref name="frame"/>.</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="value">The value.</param>
        public void Set(int frame, T value) => Claim(frame) = value;

        /// <summary>Reads the value of <paramref name="frame"/> when it is held.</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="value">The value, or the default when the frame is not held.</param>
        /// <returns>True when the frame is held.</returns>
        public bool TryGet(int frame, out T value)
        {
            if (Contains(frame))
            {
                value = _values[SlotOf(frame)];
                return true;
            }

            value = default!;
            return false;
        }

        /// <summary>Empties the slot of <paramref name="frame"/> if it holds that frame.</summary>
        /// <param name="frame">The frame.</param>
        public void Remove(int frame)
        {
            if (Contains(frame))
            {
                _frames[SlotOf(frame)] = Empty;
            }
        }

        /// <summary>Empties every slot (values are kept for reuse, frames forgotten).</summary>
        public void Clear() => _frames.AsSpan().Fill(Empty);

        private int SlotOf(int frame) => Remainder(frame, _values.Length, _modMultiplier);

        /// <summary>The multiplier <see cref="Remainder"/> needs for <paramref name="divisor"/>.</summary>
        internal static ulong RemainderMultiplier(int divisor) => (ulong.MaxValue / (uint)divisor) + 1;

        /// <summary>
        /// <c>value % divisor</c> for non-negative values and positive divisors, by two multiplications with a
        /// multiplier computed once (Lemire's fast remainder, as the .NET dictionary uses) instead of a division:
        /// exact for every such pair, and on the path of every replayed frame.
        /// </summary>
        internal static int Remainder(int value, int divisor, ulong multiplier) =>
            (int)(((((multiplier * (uint)value) >> 32) + 1) * (uint)divisor) >> 32);

        private static int CheckFrame(int frame) =>
            frame >= 0 ? frame : throw new ArgumentOutOfRangeException(nameof(frame), frame, "Frames are never negative.");
    }
}
