using System;
using System.Threading;
using Arena.Game;
using Rollback;

namespace Rollback.Tool.Tests
{
    /// <summary>
    /// The sample game's rules with a classic nondeterminism bug: hidden static state. Every odd-numbered instance
    /// created in the process nudges player 1 at <see cref="Frame"/>, so two runs of the same inputs in one process
    /// disagree. The tool is pointed at this assembly to show it names the member such a bug changes.
    /// </summary>
    public sealed class LeakyArenaRules : ISimulation<ArenaState, Pad>
    {
        /// <summary>The frame whose step the bug changes.</summary>
        public const int Frame = 150;

        private static int s_instances;
        private readonly ArenaRules _rules = new ArenaRules();
        private readonly bool _leaks = Interlocked.Increment(ref s_instances) % 2 == 1;

        /// <inheritdoc />
        public void Step(ArenaState state, ReadOnlySpan<Pad> inputs)
        {
            _rules.Step(state, inputs);
            if (_leaks && state.Frame == Frame)
            {
                state.Players[1].Position.X += Fixed64.FromRatio(1, 4);
            }
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

        /// <inheritdoc />
        public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
    }

    /// <summary>The sample game's rules, perturbed on purpose at one frame (a stand-in for a peer whose state went wrong).</summary>
    public sealed class PerturbedArenaRules : ISimulation<ArenaState, Pad>
    {
        private readonly ArenaRules _rules = new ArenaRules();
        private readonly int _frame;

        /// <summary>Creates rules that nudge player 1 at <paramref name="frame"/>.</summary>
        /// <param name="frame">The frame whose step is perturbed.</param>
        public PerturbedArenaRules(int frame)
        {
            _frame = frame;
        }

        /// <summary>How much player 1 is moved.</summary>
        public static Fixed64 Nudge => Fixed64.FromRatio(1, 4);

        /// <inheritdoc />
        public void Step(ArenaState state, ReadOnlySpan<Pad> inputs)
        {
            _rules.Step(state, inputs);
            if (state.Frame == _frame)
            {
                state.Players[1].Position.X += Nudge;
            }
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

        /// <inheritdoc />
        public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
    }
}
