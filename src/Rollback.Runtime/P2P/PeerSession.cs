using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// A peer-to-peer rollback session: 1 to 254 players, any mix of local players (inputs from
    /// <see cref="AdvanceFrame"/>) and remote players (inputs over an <see cref="IDatagramTransport"/>), plus
    /// spectators served with confirmed inputs. See docs/p2p.md for the protocol.
    /// </summary>
    /// <typeparam name="TState">The whole simulation state, generated from <see cref="RollbackStateAttribute"/>.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// <para>The loop: <c>while (!session.IsFinished) { session.Poll(); if (session.AdvanceFrame(local) == Advance.Wait) continue; render(session.State); }</c>.
    /// Export from <see cref="FrameConfirmed"/> (or attach a <see cref="CsvExporter{TState, TInput}"/> to <see cref="Engine"/>):
    /// it is raised once per confirmed frame, in order, up to the final frame and never beyond, identically on every peer.</para>
    /// <para>What the session guarantees: a handshake with a session identity; inputs resent with redundancy until
    /// acknowledged; round-trip and frame-advantage reports and time-sync advice that <see cref="AdvanceFrame"/> follows;
    /// disconnects (notice or timeout) at a frame every peer agrees on, after which the player's input is
    /// <see cref="PeerSessionOptions{TInput}.DefaultInput"/>; checksums of confirmed frames compared at an interval
    /// (<see cref="DesyncDetected"/>); the end decided on the confirmed timeline. Any datagram that is malformed, from an
    /// unknown endpoint or another session, or that contradicts what is known is dropped and counted in
    /// <see cref="Statistics"/>; it never throws out of the session and never changes the simulation.</para>
    /// <para>After warm-up, polling and advancing allocate nothing. Not thread-safe: call it from one thread.</para>
    /// </remarks>
    public sealed class PeerSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private const int RingSize = 1024;
        private const int RingMask = RingSize - 1;

        private readonly ISimulation<TState, TInput> _simulation;
        private readonly RollbackEngine<TState, TInput> _engine;
        private readonly IDatagramTransport _transport;
        private readonly Func<long> _clock;
        private readonly ulong _sessionId;
        private readonly ulong _configHash;
        private readonly byte _senderId;
        private readonly int _playerCount;
        private readonly int _inputSize;
        private readonly int[] _localPlayers;
        private readonly int[] _owner;                 // endpoint index per player, -1 for local
        private readonly RemoteEndpoint[] _endpoints;  // peers first, then spectators
        private readonly int _peerEndpoints;
        private readonly int _episodes;
        private readonly int _fps;
        private readonly int _engineInputCapacity;
        private readonly int _maxBatch;
        private readonly int _maxConfirmedBatch;

        private readonly int _disconnectTimeoutMs;
        private readonly int _interruptedAfterMs;
        private readonly int _syncRetryMs;
        private readonly int _resendMs;
        private readonly int _qualityMs;
        private readonly int _keepAliveMs;
        private readonly int _checksumInterval;
        private readonly bool _timeSync;
        private readonly int _minTimeSync;
        private readonly int _maxTimeSync;
        private readonly int _timeSyncIntervalMs;

        // Known inputs per player (local ones copied from the engine, remote ones as received), by frame.
        private readonly TInput[] _ring;
        private readonly int[] _ringFrame;
        private readonly int[] _known;           // every frame <= this is known, per player
        private readonly int[] _fed;             // every frame <= this was given to the engine, per remote player
        private readonly bool[] _frozen;         // the player is being disconnected: its owner's inputs are no longer taken
        private readonly int[] _disconnectFrame; // agreed disconnect frame, or int.MaxValue
        private readonly DisconnectReason[] _disconnectReason;

        // Confirmed frames: every player's inputs (for spectators) and the checksum (for comparisons).
        private readonly TInput[] _history;
        private readonly ulong[] _checksums;
        private readonly int[] _checksumFrame;

        private readonly byte[] _sendBuffer = new byte[Protocol.MaxDatagramSize];
        private readonly byte[] _receiveBuffer = new byte[Protocol.MaxDatagramSize + 64];
        private readonly TInput[] _scratch;
        private readonly FrameConfirmedHandler<TState, TInput> _onConfirmed;

        private int _finalFrame;
        private ulong _finalChecksum;
        private bool _gated;
        private bool _running;
        private bool _left;
        private int _waitOwed;
        private long _lastTimeSyncMs;
        private int _episodesCompleted;

        /// <summary>Creates a session and starts the handshake on the first <see cref="Poll"/>.</summary>
        /// <param name="simulation">The deterministic simulation.</param>
        /// <param name="createState">Creates a fresh state (called twice: live and scratch).</param>
        /// <param name="transport">The datagram transport to the other peers.</param>
        /// <param name="options">Players, session id, timing; every peer must agree on the items the handshake checks.</param>
        public PeerSession(ISimulation<TState, TInput> simulation, Func<TState> createState, IDatagramTransport transport, PeerSessionOptions<TInput> options)
        {
            _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            _playerCount = options.PlayerCount;
            _inputSize = Unsafe.SizeOf<TInput>();
            if (_inputSize > Protocol.MaxInputSize)
            {
                throw new ArgumentException($"{typeof(TInput).Name} is {_inputSize} bytes; the protocol carries inputs of at most {Protocol.MaxInputSize} bytes.");
            }

            _sessionId = options.SessionId;
            _episodes = options.Episodes;
            _fps = options.FramesPerSecond;
            _finalFrame = options.FrameCount > 0 ? options.FrameCount - 1 : int.MaxValue;
            _disconnectTimeoutMs = options.DisconnectTimeoutMs;
            _interruptedAfterMs = options.InterruptedAfterMs;
            _syncRetryMs = options.SyncRetryMs;
            _resendMs = options.ResendIntervalMs;
            _qualityMs = options.QualityReportIntervalMs;
            _keepAliveMs = options.KeepAliveIntervalMs;
            _checksumInterval = options.ChecksumInterval;
            _timeSync = options.TimeSync;
            _minTimeSync = Math.Max(1, options.MinTimeSyncFrames);
            _maxTimeSync = Math.Max(_minTimeSync, options.MaxTimeSyncFrames);
            _timeSyncIntervalMs = options.TimeSyncIntervalMs;
            _maxBatch = Math.Min(options.MaxInputsPerDatagram, ProtocolCodec.MaxInputsPerDatagram(_inputSize));
            _maxConfirmedBatch = Math.Min(options.MaxInputsPerDatagram, ProtocolCodec.MaxConfirmedFramesPerDatagram(_playerCount, _inputSize));
            _clock = options.Clock ?? StopwatchClock();
            _configHash = PeerSessionConfig.Hash(options, _inputSize);

            var local = new List<int>();
            var addresses = new List<PeerAddress>();
            var owned = new List<List<int>>();
            _owner = new int[_playerCount];
            for (int p = 0; p < _playerCount; p++)
            {
                PeerAddress address = options.Players[p];
                if (address.IsNone)
                {
                    local.Add(p);
                    _owner[p] = -1;
                    continue;
                }

                int index = addresses.IndexOf(address);
                if (index < 0)
                {
                    index = addresses.Count;
                    addresses.Add(address);
                    owned.Add(new List<int>());
                }

                owned[index].Add(p);
                _owner[p] = index;
            }

            _localPlayers = local.ToArray();
            _senderId = _localPlayers.Length > 0 ? (byte)_localPlayers[0] : Protocol.NoPlayer;
            long now = _clock();
            _peerEndpoints = addresses.Count;
            _endpoints = new RemoteEndpoint[addresses.Count + options.Spectators.Count];
            for (int i = 0; i < addresses.Count; i++)
            {
                _endpoints[i] = new RemoteEndpoint(i, addresses[i], owned[i].ToArray(), false, _playerCount, Nonce(i), now);
            }

            for (int s = 0; s < options.Spectators.Count; s++)
            {
                int i = addresses.Count + s;
                if (addresses.Contains(options.Spectators[s]))
                {
                    throw new ArgumentException($"{options.Spectators[s]} is both a player's peer and a spectator.", nameof(options));
                }

                _endpoints[i] = new RemoteEndpoint(i, options.Spectators[s], Array.Empty<int>(), true, _playerCount, Nonce(i), now);
            }

            _engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = _playerCount,
                LocalPlayers = _localPlayers,
                PredictionWindow = options.PredictionWindow,
                InputDelay = options.InputDelay,
                MaxInputDelay = options.MaxInputDelay,
                DefaultInput = options.DefaultInput,
                Predictor = options.Predictor,
            });
            _engineInputCapacity = (2 * (options.PredictionWindow + options.MaxInputDelay)) + 32;
            if (_engine.StartFrame != 0)
            {
                throw new ArgumentException("A peer session starts at frame 0.", nameof(createState));
            }

            _ring = new TInput[_playerCount * RingSize];
            _ringFrame = new int[_playerCount * RingSize];
            _ringFrame.AsSpan().Fill(-1);
            _known = new int[_playerCount];
            _fed = new int[_playerCount];
            _frozen = new bool[_playerCount];
            _disconnectFrame = new int[_playerCount];
            _disconnectReason = new DisconnectReason[_playerCount];
            for (int p = 0; p < _playerCount; p++)
            {
                _known[p] = -1;
                _fed[p] = -1;
                _disconnectFrame[p] = int.MaxValue;
            }

            _history = new TInput[_playerCount * RingSize];
            _checksums = new ulong[RingSize];
            _checksumFrame = new int[RingSize];
            _checksumFrame.AsSpan().Fill(-1);
            _scratch = new TInput[Math.Max(_maxBatch, _maxConfirmedBatch * _playerCount)];
            _onConfirmed = OnEngineFrameConfirmed;
            _engine.FrameConfirmed += _onConfirmed;
            CaptureLocalInputs();
            _lastTimeSyncMs = now;
        }

        /// <summary>
        /// Raised once for every confirmed frame, in frame order, up to the final frame and never beyond; the same on every
        /// peer. Handlers must not call <see cref="AdvanceFrame"/>, <see cref="Poll"/> or the engine.
        /// </summary>
        public event FrameConfirmedHandler<TState, TInput>? FrameConfirmed
        {
            add => _engine.FrameConfirmed += value;
            remove => _engine.FrameConfirmed -= value;
        }

        /// <summary>Raised when a remote peer's checksum of a confirmed frame differs from this peer's.</summary>
        public event PeerDesyncHandler? DesyncDetected;

        /// <summary>Raised when the peers agreed on the frame from which a player's input is the default input.</summary>
        public event PlayerDisconnectedHandler? PlayerDisconnected;

        /// <summary>The engine underneath (for recorders and exporters; do not advance it directly).</summary>
        public RollbackEngine<TState, TInput> Engine => _engine;

        /// <summary>The live state: the present frame, possibly predicted. Never mutate it.</summary>
        public TState State => _engine.State;

        /// <summary>The next frame to simulate.</summary>
        public int CurrentFrame => _engine.CurrentFrame;

        /// <summary>The latest confirmed frame (-1 before the first).</summary>
        public int LastConfirmedFrame => _engine.LastConfirmedFrame;

        /// <summary>The players whose inputs <see cref="AdvanceFrame"/> takes, in its order.</summary>
        public ReadOnlySpan<int> LocalPlayers => _localPlayers;

        /// <summary>
        /// The final frame: <see cref="PeerSessionOptions{TInput}.FrameCount"/> - 1, or the last frame of the last episode once
        /// it is found on the confirmed timeline; <see cref="int.MaxValue"/> while unknown.
        /// </summary>
        public int FinalFrame => _finalFrame;

        /// <summary>Episodes completed on the confirmed timeline.</summary>
        public int EpisodesCompleted => _episodesCompleted;

        /// <summary>Where the session is in its life.</summary>
        public PeerSessionState SessionState =>
            IsFinished ? PeerSessionState.Finished
            : FinalConfirmed ? PeerSessionState.Finishing
            : _running ? PeerSessionState.Running
            : PeerSessionState.Synchronizing;

        /// <summary>
        /// True once the final frame is confirmed here and every connected peer (and spectator) has confirmed it too. Until
        /// then the session keeps resending its inputs, acks and final checksum, so keep calling <see cref="Poll"/>. After
        /// it, <see cref="Poll"/> still answers peers that have not heard the news (keep polling for a moment if you can).
        /// </summary>
        public bool IsFinished
        {
            get
            {
                if (!FinalConfirmed)
                {
                    return false;
                }

                foreach (RemoteEndpoint e in _endpoints)
                {
                    if (e.Disconnected)
                    {
                        continue;
                    }

                    if (e.IsSpectator ? e.AckOfMine < _finalFrame : e.HighestReported < _finalFrame)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Frames the time-sync advice still asks <see cref="AdvanceFrame"/> to wait (this peer runs ahead of another).</summary>
        public int FramesToWait => _waitOwed;

        /// <summary>Network figures of the whole session.</summary>
        public PeerSessionStatistics Statistics { get; } = new PeerSessionStatistics();

        /// <summary>Rollbacks, depths, frames simulated and replayed (the engine's statistics).</summary>
        public RollbackStatistics RollbackStatistics => _engine.Statistics;

        /// <summary>The session's identity (<see cref="PeerSessionOptions{TInput}.SessionId"/>).</summary>
        public ulong SessionId => _sessionId;

        /// <summary>The configuration hash the handshake compares.</summary>
        public ulong ConfigurationHash => _configHash;

        private bool FinalConfirmed => _engine.LastConfirmedFrame >= _finalFrame;

        /// <summary>Network figures of the peer that owns <paramref name="player"/>.</summary>
        /// <param name="player">A remote player.</param>
        /// <returns>The figures.</returns>
        public RemotePeerStatistics GetPeerStatistics(int player)
        {
            if ((uint)player >= (uint)_playerCount || _owner[player] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(player), player, "Not a remote player.");
            }

            return _endpoints[_owner[player]].Stats;
        }

        /// <summary>Network figures of every remote peer and spectator.</summary>
        /// <returns>One entry per endpoint (peers first).</returns>
        public IReadOnlyList<RemotePeerStatistics> GetAllPeerStatistics()
        {
            var list = new RemotePeerStatistics[_endpoints.Length];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = _endpoints[i].Stats;
            }

            return list;
        }

        /// <summary>The agreed disconnect frame of <paramref name="player"/>, or <see cref="int.MaxValue"/> while connected.</summary>
        /// <param name="player">The player.</param>
        /// <returns>The first frame played with the default input for them.</returns>
        public int DisconnectFrameOf(int player) => _disconnectFrame[player];

        /// <summary>
        /// Network in and out: receives every waiting datagram, applies remote inputs (rolling back if a prediction was
        /// wrong), detects timeouts and agrees on disconnects, and sends handshakes, resends, acks, quality reports,
        /// checksums and keep-alives that are due. Call it once per tick, before <see cref="AdvanceFrame"/>.
        /// </summary>
        public void Poll()
        {
            long now = _clock();
            ReceiveAll(now);
            if (_left)
            {
                return;
            }

            CheckTimeouts(now);
            UpdateRunning();
            Pump();
            CheckPendingChecksums();
            SendPeriodic(now);
            SendPartingIfFinished();
        }

        /// <summary>
        /// Simulates one frame with the local players' inputs, unless the session must wait: handshake not done, too far
        /// ahead of the earliest missing remote input, the time-sync advice says this peer runs ahead, or the final frame
        /// was reached. Waiting still applies remote corrections and confirms frames.
        /// </summary>
        /// <param name="localInputs">One input per local player, in the order of <see cref="LocalPlayers"/>.</param>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> when nothing was simulated and the inputs were not used.</returns>
        public Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs)
        {
            if (localInputs.Length != _localPlayers.Length)
            {
                throw new ArgumentException($"Expected {_localPlayers.Length} local input(s); got {localInputs.Length}.", nameof(localInputs));
            }

            if (!_running || _left)
            {
                return Advance.Wait;
            }

            if (MustHold())
            {
                Pump();
                SendPartingIfFinished();
                return Advance.Wait;
            }

            if (_waitOwed > 0)
            {
                _waitOwed--;
                Statistics.TimeSyncWaits++;
                Pump();
                return Advance.Wait;
            }

            Pump();
            if (_gated)
            {
                // Only the frame about to be simulated may become confirmed by this call.
                Feed(_engine.LastConfirmedFrame + 1);
            }

            Advance result = _engine.AdvanceFrame(localInputs);
            if (result == Advance.Simulated)
            {
                CaptureLocalInputs();
                long now = _clock();
                for (int i = 0; i < _peerEndpoints; i++)
                {
                    RemoteEndpoint e = _endpoints[i];
                    if (!e.Disconnected && e.CanSend)
                    {
                        SendInputs(e, now);
                    }
                }
            }

            CheckPendingChecksums();
            SendPartingIfFinished();
            return result;
        }

        /// <summary>
        /// Leaves the session: tells every peer that this peer's players stop after their last sent input (the peers agree
        /// on the exact frame among themselves). The session does nothing afterwards.
        /// </summary>
        public void Leave()
        {
            if (_left)
            {
                return;
            }

            for (int i = 0; i < _peerEndpoints; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (e.Disconnected)
                {
                    continue;
                }

                foreach (int p in _localPlayers)
                {
                    var notice = new DisconnectNotice((byte)p, DisconnectReason.Left, _known[p] + 1);
                    for (int copy = 0; copy < 3; copy++)
                    {
                        if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), notice, out int n))
                        {
                            SendTo(e, n, _clock());
                        }
                    }
                }
            }

            _left = true;
        }

        // ------------------------------------------------------------------ engine side

        private bool MustHold()
        {
            if (_engine.CurrentFrame > _finalFrame)
            {
                return true;
            }

            if (_episodes > 0 && _finalFrame == int.MaxValue)
            {
                TState live = _engine.State;
                if (live.Episode >= _episodes || (live.Episode == _episodes - 1 && _simulation.IsEpisodeOver(live)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Gives the engine the remote inputs it may take, applies corrections and confirms frames.</summary>
        private void Pump()
        {
            if (_episodes > 0 && _finalFrame == int.MaxValue && !_gated && _engine.State.Episode >= _episodes - 1)
            {
                _gated = true;
            }

            if (!_gated || _finalFrame != int.MaxValue)
            {
                Feed(_finalFrame);
                _engine.Synchronize();
                return;
            }

            // The last episode, end not found yet: confirm one frame per engine call, so that the handler sees the final
            // frame before any later frame can be confirmed.
            while (true)
            {
                int next = _engine.LastConfirmedFrame + 1;
                Feed(next);
                _engine.Synchronize();
                if (_finalFrame != int.MaxValue || _engine.LastConfirmedFrame < next)
                {
                    return;
                }
            }
        }

        private void Feed(int limit)
        {
            int bound = _engine.LastConfirmedFrame + _engineInputCapacity - 1;
            if (limit > bound)
            {
                limit = bound;
            }

            for (int p = 0; p < _playerCount; p++)
            {
                if (_owner[p] < 0)
                {
                    continue;
                }

                int upTo = Math.Min(_known[p], limit);
                if (_disconnectFrame[p] != int.MaxValue)
                {
                    upTo = Math.Min(upTo, _disconnectFrame[p] - 1);
                }

                for (int f = _fed[p] + 1; f <= upTo; f++)
                {
                    _engine.AddRemoteInput(p, f, _ring[(p * RingSize) + (f & RingMask)]);
                    _fed[p] = f;
                }
            }
        }

        private void CaptureLocalInputs()
        {
            foreach (int p in _localPlayers)
            {
                while (_engine.TryGetConfirmedInput(p, _known[p] + 1, out TInput input))
                {
                    int f = _known[p] + 1;
                    int slot = (p * RingSize) + (f & RingMask);
                    _ring[slot] = input;
                    _ringFrame[slot] = f;
                    _known[p] = f;
                }
            }
        }

        private void OnEngineFrameConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            int f = frame.Frame;
            int slot = f & RingMask;
            frame.Inputs.CopyTo(_history.AsSpan(slot * _playerCount, _playerCount));
            _checksums[slot] = frame.Checksum;
            _checksumFrame[slot] = f;
            if (frame.StepNum == 1 && frame.Episode > 0)
            {
                _episodesCompleted = frame.Episode;
            }

            if (_episodes > 0 && f < _finalFrame && frame.Episode == _episodes - 1 && _simulation.IsEpisodeOver(frame.State))
            {
                _finalFrame = f;
                _episodesCompleted = _episodes;
            }

            if (f == _finalFrame)
            {
                _finalChecksum = frame.Checksum;
                if (_episodes == 0 && _simulation.IsEpisodeOver(frame.State))
                {
                    _episodesCompleted = frame.Episode + 1;
                }

                BroadcastChecksum(f, frame.Checksum);
            }
            else if (_checksumInterval > 0 && f % _checksumInterval == 0)
            {
                BroadcastChecksum(f, frame.Checksum);
            }
        }

        // ------------------------------------------------------------------ receiving

        private void ReceiveAll(long now)
        {
            while (_transport.TryReceive(_receiveBuffer, out int length, out PeerAddress from))
            {
                Statistics.DatagramsReceived++;
                Statistics.BytesReceived += length;
                if (!_left)
                {
                    Handle(new ReadOnlySpan<byte>(_receiveBuffer, 0, Math.Min(length, _receiveBuffer.Length)), from, now);
                }
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

            RemoteEndpoint? e = Find(from);
            if (e is null)
            {
                Statistics.Drop(DropReason.UnknownEndpoint);
                return;
            }

            byte expected = e.IsSpectator ? Protocol.NoPlayer : (byte)e.FirstPlayer;
            if (message.Header.Sender != expected)
            {
                Statistics.Drop(DropReason.WrongSender);
                return;
            }

            if (e.Disconnected)
            {
                Statistics.Drop(DropReason.AfterDisconnect);
                return;
            }

            e.LastReceivedMs = now;
            e.Stats.Interrupted = false;
            e.Stats.DatagramsReceived++;
            e.Stats.BytesReceived += datagram.Length;
            switch (message.Type)
            {
                case MessageType.SyncRequest:
                    OnSyncRequest(e, message.SyncRequest, now);
                    return;
                case MessageType.SyncReply:
                    OnSyncReply(e, message.SyncReply);
                    return;
            }

            if (!e.Handshaken)
            {
                Statistics.Drop(DropReason.BeforeHandshake);
                return;
            }

            switch (message.Type)
            {
                case MessageType.Input:
                    if (e.IsSpectator)
                    {
                        Statistics.Drop(DropReason.Unexpected);
                        return;
                    }

                    OnInput(e, message);
                    return;
                case MessageType.InputAck:
                    OnAck(e, message.InputAck.AckFrame);
                    return;
                case MessageType.KeepAlive:
                    return;
                case MessageType.QualityReport:
                    OnQualityReport(e, message.QualityReport, now);
                    return;
                case MessageType.QualityReply:
                    OnQualityReply(e, message.QualityReply, now);
                    return;
                case MessageType.ChecksumReport:
                    if (e.IsSpectator)
                    {
                        Statistics.Drop(DropReason.Unexpected);
                        return;
                    }

                    OnChecksum(e, message.ChecksumReport, now);
                    return;
                case MessageType.Disconnect:
                    if (e.IsSpectator)
                    {
                        Statistics.Drop(DropReason.Unexpected);
                        return;
                    }

                    OnDisconnectNotice(e, message.Disconnect, now);
                    return;
                default:
                    Statistics.Drop(DropReason.Unexpected);
                    return;
            }
        }

        private void OnSyncRequest(RemoteEndpoint e, in SyncRequest request, long now)
        {
            bool ok = request.ConfigHash == _configHash && request.InputSize == _inputSize && request.PlayerCount == _playerCount;
            if (ok)
            {
                e.WeReplied = true;
            }

            var reply = new SyncReply(request.Nonce, _configHash, ok ? SyncResult.Accepted : SyncResult.ConfigMismatch);
            if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), reply, out int n))
            {
                SendTo(e, n, now);
            }
        }

        private void OnSyncReply(RemoteEndpoint e, in SyncReply reply)
        {
            if (reply.EchoNonce != e.Nonce)
            {
                Statistics.Drop(DropReason.Unexpected);
                return;
            }

            if (reply.Result == SyncResult.Accepted)
            {
                e.GotReply = true;
                e.Stats.Synchronized = true;
            }
            else
            {
                e.Rejected = true;
                e.Stats.Rejected = true;
            }
        }

        private void OnInput(RemoteEndpoint e, in ProtocolMessage message)
        {
            InputBatch batch = message.Input;
            OnAck(e, batch.AckFrame);
            e.AckDirty = true;
            int p = batch.Player;
            if (p >= _playerCount || _owner[p] < 0 || batch.InputSize != _inputSize)
            {
                Statistics.Drop(DropReason.InvalidInput);
                return;
            }

            bool direct = _owner[p] == e.Index;
            if (direct && _frozen[p])
            {
                Statistics.Drop(DropReason.AfterDisconnect);
                return;
            }

            if (!direct && !_frozen[p])
            {
                // Only inputs of a player being disconnected may be relayed by another peer.
                Statistics.Drop(DropReason.InvalidInput);
                return;
            }

            // Check the whole batch before taking any of it.
            int known = _known[p];
            for (int i = 0; i < batch.Count; i++)
            {
                int f = batch.StartFrame + i;
                if (f > known + RingSize - 1)
                {
                    Statistics.Drop(DropReason.OutOfWindow);
                    return;
                }

                int slot = (p * RingSize) + (f & RingMask);
                if (_ringFrame[slot] == f && !InputQueue<TInput>.BitEquals(_ring[slot], message.GetInput<TInput>(i)))
                {
                    Statistics.Drop(DropReason.ConflictingInput);
                    return;
                }
            }

            for (int i = 0; i < batch.Count; i++)
            {
                int f = batch.StartFrame + i;
                if (f <= _known[p] || f >= _disconnectFrame[p])
                {
                    continue;
                }

                int slot = (p * RingSize) + (f & RingMask);
                _ring[slot] = message.GetInput<TInput>(i);
                _ringFrame[slot] = f;
            }

            while (_known[p] + 1 < _disconnectFrame[p] && _ringFrame[(p * RingSize) + ((_known[p] + 1) & RingMask)] == _known[p] + 1)
            {
                _known[p]++;
            }
        }

        private void OnAck(RemoteEndpoint e, int ackFrame)
        {
            int limit = e.IsSpectator ? _engine.LastConfirmedFrame : (_localPlayers.Length > 0 ? _known[_localPlayers[0]] : -1);
            if (ackFrame > limit)
            {
                ackFrame = limit;
            }

            if (ackFrame > e.AckOfMine)
            {
                e.AckOfMine = ackFrame;
                e.Stats.AckedFrame = ackFrame;
            }
        }

        private void OnQualityReport(RemoteEndpoint e, in QualityReport report, long now)
        {
            e.RemoteFrame = report.Frame;
            e.RemoteFrameAtMs = now;
            e.Stats.RemoteFrame = report.Frame;
            e.Stats.RemoteFrameAdvantage = report.FrameAdvantage;
            e.RemoteAdvantage[e.RemoteSamples++ % RemoteEndpoint.AdvantageSamples] = report.FrameAdvantage;
            var reply = new QualityReply(report.Timestamp);
            if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), reply, out int n))
            {
                SendTo(e, n, now);
            }
        }

        private void OnQualityReply(RemoteEndpoint e, in QualityReply reply, long now)
        {
            long rtt = now - reply.EchoTimestamp;
            if (rtt < 0 || rtt > 60000)
            {
                Statistics.Drop(DropReason.Unexpected);
                return;
            }

            e.RoundTripMs = e.RoundTripMs < 0 ? (int)rtt : (int)(((e.RoundTripMs * 7L) + rtt) / 8);
            e.Stats.RoundTripMs = e.RoundTripMs;
        }

        private void OnChecksum(RemoteEndpoint e, in ChecksumReport report, long now)
        {
            if (report.Frame > e.HighestReported)
            {
                e.HighestReported = report.Frame;
            }

            if (report.Frame <= _engine.LastConfirmedFrame)
            {
                Compare(e, report.Frame, report.Checksum);
            }
            else if (e.PendingCount < RemoteEndpoint.PendingChecksums)
            {
                e.PendingFrame[e.PendingCount] = report.Frame;
                e.PendingChecksum[e.PendingCount] = report.Checksum;
                e.PendingCount++;
            }

            // A peer announcing the final frame may not have heard that this one has it too: answer at once.
            if (report.Frame == _finalFrame && FinalConfirmed)
            {
                SendChecksum(e, _finalFrame, _finalChecksum, now);
            }
        }

        private void OnDisconnectNotice(RemoteEndpoint e, in DisconnectNotice notice, long now)
        {
            int p = notice.Player;
            if (p >= _playerCount || _owner[p] < 0)
            {
                // Out of range, or about a player of this peer: this peer is not removed by a notice.
                Statistics.Drop(DropReason.Unexpected);
                return;
            }

            if (_owner[p] == e.Index)
            {
                // The owner leaves on purpose: its proposal is not a vote (the remaining peers agree among themselves).
                StartDisconnect(_endpoints[_owner[p]], notice.Reason, now);
                return;
            }

            if (notice.Frame > e.Proposals[p])
            {
                e.Proposals[p] = notice.Frame;
            }

            StartDisconnect(_endpoints[_owner[p]], notice.Reason, now);
            TryAgreeAll();
        }

        // ------------------------------------------------------------------ disconnects

        private void CheckTimeouts(long now)
        {
            for (int i = 0; i < _endpoints.Length; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (e.Disconnected)
                {
                    continue;
                }

                long silence = now - e.LastReceivedMs;
                e.Stats.Interrupted = silence > _interruptedAfterMs;
                if (silence > _disconnectTimeoutMs)
                {
                    StartDisconnect(e, DisconnectReason.TimedOut, now);
                }
            }
        }

        /// <summary>Freezes the players of a peer that left or timed out and proposes a disconnect frame for each.</summary>
        private void StartDisconnect(RemoteEndpoint e, DisconnectReason reason, long now)
        {
            if (e.Disconnected)
            {
                return;
            }

            e.Disconnected = true;
            e.DisconnectReason = reason;
            e.Stats.Disconnected = true;
            foreach (int p in e.Players)
            {
                _frozen[p] = true;
                _disconnectReason[p] = reason;
            }

            SendNotices(now);
            TryAgreeAll();
            UpdateRunning();
        }

        /// <summary>
        /// The agreed disconnect frame of a frozen player is the largest of the proposals (first frame whose input the proposer
        /// does not have) of every connected peer, this one included. Inputs below it that a peer lacks are relayed by peers
        /// that have them; from it, the player's input is the default everywhere.
        /// </summary>
        private void TryAgreeAll()
        {
            for (int p = 0; p < _playerCount; p++)
            {
                if (!_frozen[p] || _disconnectFrame[p] != int.MaxValue)
                {
                    continue;
                }

                int frame = _known[p] + 1;
                bool complete = true;
                for (int i = 0; i < _peerEndpoints && complete; i++)
                {
                    RemoteEndpoint v = _endpoints[i];
                    if (!v.IsVoter || v.Index == _owner[p])
                    {
                        continue;
                    }

                    if (v.Proposals[p] < 0)
                    {
                        complete = false;
                    }
                    else if (v.Proposals[p] > frame)
                    {
                        frame = v.Proposals[p];
                    }
                }

                if (!complete)
                {
                    continue;
                }

                _disconnectFrame[p] = frame;
                _engine.SetDisconnected(p, frame);
                PlayerDisconnected?.Invoke(p, frame);
            }
        }

        // ------------------------------------------------------------------ sending

        private void SendPeriodic(long now)
        {
            if (!_running)
            {
                for (int i = 0; i < _peerEndpoints; i++)
                {
                    RemoteEndpoint e = _endpoints[i];
                    if (!e.GotReply && !e.Rejected && !e.Disconnected && now - e.LastSyncSentMs >= _syncRetryMs)
                    {
                        SendSyncRequest(e, now);
                    }
                }
            }

            bool finalConfirmed = FinalConfirmed;
            bool finished = finalConfirmed && IsFinished;
            for (int i = 0; i < _endpoints.Length; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (e.Disconnected || e.Rejected)
                {
                    continue;
                }

                if (e.IsSpectator)
                {
                    if (e.Handshaken && e.AckOfMine < _engine.LastConfirmedFrame && now - e.LastInputSentMs >= _resendMs)
                    {
                        SendConfirmedInputs(e, now);
                    }
                }
                else if (e.CanSend)
                {
                    if (now - e.LastInputSentMs >= _resendMs)
                    {
                        SendInputs(e, now);
                    }

                    if (now - e.LastQualitySentMs >= _qualityMs)
                    {
                        SendQuality(e, now);
                    }

                    if (finalConfirmed && !finished && now - e.LastFinalSentMs >= _resendMs)
                    {
                        SendChecksum(e, _finalFrame, _finalChecksum, now);
                        e.LastFinalSentMs = now;
                    }
                }

                if (e.CanSend && now - e.LastSentMs >= _keepAliveMs && ProtocolCodec.TryEncodeKeepAlive(_sendBuffer, Envelope(e), out int n))
                {
                    SendTo(e, n, now);
                }
            }

            if (now - _lastNoticeMs >= _keepAliveMs)
            {
                SendNotices(now);
            }

            UpdateTimeSync(now);
        }

        private long _lastNoticeMs = long.MinValue / 2;
        private bool _partingSent;

        /// <summary>
        /// Once finished the user loop may stop at any moment: send a parting burst of the final report, so that a peer
        /// whose copy was lost does not have to time this one out.
        /// </summary>
        private void SendPartingIfFinished()
        {
            if (_partingSent || !FinalConfirmed || !IsFinished)
            {
                return;
            }

            _partingSent = true;
            long now = _clock();
            for (int i = 0; i < _peerEndpoints; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (!e.Disconnected && e.CanSend)
                {
                    for (int copy = 0; copy < 3; copy++)
                    {
                        SendChecksum(e, _finalFrame, _finalChecksum, now);
                    }
                }
            }
        }

        /// <summary>Sends this peer's proposal for every frozen player to every voter, and relays inputs a voter lacks.</summary>
        private void SendNotices(long now)
        {
            _lastNoticeMs = now;
            for (int p = 0; p < _playerCount; p++)
            {
                if (!_frozen[p])
                {
                    continue;
                }

                for (int i = 0; i < _peerEndpoints; i++)
                {
                    RemoteEndpoint v = _endpoints[i];
                    if (!v.IsVoter || v.Index == _owner[p] || !v.CanSend)
                    {
                        continue;
                    }

                    var notice = new DisconnectNotice((byte)p, _disconnectReason[p], _known[p] + 1);
                    if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(v), notice, out int n))
                    {
                        SendTo(v, n, now);
                    }

                    int lacks = v.Proposals[p];
                    if (lacks >= 0 && lacks <= _known[p])
                    {
                        RelayInputs(v, p, lacks, now);
                    }
                }
            }
        }

        private void RelayInputs(RemoteEndpoint v, int p, int start, long now)
        {
            int end = _known[p];
            if (start <= end - RingSize + 1)
            {
                return; // no longer held (cannot happen within the prediction window)
            }

            int count = Math.Min(end - start + 1, _maxBatch);
            for (int i = 0; i < count; i++)
            {
                _scratch[i] = _ring[(p * RingSize) + ((start + i) & RingMask)];
            }

            if (ProtocolCodec.TryEncodeInput<TInput>(_sendBuffer, Envelope(v), start, AckFor(v), (byte)p, new ReadOnlySpan<TInput>(_scratch, 0, count), out int n))
            {
                SendTo(v, n, now);
                Statistics.InputsRelayed += count;
            }
        }

        private void SendInputs(RemoteEndpoint e, long now)
        {
            int ack = AckFor(e);
            if (_localPlayers.Length == 0)
            {
                SendAck(e, ack, now);
                return;
            }

            int start = e.AckOfMine + 1;
            int end = _known[_localPlayers[0]];
            if (end < start)
            {
                if (e.AckDirty)
                {
                    SendAck(e, ack, now);
                }

                return;
            }

            if (start <= end - RingSize + 1)
            {
                start = end - RingSize + 2; // cannot happen within the prediction window; never read a reused slot
            }

            int count = Math.Min(end - start + 1, _maxBatch);
            int resent = Math.Min(count, Math.Max(0, e.HighestSent - start + 1));
            foreach (int p in _localPlayers)
            {
                for (int i = 0; i < count; i++)
                {
                    _scratch[i] = _ring[(p * RingSize) + ((start + i) & RingMask)];
                }

                if (ProtocolCodec.TryEncodeInput<TInput>(_sendBuffer, Envelope(e), start, ack, (byte)p, new ReadOnlySpan<TInput>(_scratch, 0, count), out int n))
                {
                    SendTo(e, n, now);
                }
            }

            Statistics.InputsResent += resent;
            e.HighestSent = Math.Max(e.HighestSent, start + count - 1);
            e.AckDirty = false;
            e.LastInputSentMs = now;
        }

        private void SendAck(RemoteEndpoint e, int ack, long now)
        {
            if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), new InputAck(ack), out int n))
            {
                SendTo(e, n, now);
            }

            e.AckDirty = false;
            e.LastInputSentMs = now;
        }

        private void SendConfirmedInputs(RemoteEndpoint e, long now)
        {
            int start = e.AckOfMine + 1;
            int end = _engine.LastConfirmedFrame;
            if (start <= end - RingSize + 1)
            {
                // The spectator fell too far behind to be served.
                e.Disconnected = true;
                e.Stats.Disconnected = true;
                return;
            }

            int count = Math.Min(end - start + 1, _maxConfirmedBatch);
            for (int i = 0; i < count; i++)
            {
                int slot = (start + i) & RingMask;
                _history.AsSpan(slot * _playerCount, _playerCount).CopyTo(_scratch.AsSpan(i * _playerCount, _playerCount));
            }

            if (ProtocolCodec.TryEncodeConfirmedInput<TInput>(_sendBuffer, Envelope(e), start, _playerCount, new ReadOnlySpan<TInput>(_scratch, 0, count * _playerCount), out int n))
            {
                SendTo(e, n, now);
            }

            e.LastInputSentMs = now;
        }

        private void SendSyncRequest(RemoteEndpoint e, long now)
        {
            var request = new SyncRequest(e.Nonce, _configHash, (ushort)_inputSize, (byte)_playerCount);
            if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), request, out int n))
            {
                SendTo(e, n, now);
            }

            e.LastSyncSentMs = now;
        }

        private void SendQuality(RemoteEndpoint e, long now)
        {
            e.LastQualitySentMs = now;
            int advantage = 0;
            bool interrupted = now - e.LastReceivedMs > _interruptedAfterMs;
            if (e.RemoteFrame >= 0 && !interrupted)
            {
                long elapsed = (now - e.RemoteFrameAtMs) + (Math.Max(0, e.RoundTripMs) / 2);
                int estimate = e.RemoteFrame + (int)(elapsed * _fps / 1000);
                advantage = _engine.CurrentFrame - estimate;
                e.LocalAdvantage[e.LocalSamples++ % RemoteEndpoint.AdvantageSamples] = advantage;
                e.Stats.LocalFrameAdvantage = advantage;
            }

            var report = new QualityReport(now, _engine.CurrentFrame, advantage);
            if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), report, out int n))
            {
                SendTo(e, n, now);
            }
        }

        private void SendChecksum(RemoteEndpoint e, int frame, ulong checksum, long now)
        {
            if (ProtocolCodec.TryEncode(_sendBuffer, Envelope(e), new ChecksumReport(frame, checksum), out int n))
            {
                SendTo(e, n, now);
            }
        }

        private void BroadcastChecksum(int frame, ulong checksum)
        {
            long now = _clock();
            for (int i = 0; i < _peerEndpoints; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (!e.Disconnected && e.CanSend)
                {
                    SendChecksum(e, frame, checksum, now);
                }
            }
        }

        private void SendTo(RemoteEndpoint e, int length, long now)
        {
            if (_transport.TrySend(e.Address, new ReadOnlySpan<byte>(_sendBuffer, 0, length)))
            {
                Statistics.DatagramsSent++;
                Statistics.BytesSent += length;
                e.Stats.DatagramsSent++;
                e.Stats.BytesSent += length;
            }
            else
            {
                Statistics.SendFailures++;
            }

            e.LastSentMs = now;
        }

        // ------------------------------------------------------------------ checksums, time sync, state

        private void Compare(RemoteEndpoint e, int frame, ulong remote)
        {
            int slot = frame & RingMask;
            if (frame < 0 || _checksumFrame[slot] != frame)
            {
                return; // too old to compare
            }

            Statistics.ChecksumsCompared++;
            e.Stats.ChecksumsCompared++;
            ulong local = _checksums[slot];
            if (local != remote)
            {
                Statistics.Desyncs++;
                var desync = new PeerDesync(frame, local, remote, e.FirstPlayer);
                DesyncDetected?.Invoke(in desync);
            }
        }

        private void CheckPendingChecksums()
        {
            int confirmed = _engine.LastConfirmedFrame;
            for (int i = 0; i < _peerEndpoints; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                int kept = 0;
                for (int k = 0; k < e.PendingCount; k++)
                {
                    if (e.PendingFrame[k] <= confirmed)
                    {
                        Compare(e, e.PendingFrame[k], e.PendingChecksum[k]);
                    }
                    else
                    {
                        e.PendingFrame[kept] = e.PendingFrame[k];
                        e.PendingChecksum[kept] = e.PendingChecksum[k];
                        kept++;
                    }
                }

                e.PendingCount = kept;
            }
        }

        private void UpdateTimeSync(long now)
        {
            if (now - _lastTimeSyncMs < _timeSyncIntervalMs)
            {
                return;
            }

            _lastTimeSyncMs = now;
            int advice = 0;
            for (int i = 0; i < _peerEndpoints; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (e.Disconnected || e.LocalSamples == 0 || e.RemoteSamples == 0)
                {
                    continue;
                }

                int local = RemoteEndpoint.Average(e.LocalAdvantage, e.LocalSamples);
                int remote = RemoteEndpoint.Average(e.RemoteAdvantage, e.RemoteSamples);
                advice = Math.Max(advice, (local - remote) / 2);
            }

            _waitOwed = _timeSync && advice >= _minTimeSync ? Math.Min(advice, _maxTimeSync) : 0;
        }

        private void UpdateRunning()
        {
            if (_running)
            {
                return;
            }

            for (int i = 0; i < _peerEndpoints; i++)
            {
                RemoteEndpoint e = _endpoints[i];
                if (!e.Disconnected && !e.GotReply)
                {
                    return;
                }
            }

            _running = true;
        }

        private int AckFor(RemoteEndpoint e)
        {
            int ack = int.MaxValue;
            foreach (int p in e.Players)
            {
                ack = Math.Min(ack, _known[p]);
            }

            return ack == int.MaxValue || ack < 0 ? Protocol.NoFrame : ack;
        }

        private RemoteEndpoint? Find(in PeerAddress address)
        {
            for (int i = 0; i < _endpoints.Length; i++)
            {
                if (_endpoints[i].Address.Equals(address))
                {
                    return _endpoints[i];
                }
            }

            return null;
        }

        private MessageEnvelope Envelope(RemoteEndpoint e) => new MessageEnvelope(_sessionId, _senderId, e.Sequence++);

        private ulong Nonce(int endpoint) => SessionHash.Mix(_sessionId ^ SessionHash.Mix(((ulong)_senderId << 32) | (uint)endpoint) ^ _configHash);

        internal static Func<long> StopwatchClock()
        {
            var watch = Stopwatch.StartNew();
            return () => watch.ElapsedMilliseconds;
        }
    }
}
