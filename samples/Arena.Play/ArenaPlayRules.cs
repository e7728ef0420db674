using System;
using Arena.Game;
using Rollback;

namespace Arena.Play
{
    /// <summary>
    /// The arena's rules for 2 to 4 players: <see cref="ArenaRules"/> as they are, except that a new episode puts
    /// players 3 and 4 at the top and bottom of the arena (the base rules line everyone up on one row, which for more
    /// than two players lands them outside the walls and on top of each other).
    /// </summary>
    public sealed class ArenaPlayRules : ISimulation<ArenaState, Pad>
    {
        private static readonly FixedVector2[] ExtraStarts =
        {
            new FixedVector2(Fixed64.FromInt(50), Fixed64.FromInt(15)),
            new FixedVector2(Fixed64.FromInt(50), Fixed64.FromInt(85)),
        };

        private readonly ArenaRules _rules = new ArenaRules();

        /// <inheritdoc />
        public void Step(ArenaState state, ReadOnlySpan<Pad> inputs) => _rules.Step(state, inputs);

        /// <inheritdoc />
        public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

        /// <inheritdoc />
        public void ResetEpisode(ArenaState state)
        {
            _rules.ResetEpisode(state);
            for (int p = 2; p < state.Players.Length; p++)
            {
                state.Players[p].Position = ExtraStarts[(p - 2) % ExtraStarts.Length];
            }
        }
    }
}
