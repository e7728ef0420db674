using Rollback.Collections;

namespace Rollback
{
    /// <summary>
    /// Every player's known inputs by frame (local ones as committed, remote ones as received), one
    /// <see cref="FrameRing{T}"/> per player, with the contiguous known prefix and how far the engine was fed.
    /// </summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    internal sealed class PlayerInputLog<TInput>
        where TInput : unmanaged
    {
        /// <summary>Frames kept per player.</summary>
        public const int Capacity = 1024;

        private readonly FrameRing<TInput>[] _rings;
        private readonly int[] _known;
        private readonly int[] _fed;

        public PlayerInputLog(int players)
        {
            _rings = new FrameRing<TInput>[players];
            _known = new int[players];
            _fed = new int[players];
            for (int p = 0; p < players; p++)
            {
                _rings[p] = new FrameRing<TInput>(Capacity);
                _known[p] = -1;
                _fed[p] = -1;
            }
        }

        /// <summary>Every frame up to this one is known for <paramref name="player"/> (-1: none).</summary>
        public int Known(int player) => _known[player];

        /// <summary>Every frame up to this one was given to the engine for <paramref name="player"/>.</summary>
        public int Fed(int player) => _fed[player];

        public void MarkFed(int player, int frame) => _fed[player] = frame;

        /// <summary>Whether the frame may be stored without overwriting a frame still needed (it is within the ring ahead of the known prefix).</summary>
        public bool InWindow(int player, int frame) => frame <= _known[player] + Capacity - 1;

        /// <summary>Whether the input is held (known prefix or received ahead of it).</summary>
        public bool Has(int player, int frame) => _rings[player].Contains(frame);

        public TInput Get(int player, int frame) => _rings[player][frame];

        public bool TryGet(int player, int frame, out TInput input) => _rings[player].TryGet(frame, out input);

        /// <summary>Stores an input (frames at or before the known prefix are left alone) and extends the prefix, never to <paramref name="stopBefore"/> or beyond.</summary>
        public void Store(int player, int frame, in TInput input, int stopBefore)
        {
            if (frame <= _known[player] || frame >= stopBefore)
            {
                return;
            }

            _rings[player].Set(frame, input);
            Extend(player, stopBefore);
        }

        /// <summary>Extends the known prefix over inputs received ahead of it, never to <paramref name="stopBefore"/> or beyond.</summary>
        public void Extend(int player, int stopBefore)
        {
            FrameRing<TInput> ring = _rings[player];
            while (_known[player] + 1 < stopBefore && ring.Contains(_known[player] + 1))
            {
                _known[player]++;
            }
        }
    }
}
