using System;

namespace Rollback
{
    /// <summary>
    /// Runs a deterministic simulation with rollback: predicts missing remote inputs, saves a snapshot of
    /// every frame, and when a confirmed input contradicts a prediction restores the snapshot of the
    /// earliest wrong frame and replays to the present. Raises <see cref="FrameConfirmed"/> exactly once
    /// per frame, in order, when every input of the frame is known.
    /// </summary>
    /// <typeparam name="TState">The whole simulation state, generated from <see cref="RollbackStateAttribute"/>.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// <para>Simulating frame F (the state's <c>Frame</c> is F): (1) if
    /// <see cref="ISimulation{TState, TInput}.IsEpisodeOver"/> says the episode is over, the counters
    /// become (F, StepNum 0, Episode + 1) and <see cref="ISimulation{TState, TInput}.ResetEpisode"/> runs; (2) <see cref="ISimulation{TState, TInput}.Step"/> runs with the inputs
    /// of F; (3) the counters become (F + 1, StepNum + 1, Episode) and the state is saved as the snapshot
    /// of F + 1. The counters are computed from the state's own counters, never from how many frames a
    /// replay covered, and they travel inside every snapshot.</para>
    /// <para>Not thread-safe: call it from one thread.</para>
    /// <para>Faults: when a call fails with an exception from user code (the simulation, a predictor, a
    /// <see cref="FrameConfirmed"/> handler) or from the rollback itself, that call throws the original exception and
    /// the engine is faulted: every later call that advances it or reads its state throws
    /// <see cref="SessionFaultedException"/> carrying the original, and no confirmed frame is ever reported twice.
    /// The counters (<see cref="CurrentFrame"/>, <see cref="LastConfirmedFrame"/>, <see cref="Statistics"/>, <see cref="IsFaulted"/>)
    /// stay readable for diagnostics.</para>
    /// <para>The engine is usable as an <see cref="IRollbackSession{TState, TInput}"/> that never finishes (so exporters
    /// and recorders accept it); prefer the sessions, which add limits, networking and checks.</para>
    /// </remarks>
    public sealed class RollbackEngine<TState, TInput> : IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly ISimulation<TState, TInput> _simulation;
        private readonly TState _state;
        private readonly IRollbackCounters _counters;
        private readonly TState _scratch;
        private readonly InputQueue<TInput>[] _queues;
        private readonly int[] _localPlayers;
        private readonly bool[] _isLocal;
        private readonly SnapshotRing _snapshots;
        private readonly TInput[] _frameInputs;
        private readonly TInput[] _confirmedInputs;
        private readonly TInput _defaultInput;
        private readonly int _maxInputDelay;
        private int _inputDelay;
        private int _confirmedFrame;       // the next frame to confirm; every earlier frame was reported
        private int _scratchFrame = -1;    // the snapshot frame the scratch state holds
        private int _stepNum;              // the live state's StepNum and Episode, mirrored so a replayed frame
        private int _episode;              // does not read them back through the state's interface
        private bool _busy;
        private Exception? _fault;

        /// <summary>Creates an engine; the state's current counters (normally all 0) give the first frame.</summary>
        /// <param name="simulation">The deterministic simulation.</param>
        /// <param name="createState">
        /// Creates a fresh state. Called twice: for the live state and for the scratch instance that
        /// <see cref="ConfirmedFrame{TState, TInput}.State"/> reads; both must start identical.
        /// </param>
        /// <param name="options">Players, prediction window, input delay, default input; <see langword="null"/> for the defaults.</param>
        public RollbackEngine(ISimulation<TState, TInput> simulation, Func<TState> createState, RollbackOptions<TInput>? options = null)
        {
            _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
            if (createState is null)
            {
                throw new ArgumentNullException(nameof(createState));
            }

            options ??= new RollbackOptions<TInput>();
            options.Validate();
            _state = CreateState(createState);
            _scratch = CreateState(createState);
            if (ReferenceEquals(_state, _scratch))
            {
                throw new ArgumentException("createState returned the same instance twice; it must create a new state on every call.", nameof(createState));
            }

            _counters = (IRollbackCounters)_state;
            if (options.InitialSnapshot is not null)
            {
                _state.Restore(options.InitialSnapshot);
            }

            if (_state.Frame < 0)
            {
                throw new ArgumentException($"The initial state's Frame is {_state.Frame}; it must not be negative.", nameof(createState));
            }

            StartFrame = _state.Frame;
            _confirmedFrame = StartFrame;
            PlayerCount = options.PlayerCount;
            PredictionWindow = options.PredictionWindow;
            _maxInputDelay = options.MaxInputDelay;
            _inputDelay = options.InputDelay;
            _defaultInput = options.DefaultInput;
            _localPlayers = options.LocalPlayers is null ? AllPlayers(PlayerCount) : (int[])options.LocalPlayers.Clone();
            _isLocal = new bool[PlayerCount];
            foreach (int player in _localPlayers)
            {
                _isLocal[player] = true;
            }

            int history = PredictionWindow + options.ExtraSnapshots;
            Statistics = new RollbackStatistics(history);
            _snapshots = new SnapshotRing(history + 3);
            IInputPredictor<TInput> predictor = options.Predictor ?? RepeatLastInputPredictor<TInput>.Instance;
            int inputCapacity = (2 * (PredictionWindow + _maxInputDelay)) + options.ExtraSnapshots + 32;
            _queues = new InputQueue<TInput>[PlayerCount];
            for (int p = 0; p < PlayerCount; p++)
            {
                _queues[p] = new InputQueue<TInput>(p, StartFrame, inputCapacity, _defaultInput, predictor);
            }

            foreach (int player in _localPlayers)
            {
                _queues[player].FillDefault(StartFrame + _inputDelay - 1);
            }

            _frameInputs = new TInput[PlayerCount];
            _confirmedInputs = new TInput[PlayerCount];
            _stepNum = _state.StepNum;
            _episode = _state.Episode;
            _snapshots.Save(_state, StartFrame);
        }

        /// <summary>
        /// Raised once for every confirmed frame, in frame order, never for a predicted frame and never
        /// again after a rollback. Handlers must not call <see cref="AdvanceFrame"/> or <see cref="Synchronize"/>.
        /// </summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed;

        /// <summary>The live state: the present frame, possibly predicted. Read it to render; never mutate it.</summary>
        /// <exception cref="SessionFaultedException">The engine is faulted (the state may be half-stepped).</exception>
        public TState State
        {
            get
            {
                ThrowIfFaulted();
                return _state;
            }
        }

        /// <summary>Whether an earlier call failed and the engine refuses every further step (see the remarks on faults).</summary>
        public bool IsFaulted => _fault is not null;

        /// <summary>The exception that faulted the engine, or <see langword="null"/>.</summary>
        public Exception? Fault => _fault;

        /// <inheritdoc />
        bool IRollbackSession<TState, TInput>.IsFinished => false;

        /// <summary>The next frame to simulate (the live state's <c>Frame</c>).</summary>
        public int CurrentFrame => _state.Frame;

        /// <summary>The first frame this engine simulated.</summary>
        public int StartFrame { get; }

        /// <summary>The latest frame reported through <see cref="FrameConfirmed"/>, or <see cref="StartFrame"/> - 1 when none was.</summary>
        public int LastConfirmedFrame => _confirmedFrame - 1;

        /// <summary>Number of players.</summary>
        public int PlayerCount { get; }

        /// <summary>The players whose inputs <see cref="AdvanceFrame"/> takes, in the order it takes them.</summary>
        public ReadOnlySpan<int> LocalPlayers => _localPlayers;

        /// <summary>How many frames may be simulated ahead of the earliest missing remote input.</summary>
        public int PredictionWindow { get; }

        /// <summary>The agreed input for frames before the input delay and for disconnected players.</summary>
        public TInput DefaultInput => _defaultInput;

        /// <summary>
        /// Frames between a local input being given and the frame it applies to. Changing it while running
        /// is allowed: when it grows, the skipped frames repeat the last local input; when it shrinks,
        /// inputs for frames already filled are dropped until the present catches up.
        /// </summary>
        public int InputDelay
        {
            get => _inputDelay;
            internal set
            {
                if (value < 0 || value > _maxInputDelay)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, $"InputDelay must be between 0 and MaxInputDelay ({_maxInputDelay}).");
                }

                _inputDelay = value;
            }
        }

        /// <summary>Frames simulated, rollbacks, rollback depths, frames replayed.</summary>
        public RollbackStatistics Statistics { get; }

        /// <summary>
        /// Simulates one new frame with the local players' inputs (applied <see cref="InputDelay"/> frames
        /// later), after rolling back and replaying if confirmed inputs contradicted predictions. Raises
        /// <see cref="FrameConfirmed"/> for every frame that became confirmed.
        /// </summary>
        /// <param name="localInputs">One input per local player, in the order of <see cref="LocalPlayers"/>.</param>
        /// <returns>
        /// <see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> when another frame would exceed the
        /// prediction window; then nothing was simulated and the inputs were not used.
        /// </returns>
        /// <exception cref="RollbackImpossibleException">A needed rollback cannot be carried out.</exception>
        /// <exception cref="SessionFaultedException">An earlier call faulted the engine.</exception>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            ThrowIfFaulted();
            if (localInputs.Length != _localPlayers.Length)
            {
                throw new ArgumentException($"Expected {_localPlayers.Length} local input(s), one per local player; got {localInputs.Length}.", nameof(localInputs));
            }

            if (!WithinPredictionWindow())
            {
                Statistics.Waited();
                return Advance.Wait;
            }

            Enter();
            try
            {
                RollbackIfMispredicted();
                RaiseConfirmedFrames();
                int frame = _state.Frame;
                for (int i = 0; i < _localPlayers.Length; i++)
                {
                    _queues[_localPlayers[i]].AddLocal(frame, _inputDelay, localInputs[i]);
                }

                SimulateFrame(frame);
                Statistics.FrameSimulated();
                RaiseConfirmedFrames();
                return Advance.Simulated;
            }
            catch (Exception e) when (Faulted(e))
            {
                throw;
            }
            finally
            {
                _busy = false;
            }
        }

        /// <summary>
        /// Applies pending corrections (one rollback from the earliest wrong frame, then a replay) and raises
        /// <see cref="FrameConfirmed"/> for every newly confirmed frame, without simulating a new frame. Call it
        /// while waiting, and at the end of a session until every frame is confirmed.
        /// </summary>
        /// <exception cref="RollbackImpossibleException">A needed rollback cannot be carried out.</exception>
        internal void Synchronize()
        {
            Enter();
            try
            {
                RollbackIfMispredicted();
                RaiseConfirmedFrames();
            }
            catch (Exception e) when (Faulted(e))
            {
                throw;
            }
            finally
            {
                _busy = false;
            }
        }

        /// <summary>
        /// Records a remote player's confirmed input. Inputs may arrive in any order and more than once;
        /// the correction (if the frame was predicted differently) happens on the next
        /// <see cref="AdvanceFrame"/> or <see cref="Synchronize"/>, so several corrections make one rollback.
        /// </summary>
        /// <param name="player">A remote player.</param>
        /// <param name="frame">The frame the input applies to.</param>
        /// <param name="input">The input.</param>
        /// <exception cref="RollbackImpossibleException">The input contradicts one already confirmed for that frame.</exception>
        internal void AddRemoteInput(int player, int frame, TInput input)
        {
            ThrowIfFaulted();
            CheckPlayer(player);
            if (_isLocal[player])
            {
                throw new ArgumentException($"Player {player} is local; its inputs come from AdvanceFrame.", nameof(player));
            }

            if (frame < StartFrame)
            {
                throw new ArgumentOutOfRangeException(nameof(frame), frame, $"Frame must be at least the first frame {StartFrame}.");
            }

            _queues[player].AddConfirmed(frame, input);
        }

        /// <summary>
        /// Marks <paramref name="player"/> disconnected from <paramref name="frame"/> on: every later frame uses
        /// <see cref="DefaultInput"/> for them. All peers must agree on the frame. Frames already simulated
        /// with other inputs are corrected on the next <see cref="AdvanceFrame"/> or <see cref="Synchronize"/>.
        /// </summary>
        /// <param name="player">The player.</param>
        /// <param name="frame">The first frame without the player.</param>
        /// <exception cref="RollbackImpossibleException"><paramref name="frame"/> was already confirmed and reported.</exception>
        internal void SetDisconnected(int player, int frame)
        {
            ThrowIfFaulted();
            CheckPlayer(player);
            if (frame < StartFrame)
            {
                throw new ArgumentOutOfRangeException(nameof(frame), frame, $"Frame must be at least the first frame {StartFrame}.");
            }

            _queues[player].Disconnect(frame);
        }

        /// <summary>Whether <paramref name="player"/> is disconnected at <paramref name="frame"/>.</summary>
        /// <param name="player">The player.</param>
        /// <param name="frame">The frame.</param>
        /// <returns>True when the player's input at that frame is the default because they left.</returns>
        internal bool IsDisconnected(int player, int frame)
        {
            CheckPlayer(player);
            return frame >= _queues[player].DisconnectFrame;
        }

        /// <summary>The first frame whose input of <paramref name="player"/> is not known yet (every earlier one is); <see cref="int.MaxValue"/> once the player is disconnected.</summary>
        /// <param name="player">The player.</param>
        /// <returns>The frame.</returns>
        internal int NextUnconfirmedFrame(int player)
        {
            CheckPlayer(player);
            return _queues[player].NextUnconfirmedFrame;
        }

        /// <summary>Reads the confirmed input of a player for a frame, if it is known and still buffered (for sending local inputs).</summary>
        /// <param name="player">The player.</param>
        /// <param name="frame">The frame.</param>
        /// <param name="input">The input, when found.</param>
        /// <returns>True when found.</returns>
        internal bool TryGetConfirmedInput(int player, int frame, out TInput input)
        {
            CheckPlayer(player);
            return _queues[player].TryGetConfirmed(frame, out input);
        }

        /// <summary>Reads the snapshot of <paramref name="frame"/> (the state before it is simulated), if it is still kept.</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="snapshot">The bytes, valid until the engine runs again.</param>
        /// <param name="checksum">Their canonical checksum.</param>
        /// <returns>True when the snapshot is kept.</returns>
        /// <exception cref="SessionFaultedException">The engine is faulted.</exception>
        public bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum)
        {
            ThrowIfFaulted();
            if (!_snapshots.Contains(frame))
            {
                snapshot = default;
                checksum = 0;
                return false;
            }

            snapshot = _snapshots.Bytes(frame);
            checksum = _snapshots.Checksum(frame);
            return true;
        }

        /// <summary>Restores the kept snapshot of <paramref name="frame"/> into <paramref name="target"/> (for desync reports and tools).</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="target">A state instance other than <see cref="State"/>.</param>
        internal void RestoreSnapshot(int frame, TState target)
        {
            ThrowIfFaulted();
            if (target is null)
            {
                throw new ArgumentNullException(nameof(target));
            }

            if (ReferenceEquals(target, _state))
            {
                throw new ArgumentException("Restoring into the live state would corrupt the session; pass another instance.", nameof(target));
            }

            if (!_snapshots.Contains(frame))
            {
                throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The snapshot of frame {frame} is not kept.");
            }

            _snapshots.Restore(frame, target);
            if (ReferenceEquals(target, _scratch))
            {
                _scratchFrame = frame;
            }
        }

        /// <summary>
        /// Rolls back to <paramref name="frame"/> and replays to the present with the inputs known now,
        /// even for frames already confirmed (used by the sync test). Raises no events.
        /// </summary>
        internal void ReplayFrom(int frame)
        {
            Enter();
            try
            {
                RollbackTo(frame, allowConfirmed: true);
            }
            catch (Exception e) when (Faulted(e))
            {
                throw;
            }
            finally
            {
                _busy = false;
            }
        }

        /// <summary>The confirmed state after <paramref name="frame"/> was stepped, restored into the scratch instance.</summary>
        internal TState ConfirmedState(int frame)
        {
            if (_scratchFrame != frame + 1)
            {
                _snapshots.Restore(frame + 1, _scratch);
                _scratchFrame = frame + 1;
            }

            return _scratch;
        }

        /// <summary>The kept snapshots (for the sync test).</summary>
        internal SnapshotRing Snapshots => _snapshots;

        /// <summary>The checksum of the kept snapshot of <paramref name="frame"/>, computed on first request.</summary>
        internal ulong SnapshotChecksum(int frame) => _snapshots.Checksum(frame);

        /// <summary>Faults the engine from outside (a session's own check failed, e.g. a desync); later calls throw.</summary>
        internal void FaultWith(Exception fault) => _fault ??= fault ?? throw new ArgumentNullException(nameof(fault));

        /// <summary>Throws <see cref="SessionFaultedException"/> when the engine is faulted.</summary>
        internal void ThrowIfFaulted()
        {
            if (_fault is not null)
            {
                throw new SessionFaultedException(_fault);
            }
        }

        /// <inheritdoc />
        void IRollbackSession<TState, TInput>.Poll() => ThrowIfFaulted();

        // ---- the rollback core -------------------------------------------------------------------

        /// <summary>Whether one more frame stays within the prediction window of every remote player.</summary>
        private bool WithinPredictionWindow()
        {
            long oldestAllowed = (long)CurrentFrame + 1 - PredictionWindow;
            for (int p = 0; p < PlayerCount; p++)
            {
                if (!_isLocal[p] && _queues[p].NextUnconfirmedFrame < oldestAllowed)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One rollback from the earliest frame any player's confirmed input contradicts.</summary>
        private void RollbackIfMispredicted()
        {
            int target = int.MaxValue;
            foreach (InputQueue<TInput> queue in _queues)
            {
                target = Math.Min(target, queue.FirstIncorrectFrame);
            }

            if (target < CurrentFrame)
            {
                RollbackTo(target, allowConfirmed: false);
            }
        }

        /// <summary>Restores the snapshot of <paramref name="target"/> and re-simulates every frame up to the present.</summary>
        private void RollbackTo(int target, bool allowConfirmed)
        {
            int present = CurrentFrame;
            if (target < StartFrame || target > present)
            {
                throw new RollbackImpossibleException(target, $"Cannot roll back to frame {target}: the session runs from frame {StartFrame} to {present}.");
            }

            if (!allowConfirmed && target < _confirmedFrame)
            {
                throw new RollbackImpossibleException(target, $"Cannot roll back to frame {target}: frames up to {_confirmedFrame - 1} are already confirmed and reported.");
            }

            if (!_snapshots.Contains(target))
            {
                throw new RollbackImpossibleException(
                    target,
                    $"Cannot roll back to frame {target}: its snapshot is no longer kept (oldest kept: {_snapshots.OldestFrame}, {_snapshots.Capacity} slots).");
            }

            _snapshots.Restore(target, _state);
            _stepNum = _snapshots.StepNum(target);
            _episode = _snapshots.Episode(target);
            foreach (InputQueue<TInput> queue in _queues)
            {
                queue.ClearIncorrect();
            }

            for (int frame = target; frame < present; frame++)
            {
                SimulateFrame(frame);
            }

            Statistics.RolledBack(present - target);
        }

        /// <summary>Simulates <paramref name="frame"/> (the frame the state is at), following the documented step order, and saves the next snapshot.</summary>
        private void SimulateFrame(int frame)
        {
            TState state = _state;
            int stepNum = _stepNum;
            int episode = _episode;
            InputQueue<TInput>[] queues = _queues;
            TInput[] inputs = _frameInputs;
            for (int p = 0; p < queues.Length; p++)
            {
                inputs[p] = queues[p].ForSimulation(frame);
            }

            if (_simulation.IsEpisodeOver(state))
            {
                episode++;
                stepNum = 0;
                _counters.SetCounters(frame, stepNum, episode);
                _simulation.ResetEpisode(state);
            }

            _simulation.Step(state, inputs);
            _counters.SetCounters(frame + 1, stepNum + 1, episode);
            _stepNum = stepNum + 1;
            _episode = episode;
            _snapshots.Save(state, frame + 1, stepNum + 1, episode, _confirmedFrame);
        }

        /// <summary>Raises <see cref="FrameConfirmed"/> for every simulated frame whose inputs are all known and correct.</summary>
        private void RaiseConfirmedFrames()
        {
            int confirmable = _state.Frame;
            InputQueue<TInput>[] queues = _queues;
            for (int p = 0; p < queues.Length; p++)
            {
                InputQueue<TInput> queue = queues[p];
                confirmable = Math.Min(confirmable, Math.Min(queue.NextUnconfirmedFrame, queue.FirstIncorrectFrame));
            }

            if (_confirmedFrame >= confirmable)
            {
                return;
            }

            while (_confirmedFrame < confirmable)
            {
                // Counted as reported before the handlers run: a failing handler faults the engine, and the frame
                // is never raised again.
                int frame = _confirmedFrame++;
                Raise(frame);
            }

            for (int p = 0; p < queues.Length; p++)
            {
                queues[p].DiscardBefore(_confirmedFrame);
            }
        }

        private void Raise(int frame)
        {
            FrameConfirmedHandler<TState, TInput>? handler = FrameConfirmed;
            if (handler is null)
            {
                return;
            }

            for (int p = 0; p < PlayerCount; p++)
            {
                if (!_queues[p].TryGetConfirmed(frame, out _confirmedInputs[p]))
                {
                    throw new InvalidOperationException($"Internal error: frame {frame} is confirmed but player {p}'s input is not buffered.");
                }
            }

            int after = frame + 1;
            _scratchFrame = -1;
            var record = new ConfirmedFrame<TState, TInput>(
                this,
                frame,
                _snapshots.Episode(after),
                _snapshots.StepNum(after),
                _confirmedInputs,
                _snapshots.Bytes(after));
            handler(in record);
        }

        private bool Faulted(Exception e)
        {
            _fault ??= e;
            return false;
        }

        private void Enter()
        {
            ThrowIfFaulted();
            if (_busy)
            {
                throw new InvalidOperationException("The engine is already advancing (AdvanceFrame, Synchronize or replay called from a FrameConfirmed handler?).");
            }

            _busy = true;
        }

        private void CheckPlayer(int player)
        {
            if ((uint)player >= (uint)PlayerCount)
            {
                throw new ArgumentOutOfRangeException(nameof(player), player, $"Player must be between 0 and {PlayerCount - 1}.");
            }
        }

        private static TState CreateState(Func<TState> createState)
        {
            TState state = createState() ?? throw new InvalidOperationException("createState returned null.");
            if (state is not IRollbackCounters)
            {
                throw new ArgumentException(
                    $"{state.GetType().FullName} does not implement IRollbackCounters; mark it [RollbackState] so the generator adds the counters.",
                    nameof(createState));
            }

            return state;
        }

        private static int[] AllPlayers(int count)
        {
            var players = new int[count];
            for (int i = 0; i < count; i++)
            {
                players[i] = i;
            }

            return players;
        }
    }
}
