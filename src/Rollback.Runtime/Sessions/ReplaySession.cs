using System;

namespace Rollback
{
    /// <summary>
    /// Plays a recorded session back: restores its initial snapshot and simulates every recorded frame with
    /// the recorded inputs, checking each confirmed state's checksum against the recording.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    public sealed class ReplaySession<TState, TInput>
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

        /// <summary>The engine underneath (for exporters).</summary>
        public RollbackEngine<TState, TInput> Engine => _engine;

        /// <summary>The current state.</summary>
        public TState State => _engine.State;

        /// <summary>The next frame to replay.</summary>
        public int CurrentFrame => _engine.CurrentFrame;

        /// <summary>Whether every recorded frame was replayed.</summary>
        public bool IsFinished => _engine.CurrentFrame >= _replay.StartFrame + _replay.FrameCount;

        /// <summary>Replays one frame.</summary>
        /// <returns>False when the replay was already finished.</returns>
        /// <exception cref="DesyncException">The state differs from the recording.</exception>
        public bool AdvanceFrame()
        {
            if (IsFinished)
            {
                return false;
            }

            _engine.AdvanceFrame(_replay.Inputs(_engine.CurrentFrame));
            return true;
        }

        /// <summary>Replays every remaining frame.</summary>
        /// <exception cref="DesyncException">The state differs from the recording.</exception>
        public void RunToEnd()
        {
            while (AdvanceFrame())
            {
            }
        }

        private void Verify(in ConfirmedFrame<TState, TInput> frame)
        {
            ulong expected = _replay.Checksum(frame.Frame);
            if (_verify && frame.Checksum != expected)
            {
                throw new DesyncException(new DesyncReport(frame.Frame, expected, frame.Checksum, null, "replay vs. recording"));
            }
        }
    }
}
