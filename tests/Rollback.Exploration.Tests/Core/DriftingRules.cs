using System;
using System.Runtime.InteropServices;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>
    /// Rules that are nondeterministic on purpose: on one frame they flip a bit of player 0's input before stepping.
    /// Given to one peer only, they make it diverge, which the checks must catch.
    /// </summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed class DriftingRules<TState, TInput> : ISimulation<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly ISimulation<TState, TInput> _inner;
        private readonly int _frame;
        private TInput[] _scratch = Array.Empty<TInput>();

        /// <summary>Wraps <paramref name="inner"/>.</summary>
        /// <param name="inner">The real rules.</param>
        /// <param name="frame">The frame on which to drift.</param>
        public DriftingRules(ISimulation<TState, TInput> inner, int frame)
        {
            _inner = inner;
            _frame = frame;
        }

        /// <inheritdoc />
        public void Step(TState state, ReadOnlySpan<TInput> inputs)
        {
            if (state.Frame != _frame)
            {
                _inner.Step(state, inputs);
                return;
            }

            if (_scratch.Length != inputs.Length)
            {
                _scratch = new TInput[inputs.Length];
            }

            inputs.CopyTo(_scratch);
            MemoryMarshal.AsBytes(_scratch.AsSpan(0, 1))[0] ^= 0x40;
            _inner.Step(state, _scratch);
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(TState state) => _inner.IsEpisodeOver(state);

        /// <inheritdoc />
        public void ResetEpisode(TState state) => _inner.ResetEpisode(state);
    }
}
