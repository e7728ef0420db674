namespace Rollback
{
    /// <summary>
    /// Where a session ends: whichever of the frame limit (<c>FrameCount - 1</c>) and the last frame of episode
    /// <c>Episodes - 1</c> comes first, the episode end found on the confirmed timeline only. While the last episode's end
    /// is not found yet the session is "gated": frames are confirmed one at a time, so that the end is seen before any
    /// later frame could be confirmed. No frame after <see cref="FinalFrame"/> is ever passed on.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">The input type.</typeparam>
    internal sealed class SessionEnd<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly ISimulation<TState, TInput> _simulation;
        private readonly int _frameLimit;
        private readonly int _episodes;
        private int _episodeEnd = int.MaxValue;

        public SessionEnd(ISimulation<TState, TInput> simulation, int frameCount, int episodes)
        {
            _simulation = simulation;
            _frameLimit = frameCount > 0 ? frameCount - 1 : int.MaxValue;
            _episodes = episodes;
        }

        /// <summary>The final frame as known so far (<see cref="int.MaxValue"/> while neither limit is known).</summary>
        public int FinalFrame => _frameLimit < _episodeEnd ? _frameLimit : _episodeEnd;

        /// <summary>Episodes completed on the confirmed timeline.</summary>
        public int EpisodesCompleted { get; private set; }

        /// <summary>Whether the episode limit may still end the session earlier than <see cref="FinalFrame"/>.</summary>
        public bool EpisodeEndPending => _episodes > 0 && _episodeEnd == int.MaxValue;

        /// <summary>Whether frames must be confirmed one at a time: the live state is in the last episode and its end is not found.</summary>
        public bool IsGated(TState live) => EpisodeEndPending && live.Episode >= _episodes - 1;

        /// <summary>Whether <paramref name="frame"/> is past the end (never simulated for good, confirmed or exported).</summary>
        public bool IsBeyond(int frame) => frame > FinalFrame;

        /// <summary>Whether no new frame should be simulated: the next one is past the end, or the live state already ended the last episode.</summary>
        public bool MustHold(TState live, int currentFrame)
        {
            if (currentFrame > FinalFrame)
            {
                return true;
            }

            return EpisodeEndPending
                && (live.Episode >= _episodes || (live.Episode == _episodes - 1 && _simulation.IsEpisodeOver(live)));
        }

        /// <summary>Takes one confirmed frame (in order, never beyond <see cref="FinalFrame"/>).</summary>
        /// <returns>Whether it is the final frame.</returns>
        public bool OnConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            bool over = _simulation.IsEpisodeOver(frame.State);
            if (over)
            {
                EpisodesCompleted = frame.Episode + 1;
            }

            if (over && _episodes > 0 && frame.Episode == _episodes - 1 && frame.Frame < _episodeEnd)
            {
                _episodeEnd = frame.Frame;
            }

            return frame.Frame == FinalFrame;
        }
    }
}
