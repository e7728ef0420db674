using System;

namespace Rollback
{
    /// <summary>
    /// Checks a simulation for determinism without a network: every frame is simulated, then the session rolls
    /// back <see cref="CheckDistance"/> frames and replays them, and compares each replayed state's checksum with
    /// the first run's. A difference throws a <see cref="DesyncException"/> naming the frame and the first member
    /// that differs.
    /// </summary>
    /// <remarks>
    /// With a limit (<c>frameCount</c>, <c>episodes</c>) <see cref="IsFinished"/> turns true on the final frame and
    /// <see cref="AdvanceFrame"/> then returns <see cref="Advance.Wait"/>. After a <see cref="DesyncException"/> or an
    /// exception from the simulation or a handler, every later call throws <see cref="SessionFaultedException"/>.
    /// </remarks>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    public sealed class SyncTestSession<TState, TInput> : IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly OfflineRun<TState, TInput> _run;
        private readonly RollbackEngine<TState, TInput> _engine;
        private readonly TState _expected;
        private readonly TState _actual;
        private readonly byte[][] _firstRun;
        private readonly int[] _firstRunFrame;
        private readonly int[] _firstRunLength;
        private readonly ulong[] _firstRunChecksum;
        private TInput[] _randomInputs = Array.Empty<TInput>();

        /// <summary>Creates a sync-test session; every player is local.</summary>
        /// <param name="simulation">The simulation under test.</param>
        /// <param name="createState">Creates a fresh state; called four times (live, scratch, and the two states a report compares).</param>
        /// <param name="playerCount">Number of players.</param>
        /// <param name="checkDistance">Frames rolled back and replayed every frame (at least 1).</param>
        /// <param name="defaultInput">The agreed default input.</param>
        /// <param name="frameCount">The session ends after this many frames; 0 (the default) for no frame limit.</param>
        /// <param name="episodes">The session ends on the last frame of episode <c>episodes - 1</c>; 0 (the default) for no episode limit.</param>
        public SyncTestSession(
            ISimulation<TState, TInput> simulation,
            Func<TState> createState,
            int playerCount,
            int checkDistance = 2,
            TInput defaultInput = default,
            int frameCount = 0,
            int episodes = 0)
        {
            if (simulation is null)
            {
                throw new ArgumentNullException(nameof(simulation));
            }

            if (checkDistance < 1 || checkDistance > RollbackOptions<TInput>.MaxPredictionWindow)
            {
                throw new ArgumentOutOfRangeException(nameof(checkDistance), checkDistance, $"checkDistance must be between 1 and {RollbackOptions<TInput>.MaxPredictionWindow}.");
            }

            _run = new OfflineRun<TState, TInput>(simulation, createState, playerCount, defaultInput, frameCount, episodes, extraSnapshots: checkDistance + 1);
            _engine = _run.Engine;
            _expected = createState() ?? throw new InvalidOperationException("createState returned null.");
            _actual = createState() ?? throw new InvalidOperationException("createState returned null.");
            if (ReferenceEquals(_expected, _actual) || ReferenceEquals(_expected, _engine.State))
            {
                throw new ArgumentException("createState must create a new state on every call.", nameof(createState));
            }

            CheckDistance = checkDistance;
            int slots = checkDistance + 2;
            _firstRun = new byte[slots][];
            _firstRunFrame = new int[slots];
            _firstRunLength = new int[slots];
            _firstRunChecksum = new ulong[slots];
            for (int i = 0; i < slots; i++)
            {
                _firstRun[i] = new byte[256];
                _firstRunFrame[i] = -1;
            }

            KeepFirstRun(_engine.CurrentFrame);
        }

        /// <summary>Raised once per confirmed frame (from the first run; replays do not raise it again).</summary>
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

        /// <summary>Whether an earlier call failed (a desync, or an exception from user code); every later call then throws <see cref="SessionFaultedException"/>.</summary>
        public bool IsFaulted => _engine.IsFaulted;

        /// <summary>Frames rolled back and replayed every frame.</summary>
        public int CheckDistance { get; }

        /// <summary>Replayed frames whose checksum was compared with the first run.</summary>
        public long FramesChecked { get; private set; }

        /// <summary>Frames simulated, rollbacks, replays.</summary>
        public RollbackStatistics Statistics => _engine.Statistics;

        /// <summary>Nothing to receive or send; throws <see cref="SessionFaultedException"/> when the session is faulted.</summary>
        public void Poll() => _engine.ThrowIfFaulted();

        /// <inheritdoc />
        public bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum) =>
            _engine.TryGetSnapshot(frame, out snapshot, out checksum);

        /// <summary>Simulates one frame, then rolls back <see cref="CheckDistance"/> frames, replays and compares.</summary>
        /// <param name="localInputs">One input per player.</param>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> once the session is finished.</returns>
        /// <exception cref="DesyncException">A replay gave a different state than the first run.</exception>
        /// <exception cref="SessionFaultedException">An earlier call failed.</exception>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            _engine.ThrowIfFaulted();
            if (_run.IsFinished)
            {
                return Advance.Wait;
            }

            _engine.AdvanceFrame(localInputs);
            Check();
            _run.UpdateFinished();
            return Advance.Simulated;
        }

        private void Check()
        {
            int present = _engine.CurrentFrame;
            KeepFirstRun(present);
            int target = Math.Max(present - CheckDistance, _engine.StartFrame);
            if (target >= present)
            {
                return;
            }

            _engine.ReplayFrom(target);
            for (int frame = target + 1; frame <= present; frame++)
            {
                int slot = frame % _firstRun.Length;
                _engine.TryGetSnapshot(frame, out _, out ulong checksum);
                if (_firstRunFrame[slot] == frame && checksum != _firstRunChecksum[slot])
                {
                    var desync = new DesyncException(Report(frame, slot, checksum));
                    _engine.FaultWith(desync);
                    throw desync;
                }

                FramesChecked++;
            }
        }

        /// <summary>Runs <paramref name="frames"/> frames with seeded random inputs (fewer when the session finishes first).</summary>
        /// <param name="frames">Frames to run.</param>
        /// <param name="seed">The random seed; the same seed gives the same inputs.</param>
        /// <param name="factory">Makes each input; <see langword="null"/> fills every byte at random.</param>
        /// <exception cref="DesyncException">A replay gave a different state than the first run.</exception>
        public void RunRandom(int frames, ulong seed, RandomInputFactory<TInput>? factory = null)
        {
            if (frames < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frames), frames, "frames must not be negative.");
            }

            factory ??= new RandomInputFactory<TInput>(RandomInputs.RandomBytes<TInput>);
            if (_randomInputs.Length != _engine.PlayerCount)
            {
                _randomInputs = new TInput[_engine.PlayerCount];
            }

            var random = new DeterministicRandom(seed);
            for (int i = 0; i < frames && !_run.IsFinished; i++)
            {
                for (int p = 0; p < _randomInputs.Length; p++)
                {
                    _randomInputs[p] = factory(ref random, p, _engine.CurrentFrame);
                }

                AdvanceFrame(_randomInputs);
            }
        }

        private void KeepFirstRun(int frame)
        {
            int slot = frame % _firstRun.Length;
            _engine.TryGetSnapshot(frame, out ReadOnlySpan<byte> bytes, out ulong checksum);
            if (_firstRun[slot].Length < bytes.Length)
            {
                _firstRun[slot] = new byte[Math.Max(bytes.Length, _firstRun[slot].Length * 2)];
            }

            bytes.CopyTo(_firstRun[slot]);
            _firstRunLength[slot] = bytes.Length;
            _firstRunFrame[slot] = frame;
            _firstRunChecksum[slot] = checksum;
        }

        private DesyncReport Report(int snapshotFrame, int slot, ulong actualChecksum)
        {
            _expected.Restore(new ReadOnlySpan<byte>(_firstRun[slot], 0, _firstRunLength[slot]));
            _engine.RestoreSnapshot(snapshotFrame, _actual);
            string? path = _actual.FirstDifference(_expected);
            return new DesyncReport(
                snapshotFrame - 1,
                _firstRunChecksum[slot],
                actualChecksum,
                path,
                $"sync test: state after replaying frame {snapshotFrame - 1} vs. its first run, check distance {CheckDistance}");
        }
    }
}
