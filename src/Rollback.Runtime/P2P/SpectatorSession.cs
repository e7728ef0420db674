using System;
using System.Runtime.CompilerServices;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// Follows a host peer's confirmed timeline: the host (a <see cref="PeerSession{TState, TInput}"/> that lists this
    /// endpoint with <see cref="PeerSessionOptions{TInput}.AddSpectator"/>) sends every player's confirmed inputs, and the
    /// spectator simulates them without ever predicting or rolling back. Its confirmed frames, and so its exports, equal
    /// the players'.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// The loop: <c>while (!spectator.IsFinished) { spectator.Poll(); while (spectator.AdvanceFrame() == Advance.Simulated &amp;&amp; spectator.FramesBehind &gt; 0) { } }</c>
    /// (simulating several frames per tick catches up). Datagrams that are malformed or not from the host are dropped and
    /// counted. Not thread-safe.
    /// </remarks>
    public sealed class SpectatorSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private const int RingSize = 1024;
        private const int RingMask = RingSize - 1;

        private readonly ISimulation<TState, TInput> _simulation;
        private readonly RollbackEngine<TState, TInput> _engine;
        private readonly IDatagramTransport _transport;
        private readonly PeerAddress _host;
        private readonly Func<long> _clock;
        private readonly ulong _sessionId;
        private readonly ulong _configHash;
        private readonly ulong _nonce;
        private readonly int _playerCount;
        private readonly int _inputSize;
        private readonly int _episodes;
        private readonly int _syncRetryMs;
        private readonly int _resendMs;
        private readonly int _timeoutMs;
        private readonly TInput[] _ring;
        private readonly int[] _ringFrame;
        private readonly byte[] _sendBuffer = new byte[Protocol.MaxDatagramSize];
        private readonly byte[] _receiveBuffer = new byte[Protocol.MaxDatagramSize + 64];
        private readonly FrameConfirmedHandler<TState, TInput> _onConfirmed;
        private int _known = -1;
        private int _finalFrame;
        private bool _synced;
        private bool _ackDirty;
        private uint _sequence;
        private long _lastReceivedMs;
        private long _lastSyncMs = long.MinValue / 2;
        private long _lastAckMs = long.MinValue / 2;

        /// <summary>Creates a spectator of the session at <paramref name="host"/>.</summary>
        /// <param name="simulation">The deterministic simulation.</param>
        /// <param name="createState">Creates a fresh state (called twice).</param>
        /// <param name="transport">The transport to the host.</param>
        /// <param name="host">The host peer's address.</param>
        /// <param name="options">
        /// The session's agreed settings: <see cref="PeerSessionOptions{TInput}.SessionId"/>, <see cref="PeerSessionOptions{TInput}.PlayerCount"/>,
        /// <see cref="PeerSessionOptions{TInput}.DefaultInput"/>, <see cref="PeerSessionOptions{TInput}.FrameCount"/>,
        /// <see cref="PeerSessionOptions{TInput}.Episodes"/>, <see cref="PeerSessionOptions{TInput}.GameHash"/>, plus the clock and timeouts.
        /// Players need not be declared.
        /// </param>
        public SpectatorSession(ISimulation<TState, TInput> simulation, Func<TState> createState, IDatagramTransport transport, PeerAddress host, PeerSessionOptions<TInput> options)
        {
            _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (host.IsNone)
            {
                throw new ArgumentException("The host needs an address.", nameof(host));
            }

            _host = host;
            _playerCount = options.PlayerCount;
            _inputSize = Unsafe.SizeOf<TInput>();
            _sessionId = options.SessionId;
            _episodes = options.Episodes;
            _finalFrame = options.FrameCount > 0 ? options.FrameCount - 1 : int.MaxValue;
            _syncRetryMs = options.SyncRetryMs;
            _resendMs = options.ResendIntervalMs;
            _timeoutMs = options.DisconnectTimeoutMs;
            _clock = options.Clock ?? PeerSession<TState, TInput>.StopwatchClock();
            _configHash = PeerSessionConfig.Hash(options, _inputSize);
            _nonce = SessionHash.Mix(_sessionId ^ _configHash ^ 0x5350454354415452UL);
            _engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = _playerCount,
                LocalPlayers = Array.Empty<int>(),
                PredictionWindow = 0,
                DefaultInput = options.DefaultInput,
            });
            _ring = new TInput[_playerCount * RingSize];
            _ringFrame = new int[RingSize];
            _ringFrame.AsSpan().Fill(-1);
            _onConfirmed = OnConfirmed;
            _engine.FrameConfirmed += _onConfirmed;
            _lastReceivedMs = _clock();
        }

        /// <summary>Raised once per confirmed frame, in order, up to the final frame; equal to the players' records.</summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed
        {
            add => _engine.FrameConfirmed += value;
            remove => _engine.FrameConfirmed -= value;
        }

        /// <summary>The engine underneath (for recorders and exporters).</summary>
        public RollbackEngine<TState, TInput> Engine => _engine;

        /// <summary>The state after the last simulated (confirmed) frame.</summary>
        public TState State => _engine.State;

        /// <summary>The next frame to simulate.</summary>
        public int CurrentFrame => _engine.CurrentFrame;

        /// <summary>Frames received from the host but not simulated yet.</summary>
        public int FramesBehind => Math.Max(0, Math.Min(_known, _finalFrame) - _engine.LastConfirmedFrame);

        /// <summary>The final frame, or <see cref="int.MaxValue"/> while unknown.</summary>
        public int FinalFrame => _finalFrame;

        /// <summary>Whether the handshake with the host completed.</summary>
        public bool IsSynchronized => _synced;

        /// <summary>Whether nothing was heard from the host for <see cref="PeerSessionOptions{TInput}.DisconnectTimeoutMs"/>.</summary>
        public bool HostTimedOut { get; private set; }

        /// <summary>True once the final frame is simulated.</summary>
        public bool IsFinished => _engine.LastConfirmedFrame >= _finalFrame;

        /// <summary>Network figures.</summary>
        public PeerSessionStatistics Statistics { get; } = new PeerSessionStatistics();

        /// <summary>Receives the host's confirmed inputs and sends the handshake and acks that are due.</summary>
        public void Poll()
        {
            long now = _clock();
            while (_transport.TryReceive(_receiveBuffer, out int length, out PeerAddress from))
            {
                Statistics.DatagramsReceived++;
                Statistics.BytesReceived += length;
                Handle(new ReadOnlySpan<byte>(_receiveBuffer, 0, Math.Min(length, _receiveBuffer.Length)), from, now);
            }

            HostTimedOut = now - _lastReceivedMs > _timeoutMs;
            if (!_synced && now - _lastSyncMs >= _syncRetryMs)
            {
                _lastSyncMs = now;
                var request = new SyncRequest(_nonce, _configHash, (ushort)_inputSize, (byte)_playerCount);
                if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(), request, out int n))
                {
                    Send(n);
                }
            }

            if (_synced && (_ackDirty || now - _lastAckMs >= 4 * _resendMs))
            {
                _ackDirty = false;
                _lastAckMs = now;
                int ack = Math.Min(_known, _engine.LastConfirmedFrame);
                if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(), new InputAck(ack < 0 ? Protocol.NoFrame : ack), out int n))
                {
                    Send(n);
                }
            }
        }

        /// <summary>Simulates the next frame if the host's inputs for it arrived.</summary>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> when the next frame's inputs are not here yet or the end was reached.</returns>
        public Advance AdvanceFrame()
        {
            int frame = _engine.CurrentFrame;
            if (frame > _finalFrame || frame > _known)
            {
                return Advance.Wait;
            }

            if (_episodes > 0 && _finalFrame == int.MaxValue)
            {
                TState live = _engine.State;
                if (live.Episode >= _episodes)
                {
                    return Advance.Wait;
                }
            }

            int slot = frame & RingMask;
            for (int p = 0; p < _playerCount; p++)
            {
                _engine.AddRemoteInput(p, frame, _ring[(slot * _playerCount) + p]);
            }

            Advance result = _engine.AdvanceFrame(ReadOnlySpan<TInput>.Empty);
            if (result == Advance.Simulated)
            {
                _ackDirty = true;
            }

            return result;
        }

        private void OnConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            if (_episodes > 0 && frame.Frame < _finalFrame && frame.Episode == _episodes - 1 && _simulation.IsEpisodeOver(frame.State))
            {
                _finalFrame = frame.Frame;
            }
        }

        private void Handle(ReadOnlySpan<byte> datagram, PeerAddress from, long now)
        {
            DecodeStatus status = ProtocolCodec.Decode(datagram, _sessionId, out ProtocolMessage message);
            Statistics.Decode.Record(status);
            if (status == DecodeStatus.WrongSession)
            {
                Statistics.Drop(DropReason.WrongSession);
                return;
            }

            if (status != DecodeStatus.Ok)
            {
                Statistics.Drop(DropReason.Malformed);
                return;
            }

            if (!from.Equals(_host))
            {
                Statistics.Drop(DropReason.UnknownEndpoint);
                return;
            }

            if (message.Header.Sender >= _playerCount)
            {
                Statistics.Drop(DropReason.WrongSender);
                return;
            }

            _lastReceivedMs = now;
            switch (message.Type)
            {
                case MessageType.SyncReply:
                    if (message.SyncReply.EchoNonce != _nonce)
                    {
                        Statistics.Drop(DropReason.Unexpected);
                    }
                    else
                    {
                        _synced = message.SyncReply.Result == SyncResult.Accepted;
                    }

                    return;
                case MessageType.ConfirmedInput:
                    if (!_synced)
                    {
                        Statistics.Drop(DropReason.BeforeHandshake);
                        return;
                    }

                    OnConfirmedInput(message);
                    return;
                case MessageType.KeepAlive:
                    return;
                default:
                    Statistics.Drop(DropReason.Unexpected);
                    return;
            }
        }

        private void OnConfirmedInput(in ProtocolMessage message)
        {
            ConfirmedInputBatch batch = message.ConfirmedInput;
            _ackDirty = true;
            if (batch.PlayerCount != _playerCount || batch.InputSize != _inputSize)
            {
                Statistics.Drop(DropReason.InvalidInput);
                return;
            }

            if (batch.StartFrame + batch.Count - 1 > _engine.LastConfirmedFrame + RingSize - 1)
            {
                Statistics.Drop(DropReason.OutOfWindow);
                return;
            }

            for (int i = 0; i < batch.Count; i++)
            {
                int f = batch.StartFrame + i;
                if (f <= _known)
                {
                    continue;
                }

                int slot = f & RingMask;
                for (int p = 0; p < _playerCount; p++)
                {
                    _ring[(slot * _playerCount) + p] = message.GetInput<TInput>((i * _playerCount) + p);
                }

                _ringFrame[slot] = f;
            }

            while (_ringFrame[(_known + 1) & RingMask] == _known + 1)
            {
                _known++;
            }
        }

        private void Send(int length)
        {
            if (_transport.TrySend(_host, new ReadOnlySpan<byte>(_sendBuffer, 0, length)))
            {
                Statistics.DatagramsSent++;
                Statistics.BytesSent += length;
            }
            else
            {
                Statistics.SendFailures++;
            }
        }

        private MessageEnvelope Envelope() => new MessageEnvelope(_sessionId, Protocol.NoPlayer, _sequence++);
    }
}
