using System;
using Rollback;

namespace Arena.Game
{
    /// <summary>
    /// The arena's rules with a deliberate desync: when the state of frame <see cref="Frame"/> is stepped, player 1's
    /// <c>TotalScore</c> gains <see cref="Amount"/> (a pure counter, so exactly that member differs from then on). Give it
    /// to one peer only to see what a desync report names.
    /// </summary>
    public sealed class DesyncInjectingRules : ISimulation<ArenaState, Pad>
    {
        private readonly ArenaRules _rules = new ArenaRules();

        /// <summary>Creates the rules.</summary>
        /// <param name="frame">The frame whose step perturbs the state.</param>
        /// <param name="amount">What is added to <c>TotalScore[1]</c>.</param>
        public DesyncInjectingRules(int frame, int amount = 1000)
        {
            if (frame < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frame), frame, "Must not be negative.");
            }

            Frame = frame;
            Amount = amount;
        }

        /// <summary>The frame whose step perturbs the state.</summary>
        public int Frame { get; }

        /// <summary>What is added to <c>TotalScore[1]</c>.</summary>
        public int Amount { get; }

        /// <summary>The member path the perturbation changes.</summary>
        public const string MemberPath = "TotalScore[1]";

        /// <inheritdoc />
        public void Step(ArenaState state, ReadOnlySpan<Pad> inputs)
        {
            int frame = state.Frame;
            _rules.Step(state, inputs);
            if (frame == Frame)
            {
                state.TotalScore[1] += Amount;
            }
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

        /// <inheritdoc />
        public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
    }
}
