using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// A peer-to-peer rollback session: 1 to 254 players, any mix of local players (inputs from
    /// <see cref="AdvanceFrame"/>) and remote players (inputs over an <see cref="IDatagramTransport"/>), plus
    /// spectators served with confirmed inputs. See docs/p2p.md.
    /// </summary>
    /// <typeparam name="TState">The whole simulation state, generated from <see cref="RollbackStateAttribute"/>.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// <para>The loop: <c>while (!session.IsFinished) { session.Poll(); if (session.AdvanceFrame(local) == Advance.Wait) continue; render(session.State); }</c>.
    /// Export from <see cref="FrameConfirmed"/>: it is raised once per confirmed frame, in order, up to the final frame and
    /// never beyond, identically on every peer.</para>
    /// <para>The session is a script over its parts: one <c>PeerConnection</c> per remote endpoint (handshake, sequence
    /// numbers, acks, keep-alive, round trip, timeouts), time sync, checksum exchange, disconnect agreement and the session
    /// end. A handshake that cannot complete fails the session with a reason (<see cref="Failure"/>); it never becomes a
    /// game without the missing peer. Any datagram that is malformed, duplicated, stale, from an unknown endpoint or another
    /// session, or that contradicts what is known is dropped and counted in <see cref="Network"/>; it never throws out of
    /// the session and never changes the simulation.</para>
    /// <para>Not thread-safe: call it from one thread.</para>
    /// </remarks>
    public sealed partial class PeerSession<TState, TInput> : IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly RollbackEngine<TState, TInput> _engine;
        private readonly IDatagramTransport _transport;
        private readonly Func<long> _clock;
        private readonly int _playerCount;
        private readonly int _inputDelay;
        private readonly int _predictionWindow;
        private readonly int _feedCapacity;
        private readonly int _maxBatch;
        private readonly int _maxConfirmedBatch;
        private readonly int _sendWindow;
        private readonly long _resendMs;
        private readonly int[] _localPlayers;
        private readonly int[] _owner; // connection index per player, -1 for local
        private readonly long[] _toldDroppedMs; // per connection: when a dropped peer was last told so
        private readonly PeerConnection[] _connections; // peers first, then spectators
        private readonly int _peerCount;
        private readonly ConnectionSettings _settings;
        private readonly PlayerInputLog<TInput> _inputs;
        private readonly SpectatorFeed<TInput> _feed;
        private readonly ChecksumExchange _checksums;
        private readonly DesyncExchange<TState, TInput> _desync;
        private readonly int _checksumInterval;
        private readonly TimeSync _timeSync;
        private readonly DisconnectAgreement _agreement;
        private readonly SessionEnd<TState, TInput> _end;
        private readonly byte[] _receiveBuffer = new byte[Protocol.MaxDatagramSize + 64];
        private readonly TInput[] _scratch;

        private SessionFailure _failure;
        private bool _left;
        private bool _partingSent;
        private long _lastNoticeMs = long.MinValue / 2;

        /// <summary>Creates a session; the handshake starts on the first <see cref="Poll"/>.</summary>
        /// <param name="simulation">The deterministic simulation.</param>
        /// <param name="createState">Creates a fresh state (called twice: live and scratch).</param>
        /// <param name="transport">The datagram transport to the other peers.</param>
        /// <param name="options">Players, session id, timing; every peer must agree on the items the handshake checks.</param>
        public PeerSession(ISimulation<TState, TInput> simulation, Func<TState> createState, IDatagramTransport transport, PeerSessionOptions<TInput> options)
        {
            if (simulation is null)
            {
                throw new ArgumentNullException(nameof(simulation));
            }

            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            int inputSize = Unsafe.SizeOf<TInput>();
            if (inputSize > Protocol.MaxInputSize)
            {
                throw new ArgumentException($"{typeof(TInput).Name} is {inputSize} bytes; the protocol carries inputs of at most {Protocol.MaxInputSize} bytes.");
            }

            _playerCount = options.PlayerCount;
            _inputDelay = options.InputDelay;
            _predictionWindow = options.PredictionWindow;
            _maxBatch = Math.Min(options.MaxInputsPerDatagram, ProtocolCodec.MaxInputsPerDatagram(inputSize));
            _maxConfirmedBatch = Math.Min(options.MaxInputsPerDatagram, ProtocolCodec.MaxConfirmedFramesPerDatagram(_playerCount, inputSize));
            _sendWindow = options.SendWindow;
            _resendMs = options.Timing.ResendMs;
            _clock = options.Clock ?? StopwatchClock();
            SessionId = options.SessionId;
            ConfigurationHash = PeerSessionConfig.Hash(options, inputSize);
            if (options.Spectators.Count > 0 && _maxConfirmedBatch < 1)
            {
                throw new ArgumentException($"Spectators receive every player's input of a frame in one datagram: {_playerCount} inputs of {inputSize} bytes do not fit in {Protocol.MaxDatagramSize}.", nameof(options));
            }

            var local = new List<int>();
            var addresses = new List<PeerAddress>();
            var owned = new List<List<int>>();
            _owner = new int[_playerCount];
            for (int p = 0; p < _playerCount; p++)
            {
                PlayerSlot slot = options.Players[p];
                if (slot.IsLocal)
                {
                    local.Add(p);
                    _owner[p] = -1;
                    continue;
                }

                int index = addresses.IndexOf(slot.Address);
                if (index < 0)
                {
                    index = addresses.Count;
                    addresses.Add(slot.Address);
                    owned.Add(new List<int>());
                }

                owned[index].Add(p);
                _owner[p] = index;
            }

            _localPlayers = local.ToArray();
            byte sender = _localPlayers.Length > 0 ? (byte)_localPlayers[0] : Protocol.NoPlayer;
            _settings = new ConnectionSettings(SessionId, sender, ConfigurationHash, inputSize, _playerCount, options.FramesPerSecond, options.Timing, options.SendWindow, DesyncExchange<TState, TInput>.IncomingBound(options.MaxDesyncSnapshotBytes));
            var outbox = new Outbox(transport, Network);
            _peerCount = addresses.Count;
            _connections = new PeerConnection[addresses.Count + options.Spectators.Count];
            for (int i = 0; i < addresses.Count; i++)
            {
                int[] players = owned[i].ToArray();
                _connections[i] = new PeerConnection(i, addresses[i], players, isSpectator: false, initiates: true, expectedSender: players[0], _settings, outbox);
            }

            for (int s = 0; s < options.Spectators.Count; s++)
            {
                if (addresses.Contains(options.Spectators[s]))
                {
                    throw new ArgumentException($"{options.Spectators[s]} is both a player's peer and a spectator.", nameof(options));
                }

                int i = addresses.Count + s;
                _connections[i] = new PeerConnection(i, options.Spectators[s], Array.Empty<int>(), isSpectator: true, initiates: false, expectedSender: Protocol.NoPlayer, _settings, outbox);
            }

            // The engine sees every player as remote: this session commits local inputs itself (with the input delay), so
            // that in lockstep a waiting peer can still hand out the input the others wait for.
            _engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = _playerCount,
                LocalPlayers = Array.Empty<int>(),
                PredictionWindow = options.PredictionWindow,
                InputDelay = 0,
                MaxInputDelay = options.MaxInputDelay,
                DefaultInput = options.DefaultInput,
                Predictor = options.Predictor,
            });
            if (_engine.StartFrame != 0)
            {
                throw new ArgumentException("A peer session starts at frame 0.", nameof(createState));
            }

            _feedCapacity = options.PredictionWindow + options.MaxInputDelay + 32;
            _inputs = new PlayerInputLog<TInput>(_playerCount);
            foreach (int p in _localPlayers)
            {
                for (int f = 0; f < _inputDelay; f++)
                {
                    _inputs.Store(p, f, options.DefaultInput, int.MaxValue);
                }
            }

            _feed = new SpectatorFeed<TInput>(_playerCount);
            _checksums = new ChecksumExchange(_connections.Length, options.ChecksumInterval, _resendMs, Network);
            _checksumInterval = options.ChecksumInterval;
            _desync = new DesyncExchange<TState, TInput>(
                _connections.Length, options.MaxDesyncSnapshotBytes, options.DesyncBundleFolder, createState, _playerCount, options.ChecksumInterval,
                options.Timing.DisconnectTimeoutMs, _localPlayers.Length > 0 ? _localPlayers[0] : -1, SettingsText(options));
            _desync.Reported += r => DesyncReported?.Invoke(r);
            _checksums.Mismatch += OnMismatch;
            for (int i = 0; i < _peerCount; i++)
            {
                PeerConnection c = _connections[i];
                c.Payload.Received += (id, bytes) => _desync.OnPayload(c, bytes);
            }
            _timeSync = new TimeSync(options.TimeSync);
            _agreement = new DisconnectAgreement(_owner, _connections.Length);
            _toldDroppedMs = new long[_connections.Length];
            Array.Fill(_toldDroppedMs, long.MinValue / 2);
            _end = new SessionEnd<TState, TInput>(simulation, options.FrameCount, options.Episodes);
            _scratch = new TInput[Math.Max(_maxBatch, Math.Max(1, _maxConfirmedBatch) * _playerCount)];
            _engine.FrameConfirmed += OnEngineFrameConfirmed;
        }

        /// <summary>
        /// Raised once for every confirmed frame, in frame order, up to the final frame and never beyond; the same on every
        /// peer. Handlers must not call <see cref="AdvanceFrame"/> or <see cref="Poll"/>.
        /// </summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed;

        /// <summary>Raised when a remote peer's checksum of a confirmed frame differs from this peer's.</summary>
        public event PeerDesyncHandler? DesyncDetected;

        /// <summary>
        /// Raised once per remote peer after <see cref="DesyncDetected"/>, when the two peers exchanged their snapshots of the
        /// divergent frame over the session protocol (or could not: see <see cref="PeerDesyncReport.Outcome"/>): the frame,
        /// both checksums, the differing members with this peer's and the remote's values, and the bundle folder when
        /// <see cref="PeerSessionOptions{TInput}.DesyncBundleFolder"/> is set. Raised from <see cref="Poll"/> or
        /// <see cref="AdvanceFrame"/>.
        /// </summary>
        public event PeerDesyncReportHandler? DesyncReported;

        /// <summary>Raised when the peers agreed on the frame from which a player's input is the default input.</summary>
        public event PlayerDisconnectedHandler? PlayerDisconnected;

        /// <summary>Raised once if the session fails (see <see cref="Failure"/>).</summary>
        public event SessionFailedHandler? SessionFailed;

        /// <summary>Raised when this peer stops serving a spectator (it timed out, or fell further behind than the kept history).</summary>
        public event SpectatorDroppedHandler? SpectatorDropped;

        /// <inheritdoc />
        public TState State => _engine.State;

        /// <inheritdoc />
        public int CurrentFrame => _engine.CurrentFrame;

        /// <inheritdoc />
        public int StartFrame => 0;

        /// <inheritdoc />
        public int LastConfirmedFrame => Math.Min(_engine.LastConfirmedFrame, _end.FinalFrame);

        /// <inheritdoc />
        public int PlayerCount => _playerCount;

        /// <summary>The players whose inputs <see cref="AdvanceFrame"/> takes, in its order.</summary>
        public ReadOnlySpan<int> LocalPlayers => _localPlayers;

        /// <summary>Rollbacks, depths, frames simulated and replayed.</summary>
        public RollbackStatistics Statistics => _engine.Statistics;

        /// <summary>Network figures of the whole session (datagrams, drops by reason, resends, checksums).</summary>
        public NetworkStatistics Network { get; } = new NetworkStatistics();

        /// <summary>The session's identity (<see cref="PeerSessionOptions{TInput}.SessionId"/>).</summary>
        public ulong SessionId { get; }

        /// <summary>The configuration hash the handshake compares.</summary>
        public ulong ConfigurationHash { get; }

        /// <summary>
        /// The final frame: <see cref="PeerSessionOptions{TInput}.FrameCount"/> - 1, or the last frame of the last episode once
        /// it is found on the confirmed timeline, whichever comes first; <see cref="int.MaxValue"/> while unknown.
        /// </summary>
        public int FinalFrame => _end.FinalFrame;

        /// <summary>Episodes completed on the confirmed timeline.</summary>
        public int EpisodesCompleted => _end.EpisodesCompleted;

        /// <summary>Frames the time-sync advice still asks <see cref="AdvanceFrame"/> to wait (this peer runs ahead of another).</summary>
        public int FramesToWait => _timeSync.FramesToWait;

        /// <summary>Why the session failed (<see cref="SessionFailure.HasFailed"/> is false while it has not).</summary>
        public SessionFailure Failure => _failure;

        /// <summary>
        /// Whether this peer's inputs for the next frame were already taken by an earlier <see cref="AdvanceFrame"/> that
        /// returned <see cref="Advance.Wait"/>. That happens only in lockstep with input delay 0, where the other peers cannot
        /// simulate the frame without them; while it is true, <see cref="AdvanceFrame"/> ignores the inputs it is given.
        /// </summary>
        public bool LocalInputsTaken => _localPlayers.Length > 0 && _inputs.Known(_localPlayers[0]) >= CurrentFrame + _inputDelay;

        /// <summary>Where the session is in its life.</summary>
        public PeerSessionState SessionState =>
            _failure.HasFailed ? PeerSessionState.Failed
            : IsFinished ? PeerSessionState.Finished
            : FinalConfirmed ? PeerSessionState.Finishing
            : IsRunning ? PeerSessionState.Running
            : PeerSessionState.Synchronizing;

        /// <summary>
        /// True once the session is over: the final frame is confirmed here and every remote peer and spectator has what it
        /// needs to confirm it too (it acknowledged this peer's inputs up to it, reported it, or went silent after it), or
        /// the session failed. The loop may stop polling right after it: on finishing, the session sends its final acks and
        /// report several times so that no peer has to time it out.
        /// </summary>
        public bool IsFinished => _failure.HasFailed || (FinalConfirmed && AllRemotesDone() && !_desync.Busy(_connections));

        private bool FinalConfirmed => _engine.LastConfirmedFrame >= _end.FinalFrame;

        private bool IsRunning
        {
            get
            {
                for (int i = 0; i < _peerCount; i++)
                {
                    if (_connections[i].State == ConnectionState.Synchronizing)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Network figures of the peer that owns <paramref name="player"/>.</summary>
        /// <param name="player">A remote player.</param>
        /// <returns>The figures.</returns>
        public RemotePeerStatistics GetPeerStatistics(int player)
        {
            if ((uint)player >= (uint)_playerCount || _owner[player] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(player), player, "Not a remote player.");
            }

            return _connections[_owner[player]].Stats;
        }

        /// <summary>Network figures of every remote peer and spectator.</summary>
        /// <returns>One entry per endpoint (peers first).</returns>
        public IReadOnlyList<RemotePeerStatistics> GetAllPeerStatistics()
        {
            var list = new RemotePeerStatistics[_connections.Length];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = _connections[i].Stats;
            }

            return list;
        }

        /// <summary>The agreed disconnect frame of <paramref name="player"/>, or <see cref="int.MaxValue"/> while connected.</summary>
        /// <param name="player">The player.</param>
        /// <returns>The first frame played with the default input for them.</returns>
        public int DisconnectFrameOf(int player) => _agreement.AgreedFrame(player);

        /// <inheritdoc />
        public bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum)
        {
            if ((long)frame > (long)_end.FinalFrame + 1)
            {
                snapshot = default;
                checksum = 0;
                return false;
            }

            return _engine.TryGetSnapshot(frame, out snapshot, out checksum);
        }

        /// <summary>
        /// Network in and out: receives every waiting datagram, applies remote inputs (rolling back if a prediction was
        /// wrong), detects timeouts and agrees on disconnects, and sends handshakes, resends, acks, quality reports,
        /// checksums and keep-alives that are due. Call it once per tick, before <see cref="AdvanceFrame"/>.
        /// </summary>
        public void Poll()
        {
            long now = _clock();
            ReceiveAll(now);
            if (_left || _failure.HasFailed)
            {
                return;
            }

            TickConnections(now);
            if (_failure.HasFailed)
            {
                return;
            }

            TryAgreeDisconnects();
            Pump();
            _checksums.Tick(LastConfirmedFrame, _connections, now);
            _desync.Tick(_connections, now);
            SendDue(now);
            _timeSync.Update(now, _connections);
            SendPartingIfFinished(now);
        }

        /// <summary>
        /// Simulates one frame with the local players' inputs, unless the session must wait: handshake not done, too far
        /// ahead of the earliest missing remote input, the time-sync advice says this peer runs ahead, or the final frame
        /// was reached. Waiting still applies remote corrections and confirms frames.
        /// </summary>
        /// <param name="localInputs">One input per local player, in the order of <see cref="LocalPlayers"/>.</param>
        /// <returns>
        /// <see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> when nothing was simulated; then the inputs were
        /// not used, except in lockstep with input delay 0 (see <see cref="LocalInputsTaken"/>).
        /// </returns>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            if (localInputs.Length != _localPlayers.Length)
            {
                throw new ArgumentException($"Expected {_localPlayers.Length} local input(s); got {localInputs.Length}.", nameof(localInputs));
            }

            if (_left || _failure.HasFailed || !IsRunning)
            {
                return Advance.Wait;
            }

            long now = _clock();
            Pump();
            if (_end.MustHold(_engine.State, _engine.CurrentFrame))
            {
                SendPartingIfFinished(now);
                return Advance.Wait;
            }

            if (_timeSync.TakeWait())
            {
                Network.TimeSyncWaits++;
                return Advance.Wait;
            }

            int frame = _engine.CurrentFrame;
            bool remotesAllow = InputsAllow(frame);
            bool lockstepTurn = _predictionWindow == 0 && _inputDelay == 0;
            if (!LocalInputsTaken && (remotesAllow || lockstepTurn))
            {
                CommitLocalInputs(frame + _inputDelay, localInputs, now);
            }

            if (!remotesAllow)
            {
                _engine.Statistics.Waited(); // the prediction window is full: counted as the engine counts it
                return Advance.Wait;
            }

            Feed(FeedLimit());
            Advance result = _engine.AdvanceFrame(ReadOnlySpan<TInput>.Empty);
            _checksums.Tick(LastConfirmedFrame, _connections, now);
            SendPartingIfFinished(now);
            return result;
        }

        /// <summary>
        /// Leaves the session: tells every peer that this peer's players stop after their last sent input (the peers agree
        /// on the exact frame among themselves). The session does nothing afterwards. Once the final frame is confirmed here
        /// there is nothing left to disconnect: leaving then only stops the session, and no peer reports a disconnect.
        /// </summary>
        public void Leave()
        {
            if (_left)
            {
                return;
            }

            if (FinalConfirmed)
            {
                _left = true;
                return;
            }

            long now = _clock();
            for (int i = 0; i < _peerCount; i++)
            {
                PeerConnection c = _connections[i];
                if (!c.IsRunning)
                {
                    continue;
                }

                foreach (int p in _localPlayers)
                {
                    var notice = new DisconnectNotice((byte)p, DisconnectReason.Left, _inputs.Known(p) + 1);
                    for (int copy = 0; copy < 3; copy++)
                    {
                        if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), notice, out int n))
                        {
                            c.Send(n, now);
                        }
                    }
                }
            }

            _left = true;
        }

        internal static Func<long> StopwatchClock()
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            return () => watch.ElapsedMilliseconds;
        }

        /// <summary>The last frame of this peer's own inputs (what a peer may acknowledge).</summary>
        private int LastLocalFrame() => _localPlayers.Length > 0 ? _inputs.Known(_localPlayers[0]) : -1;

        /// <summary>The ack for a peer: the last frame of its players' inputs held contiguously here.</summary>
        private int AckFor(PeerConnection c)
        {
            int ack = int.MaxValue;
            foreach (int p in c.Players)
            {
                ack = Math.Min(ack, _inputs.Known(p));
            }

            return ack == int.MaxValue || ack < 0 ? Protocol.NoFrame : ack;
        }

        private PeerConnection? Find(in PeerAddress address)
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                if (_connections[i].Address.Equals(address))
                {
                    return _connections[i];
                }
            }

            return null;
        }
    }
}
