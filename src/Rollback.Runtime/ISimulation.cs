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
    /// <para>Every method must be a pure function of the state and the inputs: no wall clock, no
    /// <see cref="Random"/>, no floating point, no hidden static state. The Rollback analyzers check this.</para>
    /// <para>The step order, for frame F (the state's <c>Frame</c> is F):</para>
    /// <list type="number">
    /// <item><description>If <see cref="IsEpisodeOver"/> returns true for the state as it is, the runtime sets the
    /// counters to (Frame F, StepNum 0, Episode + 1) and calls <see cref="ResetEpisode"/>.</description></item>
    /// <item><description><see cref="Step"/> runs with the inputs of frame F.</description></item>
    /// <item><description>The runtime sets the counters to (Frame F + 1, StepNum + 1, same Episode).</description></item>
    /// </list>
    /// <para>So the state after the last step of an episode (its terminal reward, its final score) is
    /// what the confirmed-frame record of that step shows; the reset happens at the start of the next frame.
    /// Every method may be called again for the same frame after a rollback, including across an
    /// episode boundary in either direction.</para>
    /// </remarks>
    public interface ISimulation<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        /// <summary>Advances <paramref name="state"/> by one step with one input per player.</summary>
        /// <param name="state">The state to mutate.</param>
        /// <param name="inputs">One input per player, in player order.</param>
        void Step(TState state, ReadOnlySpan<TInput> inputs);

        /// <summary>
        /// Whether the current episode is over, judged from the state alone (for example
        /// <c>state.StepNum &gt;= 450</c> or a score limit). Checked before every step; when it returns
        /// true the runtime starts the next episode before stepping.
        /// </summary>
        /// <param name="state">The state after the latest step.</param>
        /// <returns>True to end the episode; the runtime then calls <see cref="ResetEpisode"/>.</returns>
        bool IsEpisodeOver(TState state);

        /// <summary>
        /// Resets <paramref name="state"/> for the next episode. The counters are already set for it
        /// (<c>StepNum</c> 0, <c>Episode</c> the new episode's index); the simulation does not touch them.
        /// </summary>
        /// <param name="state">The state to reset.</param>
        void ResetEpisode(TState state);
    }
}
