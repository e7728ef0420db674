using System;

namespace Rollback
{
    /// <summary>Counters kept by a <see cref="RollbackEngine{TState, TInput}"/>: how much it simulated and rolled back.</summary>
    public sealed class RollbackStatistics
    {
        private readonly long[] _depthHistogram;

        internal RollbackStatistics(int maxDepth)
        {
            _depthHistogram = new long[maxDepth + 2];
        }

        /// <summary>New frames simulated (each frame counted once; replays are counted in <see cref="FramesReplayed"/>).</summary>
        public long FramesSimulated { get; private set; }

        /// <summary>Frames re-simulated by rollbacks.</summary>
        public long FramesReplayed { get; private set; }

        /// <summary>Rollbacks carried out.</summary>
        public long Rollbacks { get; private set; }

        /// <summary>The deepest rollback so far, in frames replayed.</summary>
        public int MaxRollbackDepth { get; private set; }

        /// <summary>Calls to <c>AdvanceFrame</c> refused with <see cref="Advance.Wait"/>.</summary>
        public long Waits { get; private set; }

        /// <summary>
        /// Rollbacks by depth: element <c>d</c> counts rollbacks that replayed <c>d</c> frames; the last
        /// element counts every deeper rollback.
        /// </summary>
        public ReadOnlySpan<long> DepthHistogram => _depthHistogram;

        /// <summary>Number of rollbacks that replayed at least <paramref name="depth"/> frames.</summary>
        /// <param name="depth">The minimum depth.</param>
        /// <returns>The count.</returns>
        public long RollbacksAtLeast(int depth)
        {
            long count = 0;
            for (int d = Math.Max(depth, 0); d < _depthHistogram.Length; d++)
            {
                count += _depthHistogram[d];
            }

            return count;
        }

        /// <inheritdoc />
        public override string ToString() =>
            $"simulated {FramesSimulated}, rollbacks {Rollbacks}, replayed {FramesReplayed}, max depth {MaxRollbackDepth}, waits {Waits}";

        internal void FrameSimulated() => FramesSimulated++;

        internal void Waited() => Waits++;

        internal void RolledBack(int depth)
        {
            Rollbacks++;
            FramesReplayed += depth;
            MaxRollbackDepth = Math.Max(MaxRollbackDepth, depth);
            _depthHistogram[Math.Min(depth, _depthHistogram.Length - 1)]++;
        }
    }
}
