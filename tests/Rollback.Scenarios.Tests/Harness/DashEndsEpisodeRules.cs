using System;
using Arena.Game;

namespace Rollback.Scenarios.Tests.Harness
{
    /// <summary>
    /// The arena, except that after step 150 an episode also ends right after player 1 dashes. The end then depends on
    /// a remote input that predictions get wrong, so peers predict episode ends that never happen and miss ones that do.
    /// </summary>
    public sealed class DashEndsEpisodeRules : ISimulation<ArenaState, Pad>
    {
        private readonly ArenaRules _rules = new ArenaRules();

        public void Step(ArenaState state, ReadOnlySpan<Pad> inputs) => _rules.Step(state, inputs);

        public bool IsEpisodeOver(ArenaState state) =>
            _rules.IsEpisodeOver(state) || (state.StepNum > 150 && state.Players[1].DashCooldown == 30);

        public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
    }
}
