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
    /// <remarks>
    /// With a limit (<c>frameCount</c>, <c>episodes</c>) <see cref="IsFinished"/> turns true on the final frame and
    /// <see cref="AdvanceFrame"/> then returns <see cref="Advance.Wait"/>; without one the session never finishes.
    /// After an exception from the simulation or a handler, every later call throws <see cref="SessionFaultedException"/>.
    /// </remarks>
    public sealed class LocalSession<TState, TInput> : IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly OfflineRun<TState, TInput> _run;
        private readonly RollbackEngine<TState, TInput> _engine;

        /// <summary>Creates a local session.</summary>
        /// <param name="simulation">The simulation.</param>
        /// <param name="createState">Creates a fresh state (called twice: live and scratch).</param>
        /// <param name="playerCount">Number of players, all local.</param>
        /// <param name="inputDelay">Frames between an input being given and the frame it applies to (usually 0).</param>
        /// <param name="defaultInput">The input of frames before the input delay.</param>
        /// <param name="frameCount">The session ends after this many frames; 0 (the default) for no frame limit.</param>
        /// <param name="episodes">The session ends on the last frame of episode <c>episodes - 1</c>; 0 (the default) for no episode limit.</param>
        public LocalSession(
            ISimulation<TState, TInput> simulation,
            Func<TState> createState,
            int playerCount,
            int inputDelay = 0,
            TInput defaultInput = default,
            int frameCount = 0,
            int episodes = 0)
        {
            _run = new OfflineRun<TState, TInput>(
                simulation ?? throw new ArgumentNullException(nameof(simulation)), createState, playerCount, defaultInput, frameCount, episodes, inputDelay: inputDelay);
            _engine = _run.Engine;
        }

        /// <summary>Raised once per frame, right after it is simulated.</summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed
        {
            add => _engine.FrameConfirmed += value;
            remove => _engine.FrameConfirmed -= value;
        }


        /// <inheritdoc />
        public TState State => _engine.State;

        /// <inheritdoc />
        public int CurrentFrame => _engine.CurrentFrame;

        /// <inheritdoc />
        public int StartFrame => _engine.StartFrame;

        /// <inheritdoc />
        public int LastConfirmedFrame => _engine.LastConfirmedFrame;

        /// <inheritdoc />
        public int PlayerCount => _engine.PlayerCount;

        /// <inheritdoc />
        public ReadOnlySpan<int> LocalPlayers => _engine.LocalPlayers;

        /// <summary>Whether the frame or episode limit was reached (never, without a limit).</summary>
        public bool IsFinished => _run.IsFinished;

        /// <summary>Whether an earlier call failed; every later call then throws <see cref="SessionFaultedException"/>.</summary>
        public bool IsFaulted => _engine.IsFaulted;

        /// <summary>Frames simulated.</summary>
        public RollbackStatistics Statistics => _engine.Statistics;

        /// <summary>Nothing to receive or send; throws <see cref="SessionFaultedException"/> when the session is faulted.</summary>
        public void Poll() => _engine.ThrowIfFaulted();

        /// <summary>Simulates one frame (and reports it confirmed).</summary>
        /// <param name="localInputs">One input per player, in player order.</param>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> once the session is finished.</returns>
        /// <exception cref="SessionFaultedException">An earlier call failed.</exception>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            _engine.ThrowIfFaulted();
            if (_run.IsFinished)
            {
                return Advance.Wait;
            }

            Advance result = _engine.AdvanceFrame(localInputs);
            _run.UpdateFinished();
            return result;
        }

        /// <inheritdoc />
        public bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum) =>
            _engine.TryGetSnapshot(frame, out snapshot, out checksum);
    }
}
