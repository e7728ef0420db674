using Rollback;

namespace Rollback.Exploration.Tests.Game
{
    /// <summary>
    /// The exploration game's whole state: a running hash of every input of the episode, a score per player and the
    /// last step's reward. Small on purpose, so thousands of runs stay fast, yet every input byte reaches it.
    /// </summary>
    [RollbackState]
    public partial class ExploreState
    {
        /// <summary>A hash of every input byte of the episode, in order; it decides when an episode ends.</summary>
        public ulong Mix;

        /// <summary>Score per player (grows with the first input byte).</summary>
        public int[] Scores = System.Array.Empty<int>();

        /// <summary>Per-step output: the sum of this step's first input bytes.</summary>
        public int LastReward;

        /// <summary>Creates the state for <paramref name="players"/> players.</summary>
        public static ExploreState Create(int players) => new ExploreState { Scores = new int[players], Mix = 0x9E3779B97F4A7C15UL };
    }
}
