using System;

namespace Rollback
{
    /// <summary>
    /// Any number of players on one machine, no network: every input is known when its frame is simulated,
    /// so each frame is confirmed as soon as it is simulated and nothing is ever rolled back. Snapshots are
    /// still saved, so a local session can be recorded (<see cref="InputRecorder{TState, TInput}"/>) and exported
    /// (<see cref="CsvExporter{TState, TInput}"/>) like any other.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    public sealed class LocalSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly RollbackEngine<TState, TInput> _engine;

        /// <summary>Creates a local session.</summary>
        /// <param name="simulation">The simulation.</param>
        /// <param name="createState">Creates a fresh state (called twice: live and scratch).</param>
        /// <param name="playerCount">Number of players, all local.</param>
        /// <param name="inputDelay">Frames between an input being given and the frame it applies to (usually 0).</param>
        /// <param name="defaultInput">The input of frames before the input delay.</param>
        public LocalSession(ISimulation<TState, TInput> simulation, Func<TState> createState, int playerCount, int inputDelay = 0, TInput defaultInput = default)
        {
            _engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = playerCount,
                PredictionWindow = 0,
                InputDelay = inputDelay,
                MaxInputDelay = Math.Max(inputDelay, 16),
                DefaultInput = defaultInput,
            });
        }

        /// <summary>Raised once per frame, right after it is simulated.</summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed
        {
            add => _engine.FrameConfirmed += value;
            remove => _engine.FrameConfirmed -= value;
        }

        /// <summary>The engine underneath (for recorders and exporters).</summary>
        public RollbackEngine<TState, TInput> Engine => _engine;

        /// <summary>The current state.</summary>
        public TState State => _engine.State;

        /// <summary>The next frame to simulate.</summary>
        public int CurrentFrame => _engine.CurrentFrame;

        /// <summary>Frames simulated.</summary>
        public RollbackStatistics Statistics => _engine.Statistics;

        /// <summary>Simulates one frame.</summary>
        /// <param name="inputs">One input per player.</param>
        public void AdvanceFrame(ReadOnlySpan<TInput> inputs) => _engine.AdvanceFrame(inputs);
    }
}
