using Rollback;

namespace RollbackGame
{
    /// <summary>
    /// The whole simulation state. Everything the rules read or write lives here, the random generator included, so a
    /// rollback rewinds all of it. The generator adds Frame, StepNum, Episode and the snapshot code.
    /// </summary>
    [RollbackState]
    public partial class GameState
    {
        /// <summary>Each player's position in arena units (0 to 100).</summary>
        public FixedVector2[] Positions = new FixedVector2[GameRules.Players];

        /// <summary>Each player's score this episode.</summary>
        public int[] Scores = new int[GameRules.Players];

        /// <summary>The reward of the last step per player (+1 for reaching the target): a per-step output to export.</summary>
        public int[] LastReward = new int[GameRules.Players];

        /// <summary>Where the target is.</summary>
        public FixedVector2 Target;

        /// <summary>The deterministic random generator, inside the state.</summary>
        public DeterministicRandom Rng = new DeterministicRandom(2024);
    }
}
