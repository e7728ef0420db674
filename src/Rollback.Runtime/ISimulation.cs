using System;

namespace Rollback
{
    /// <summary>
    /// The user's deterministic simulation over a <see cref="RollbackStateAttribute"/> state. The
    /// runtime calls it to simulate, re-simulate after a rollback and start new episodes; it advances
    /// <see cref="IRollbackState.Frame"/>, <see cref="IRollbackState.StepNum"/> and
    /// <see cref="IRollbackState.Episode"/> itself, so the simulation never touches them.
    /// </summary>
    /// <typeparam name="TState">The state type, generated from <see cref="RollbackStateAttribute"/>.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame; an unmanaged struct.</typeparam>
    /// <remarks>
    /// Every method must be a pure function of the state and the inputs: no wall clock, no
    /// <see cref="Random"/>, no floating point, no hidden static state. The Rollback analyzers check this.
    /// </remarks>
    public interface ISimulation<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        /// <summary>Advances <paramref name="state"/> by one step with one input per player.</summary>
        /// <param name="state">The state to mutate.</param>
        /// <param name="inputs">One input per player, in player order.</param>
        void Step(TState state, ReadOnlySpan<TInput> inputs);

        /// <summary>Whether the episode is over after the step just taken (checked after every step).</summary>
        /// <param name="state">The state after the step.</param>
        /// <returns>True to end the episode; the runtime then calls <see cref="ResetEpisode"/>.</returns>
        bool IsEpisodeOver(TState state);

        /// <summary>Resets <paramref name="state"/> for the next episode. The runtime resets the counters.</summary>
        /// <param name="state">The state to reset.</param>
        void ResetEpisode(TState state);
    }
}
