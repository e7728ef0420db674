using System;

namespace Rollback
{
    /// <summary>
    /// Plays a recorded session back: restores its initial snapshot and simulates every recorded frame with
    /// the recorded inputs, checking each confirmed state's checksum against the recording.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// Every input comes from the recording, so <see cref="LocalPlayers"/> is empty and <see cref="AdvanceFrame(ReadOnlySpan{TInput})"/> takes
    /// an empty span. <see cref="IsFinished"/> turns true after the last recorded frame. After a
    /// <see cref="DesyncException"/> or an exception from the simulation or a handler, every later call throws
    /// <see cref="SessionFaultedException"/>.
    /// </remarks>
    public sealed class ReplaySession<TState, TInput> : IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly RollbackEngine<TState, TInput> _engine;
        private readonly ReplayFile<TInput> _replay;
        private readonly bool _verify;

        /// <summary>Creates a replay session.</summary>
        /// <param name="simulation">The simulation (the same code that was recorded).</param>
        /// <param name="createState">Creates a fresh state; the initial snapshot is restored into it.</param>
        /// <param name="replay">The recording.</param>
        /// <param name="verifyChecksums">Whether a checksum that differs from the recording throws <see cref="DesyncException"/>.</param>
        public ReplaySession(ISimulation<TState, TInput> simulation, Func<TState> createState, ReplayFile<TInput> replay, bool verifyChecksums = true)
        {
            _replay = replay ?? throw new ArgumentNullException(nameof(replay));
            _verify = verifyChecksums;
            _engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = replay.PlayerCount,
                PredictionWindow = 0,
                InitialSnapshot = replay.InitialSnapshot.ToArray(),
            });
            if (_engine.StartFrame != replay.StartFrame)
            {
                throw new ReplayFormatException($"The replay's initial snapshot is of frame {_engine.StartFrame}, but the replay says it starts at frame {replay.StartFrame}.");
            }

            _engine.FrameConfirmed += Verify;
        }

        /// <summary>Raised once per replayed frame, after its checksum was verified.</summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed
        {
            add => _engine.FrameConfirmed += value;
            remove => _engine.FrameConfirmed -= value;
        }


        /// <inheritdoc />
        public TState State => _engine.State;

        /// <summary>The next frame to replay.</summary>
        public int CurrentFrame => _engine.CurrentFrame;

        /// <inheritdoc />
        public int StartFrame => _engine.StartFrame;

        /// <inheritdoc />
        public int LastConfirmedFrame => _engine.LastConfirmedFrame;

        /// <inheritdoc />
        public int PlayerCount => _engine.PlayerCount;

        /// <summary>Empty: every input comes from the recording.</summary>
        public ReadOnlySpan<int> LocalPlayers => ReadOnlySpan<int>.Empty;

        /// <summary>Whether every recorded frame was replayed.</summary>
        public bool IsFinished => _engine.CurrentFrame >= _replay.StartFrame + _replay.FrameCount;

        /// <summary>Whether an earlier call failed (a desync, or an exception from user code); every later call then throws <see cref="SessionFaultedException"/>.</summary>
        public bool IsFaulted => _engine.IsFaulted;

        /// <inheritdoc />
        public RollbackStatistics Statistics => _engine.Statistics;

        /// <summary>Nothing to receive or send; throws <see cref="SessionFaultedException"/> when the session is faulted.</summary>
        public void Poll() => _engine.ThrowIfFaulted();

        /// <summary>Replays one frame with its recorded inputs.</summary>
        /// <param name="localInputs">Must be empty (there are no local players).</param>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> once every recorded frame was replayed.</returns>
        /// <exception cref="DesyncException">The state differs from the recording.</exception>
        /// <exception cref="SessionFaultedException">An earlier call failed.</exception>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            if (!localInputs.IsEmpty)
            {
                throw new ArgumentException($"A replay has no local players; pass an empty span (got {localInputs.Length} input(s)).", nameof(localInputs));
            }

            return AdvanceFrame() ? Advance.Simulated : Advance.Wait;
        }

        /// <summary>Replays one frame.</summary>
        /// <returns>False when the replay was already finished.</returns>
        /// <exception cref="DesyncException">The state differs from the recording.</exception>
        /// <exception cref="SessionFaultedException">An earlier call failed.</exception>
        public bool AdvanceFrame()
        {
            _engine.ThrowIfFaulted();
            if (IsFinished)
            {
                return false;
            }

            _engine.AdvanceFrame(_replay.Inputs(_engine.CurrentFrame));
            return true;
        }

        /// <summary>Replays every remaining frame.</summary>
        /// <exception cref="DesyncException">The state differs from the recording.</exception>
        /// <exception cref="SessionFaultedException">An earlier call failed.</exception>
        public void RunToEnd()
        {
            while (AdvanceFrame())
            {
            }
        }

        /// <inheritdoc />
        public bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum) =>
            _engine.TryGetSnapshot(frame, out snapshot, out checksum);

        private void Verify(in ConfirmedFrame<TState, TInput> frame)
        {
            if (!_verify)
            {
                return;
            }

            ulong expected = _replay.Checksum(frame.Frame);
            if (frame.Checksum != expected)
            {
                throw new DesyncException(new DesyncReport(frame.Frame, expected, frame.Checksum, null, "replay vs. recording"));
            }
        }
    }
}
