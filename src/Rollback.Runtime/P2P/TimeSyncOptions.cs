using System;

namespace Rollback
{
    /// <summary>
    /// How a peer that runs ahead of the others is slowed: <see cref="PeerSession{TState, TInput}.AdvanceFrame"/> returns
    /// <see cref="Advance.Wait"/> for the frames the advice asks for (GGPO/GGRS "time sync").
    /// </summary>
    public sealed class TimeSyncOptions
    {
        /// <summary>Whether the advice is followed. Default true.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Advice below this many frames is ignored (estimates are noisy). Default 3.</summary>
        public int MinFrames { get; set; } = 3;

        /// <summary>Most frames one piece of advice asks to wait. Default 8.</summary>
        public int MaxFrames { get; set; } = 8;

        /// <summary>How often the advice is renewed. Default 1 s.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

        internal void Validate()
        {
            if (MinFrames < 1 || MaxFrames < MinFrames)
            {
                throw new ArgumentOutOfRangeException(nameof(MinFrames), "TimeSync.MinFrames must be at least 1 and MaxFrames at least MinFrames.");
            }

            if (Interval < TimeSpan.FromMilliseconds(1))
            {
                throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "TimeSync.Interval must be positive.");
            }
        }
    }
}
