using System;
using System.Runtime.CompilerServices;
using Rollback.Collections;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// Follows a host peer's confirmed timeline: the host (a <see cref="PeerSession{TState, TInput}"/> that lists this
    /// endpoint with <see cref="PeerSessionOptions{TInput}.AddSpectator"/>) sends every player's confirmed inputs, in
    /// windows of datagrams, and the spectator simulates them without ever predicting or rolling back. Its confirmed frames,
    /// and so its exports, equal the players'.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// The loop: <c>while (!spectator.IsFinished) { spectator.Poll(); while (spectator.FramesBehind &gt; 0 &amp;&amp; spectator.AdvanceFrame() == Advance.Simulated) { } }</c>
    /// (simulating several frames per tick catches up faster than real time). The handshake with the host uses the same
    /// protocol object as the peers; a host that never answers, falls silent, or no longer keeps the frames this spectator
    /// needs fails the session with a reason (<see cref="Failure"/>). Datagrams that are malformed, duplicated or not
    /// from the host are dropped and counted. Not thread-safe.
    /// </remarks>
    public sealed class SpectatorSession<TState, TInput> : IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        /// <summary>Frames received ahead of the simulation that are kept.</summary>
        private const int Capacity = 1024;

        private readonly RollbackEngine<TState, TInput> _engine;
        private readonly IDatagramTransport _transport;
        private readonly PeerConnection _host;
        private readonly Func<long> _clock;
        private readonly int _playerCount;
        private readonly int _inputSize;
        private readonly ulong _sessionId;
        private readonly long _resendMs;
        private readonly FrameRing<TInput>[] _received;
        private readonly SessionEnd<TState, TInput> _end;
        private readonly byte[] _receiveBuffer = new byte[Protocol.MaxDatagramSize + 64];
        private int _known = -1;
        private bool _partingSent;
        private SessionFailure _failure;

        /// <summary>Creates a spectator of the session at <paramref name="host"/>.</summary>
        /// <param name="simulation">The deterministic simulation.</param>
        /// <param name="createState">Creates a fresh state (called twice).</param>
        /// <param name="transport">The transport to the host.</param>
        /// <param name="host">The host peer's address.</param>
        /// <param name="options">
        /// The session's agreed settings: <see cref="PeerSessionOptions{TInput}.SessionId"/>, <see cref="PeerSessionOptions{TInput}.PlayerCount"/>,
        /// <see cref="PeerSessionOptions{TInput}.DefaultInput"/>, <see cref="PeerSessionOptions{TInput}.FrameCount"/>,
        /// <see cref="PeerSessionOptions{TInput}.Episodes"/>, <see cref="PeerSessionOptions{TInput}.GameHash"/>, plus the clock and
        /// <see cref="PeerSessionOptions{TInput}.Timing"/>. Players need not be declared.
        /// </param>
        public SpectatorSession(ISimulation<TState, TInput> simulation, Func<TState> createState, IDatagramTransport transport, PeerAddress host, PeerSessionOptions<TInput> options)
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

            if (host.IsNone)
            {
                throw new ArgumentException("The host needs an address.", nameof(host));
            }

            _playerCount = options.PlayerCount;
            _inputSize = Unsafe.SizeOf<TInput>();
            _sessionId = options.SessionId;
            _resendMs = options.Timing.ResendMs;
            _clock = options.Clock ?? PeerSession<TState, TInput>.StopwatchClock();
            var settings = new ConnectionSettings(_sessionId, Protocol.NoPlayer, PeerSessionConfig.Hash(options, _inputSize), _inputSize, _playerCount, options.FramesPerSecond, options.Timing);
            _host = new PeerConnection(0, host, Array.Empty<int>(), isSpectator: false, initiates: true, expectedSender: -1, settings, new Outbox(transport, Network));
            _engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = _playerCount,
                LocalPlayers = Array.Empty<int>(),
                PredictionWindow = 0,
                DefaultInput = options.DefaultInput,
            });
            _received = new FrameRing<TInput>[_playerCount];
            for (int p = 0; p < _playerCount; p++)
            {
                _received[p] = new FrameRing<TInput>(Capacity);
            }

            _end = new SessionEnd<TState, TInput>(simulation, options.FrameCount, options.Episodes);
            _engine.FrameConfirmed += OnEngineFrameConfirmed;
        }

        /// <summary>Raised once per confirmed frame, in order, up to the final frame and never beyond; equal to the players' records.</summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed;

        /// <summary>Raised once if the session fails (see <see cref="Failure"/>).</summary>
        public event SessionFailedHandler? SessionFailed;

        /// <summary>The state after the last simulated (confirmed) frame.</summary>
        public TState State => _engine.State;

        /// <inheritdoc />
        public int CurrentFrame => _engine.CurrentFrame;

        /// <inheritdoc />
        public int StartFrame => 0;

        /// <inheritdoc />
        public int LastConfirmedFrame => Math.Min(_engine.LastConfirmedFrame, _end.FinalFrame);

        /// <inheritdoc />
        public int PlayerCount => _playerCount;

        /// <summary>None: a spectator has no local players.</summary>
        public ReadOnlySpan<int> LocalPlayers => ReadOnlySpan<int>.Empty;

        /// <summary>Frames received from the host but not simulated yet.</summary>
        public int FramesBehind => Math.Max(0, Math.Min(_known, _end.FinalFrame) - _engine.LastConfirmedFrame);

        /// <summary>The final frame, or <see cref="int.MaxValue"/> while unknown.</summary>
        public int FinalFrame => _end.FinalFrame;

        /// <summary>Whether the handshake with the host completed.</summary>
        public bool IsSynchronized => _host.TheyAccepted;

        /// <summary>Whether the session failed (handshake refused or timed out, host silent, or too far behind); see <see cref="Failure"/>.</summary>
        public SessionFailure Failure => _failure;

        /// <summary>True once the final frame is simulated, or the session failed.</summary>
        public bool IsFinished => _failure.HasFailed || _engine.LastConfirmedFrame >= _end.FinalFrame;

        /// <summary>Rollbacks (none), frames simulated.</summary>
        public RollbackStatistics Statistics => _engine.Statistics;

        /// <summary>Network figures.</summary>
        public NetworkStatistics Network { get; } = new NetworkStatistics();

        /// <summary>Network figures of the connection to the host.</summary>
        public RemotePeerStatistics HostStatistics => _host.Stats;

        /// <summary>Receives the host's confirmed inputs and sends the handshake and acks that are due.</summary>
        public void Poll()
        {
            long now = _clock();
            while (_transport.TryReceive(_receiveBuffer, out int length, out PeerAddress from))
            {
                Network.DatagramsReceived++;
                Network.BytesReceived += length;
                if (!_failure.HasFailed)
                {
                    Handle(new ReadOnlySpan<byte>(_receiveBuffer, 0, Math.Min(length, _receiveBuffer.Length)), from, now);
                }
            }

            if (_failure.HasFailed || IsFinished)
            {
                return;
            }

            switch (_host.Tick(now, _engine.CurrentFrame))
            {
                case ConnectionAlarm.Failed:
                    Fail(_host.Failure);
                    return;
                case ConnectionAlarm.TimedOut:
                    Fail(SessionFailureReason.HostTimedOut);
                    return;
            }

            if (_host.IsRunning && (_host.AckDirty || now - _host.LastInputSentMs >= 4 * _resendMs))
            {
                SendAck(now);
            }
        }

        /// <summary>Simulates the next frame if the host's inputs for it arrived.</summary>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> when the next frame's inputs are not here yet or the end was reached.</returns>
        public Advance AdvanceFrame()
        {
            int frame = _engine.CurrentFrame;
            if (_failure.HasFailed || frame > _known || _end.MustHold(_engine.State, frame))
            {
                return Advance.Wait;
            }

            for (int p = 0; p < _playerCount; p++)
            {
                _engine.AddRemoteInput(p, frame, _received[p][frame]);
            }

            Advance result = _engine.AdvanceFrame(ReadOnlySpan<TInput>.Empty);
            if (IsFinished && !_partingSent && _host.IsRunning)
            {
                // The loop may stop now: make sure the host hears that everything arrived.
                _partingSent = true;
                long now = _clock();
                for (int copy = 0; copy < 3; copy++)
                {
                    SendAck(now);
                }
            }

            return result;
        }

        /// <summary>Same as <see cref="AdvanceFrame()"/>; a spectator has no local inputs.</summary>
        /// <param name="localInputs">Must be empty.</param>
        /// <returns>What <see cref="AdvanceFrame()"/> returns.</returns>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            if (localInputs.Length != 0)
            {
                throw new ArgumentException("A spectator has no local players; pass an empty span.", nameof(localInputs));
            }

            return AdvanceFrame();
        }

        /// <inheritdoc />
        public bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum) => _engine.TryGetSnapshot(frame, out snapshot, out checksum);

        private void OnEngineFrameConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            if (_end.IsBeyond(frame.Frame))
            {
                return;
            }

            _end.OnConfirmed(in frame);
            FrameConfirmed?.Invoke(in frame);
        }

        private void Handle(ReadOnlySpan<byte> datagram, in PeerAddress from, long now)
        {
            DecodeStatus status = ProtocolCodec.Decode(datagram, _sessionId, out ProtocolMessage message);
            Network.Decode.Record(status);
            if (status != DecodeStatus.Ok)
            {
                Network.Drop(status == DecodeStatus.WrongSession ? DropReason.WrongSession : DropReason.Malformed);
                return;
            }

            if (!from.Equals(_host.Address))
            {
                Network.Drop(DropReason.UnknownEndpoint);
                return;
            }

            switch (_host.Receive(message, datagram.Length, now, out DropReason drop))
            {
                case Reception.Dropped:
                    Network.Drop(drop);
                    return;
                case Reception.Failed:
                    Fail(_host.Failure);
                    return;
                case Reception.Deliver:
                    break;
                default:
                    return;
            }

            switch (message.Type)
            {
                case MessageType.ConfirmedInput:
                    OnConfirmedInput(message);
                    return;
                case MessageType.Disconnect when message.Disconnect.Reason == DisconnectReason.TooFarBehind:
                    Fail(SessionFailureReason.TooFarBehind);
                    return;
                default:
                    Network.Drop(DropReason.Unexpected);
                    return;
            }
        }

        private void OnConfirmedInput(in ProtocolMessage message)
        {
            ConfirmedInputBatch batch = message.ConfirmedInput;
            _host.AckDirty = true;
            if (batch.PlayerCount != _playerCount || batch.InputSize != _inputSize)
            {
                Network.Drop(DropReason.InvalidInput);
                return;
            }

            if (batch.StartFrame + batch.Count - 1 > _engine.LastConfirmedFrame + Capacity)
            {
                Network.Drop(DropReason.OutOfWindow);
                return;
            }

            for (int i = 0; i < batch.Count; i++)
            {
                int f = batch.StartFrame + i;
                if (f <= _known)
                {
                    continue;
                }

                for (int p = 0; p < _playerCount; p++)
                {
                    _received[p].Set(f, message.GetInput<TInput>((i * _playerCount) + p));
                }
            }

            while (_received[0].Contains(_known + 1))
            {
                _known++;
            }
        }

        private void SendAck(long now)
        {
            _host.AckDirty = false;
            _host.LastInputSentMs = now;
            if (ProtocolCodec.TryEncode(_host.Buffer, _host.Envelope(), new InputAck(_known < 0 ? Protocol.NoFrame : _known), out int n))
            {
                _host.Send(n, now);
            }
        }

        private void Fail(SessionFailureReason reason)
        {
            if (_failure.HasFailed)
            {
                return;
            }

            _failure = new SessionFailure(reason, _host.Address);
            SessionFailed?.Invoke(in _failure);
        }
    }
}
