using System;

namespace Rollback
{
    /// <summary>
    /// When a session without a network ends: after <c>frameCount</c> frames, or on the last frame of episode
    /// <c>episodes - 1</c>, whichever comes first (0 means no such limit). The same rule as a peer-to-peer
    /// session's <c>FrameCount</c> and <c>Episodes</c>.
    /// </summary>
    internal readonly struct SessionLimit
    {
        private readonly int _lastFrame;   // the final frame, or int.MaxValue
        private readonly int _episodes;

        public SessionLimit(int startFrame, int frameCount, int episodes)
        {
            if (frameCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frameCount), frameCount, "frameCount must not be negative (0 means no frame limit).");
            }

            if (episodes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "episodes must not be negative (0 means no episode limit).");
            }

            _lastFrame = frameCount == 0 ? int.MaxValue : checked(startFrame + frameCount - 1);
            _episodes = episodes;
        }

        /// <summary>Whether any limit is set.</summary>
        public bool IsSet => _lastFrame != int.MaxValue || _episodes != 0;

        /// <summary>
        /// Whether the session is over once <paramref name="state"/> (the state after the latest simulated frame) is
        /// reached: the frame limit is hit, or the episode limit's last episode is over. Calls the simulation's
        /// <see cref="ISimulation{TState, TInput}.IsEpisodeOver"/> for the episode limit.
        /// </summary>
        public bool IsReached<TState, TInput>(ISimulation<TState, TInput> simulation, TState state)
            where TState : class, IRollbackState
            where TInput : unmanaged
        {
            if (state.Frame - 1 >= _lastFrame)
            {
                return true;
            }

            if (_episodes == 0)
            {
                return false;
            }

            return state.Episode >= _episodes || (state.Episode == _episodes - 1 && simulation.IsEpisodeOver(state));
        }
    }
}
