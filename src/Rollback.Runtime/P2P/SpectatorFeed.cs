using System;
using Rollback.Collections;

namespace Rollback
{
    /// <summary>Every player's confirmed inputs of the last <see cref="Capacity"/> confirmed frames: what a host sends its spectators.</summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    internal sealed class SpectatorFeed<TInput>
        where TInput : unmanaged
    {
        /// <summary>Confirmed frames kept; a spectator further behind than this is dropped with a reason.</summary>
        public const int Capacity = 1024;

        private readonly FrameRing<TInput>[] _rings;
        private int _last = -1;

        public SpectatorFeed(int players)
        {
            _rings = new FrameRing<TInput>[players];
            for (int p = 0; p < players; p++)
            {
                _rings[p] = new FrameRing<TInput>(Capacity);
            }
        }

        /// <summary>Keeps the inputs of a confirmed frame.</summary>
        public void Record(int frame, ReadOnlySpan<TInput> inputs)
        {
            for (int p = 0; p < _rings.Length; p++)
            {
                _rings[p].Set(frame, inputs[p]);
            }

            _last = Math.Max(_last, frame);
        }

        /// <summary>Whether a spectator that needs <paramref name="frame"/> next can be served (it is kept, or not confirmed yet).</summary>
        public bool Holds(int frame) => frame > _last || _rings[0].Contains(frame);

        /// <summary>Copies <paramref name="count"/> frames from <paramref name="start"/>, frame-major, into <paramref name="destination"/>.</summary>
        public void CopyTo(int start, int count, TInput[] destination)
        {
            int players = _rings.Length;
            for (int i = 0; i < count; i++)
            {
                for (int p = 0; p < players; p++)
                {
                    destination[(i * players) + p] = _rings[p][start + i];
                }
            }
        }
    }
}
