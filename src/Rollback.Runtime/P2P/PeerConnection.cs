using System;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// The protocol with one remote endpoint (a peer, a spectator, or a spectator's host): the handshake state machine
    /// (synchronizing, running, disconnected or failed, with the reason), header sequence numbers with duplicate and stale
    /// rejection, the ack state of this side's stream, resend timing, keep-alives, round trip and frame advantage, and
    /// timeouts. The session decides what the delivered messages mean; the connection never touches the simulation.
    /// </summary>
    internal sealed class PeerConnection
    {
        private readonly ConnectionSettings _settings;
        private readonly Outbox _outbox;
        private readonly SequenceWindow _received = new SequenceWindow();
        private uint _sendSequence;
        private long _startedMs = long.MinValue;
        private long _lastSyncSentMs = long.MinValue / 2;
        private long _lastQualitySentMs = long.MinValue / 2;

        /// <summary>Creates the connection; nothing is sent before the first <see cref="Tick"/>.</summary>
        /// <param name="index">Its index in the session.</param>
        /// <param name="address">The remote address.</param>
        /// <param name="players">The players the remote owns, ascending (empty for a spectator or a host).</param>
        /// <param name="isSpectator">Whether the remote is a spectator of this session.</param>
        /// <param name="initiates">Whether this side sends handshake requests (peers and spectators do; a host waits for its spectators).</param>
        /// <param name="expectedSender">The sender byte the remote must put in its headers, or -1 for any player index or <see cref="Protocol.NoPlayer"/>.</param>
        /// <param name="settings">Shared identity and timing.</param>
        /// <param name="outbox">The session's send buffer and transport.</param>
        public PeerConnection(int index, PeerAddress address, int[] players, bool isSpectator, bool initiates, int expectedSender, ConnectionSettings settings, Outbox outbox)
        {
            Index = index;
            Address = address;
            Players = players;
            IsSpectator = isSpectator;
            Initiates = initiates;
            ExpectedSender = expectedSender;
            _settings = settings;
            _outbox = outbox;
            LocalNonce = ConnectionSettings.NewNonce();
            Payload = new PayloadChannel(settings.SendWindow, settings.ResendMs, settings.MaxIncomingPayload);
            Stats = new RemotePeerStatistics(address, players.Length > 0 ? players[0] : -1);
        }

        public int Index { get; }

        public PeerAddress Address { get; }

        public int[] Players { get; }

        public int FirstPlayer => Players.Length > 0 ? Players[0] : -1;

        public bool IsSpectator { get; }

        public bool Initiates { get; }

        public int ExpectedSender { get; }

        public RemotePeerStatistics Stats { get; }

        public ConnectionState State { get; private set; }

        /// <summary>Why the handshake failed, when <see cref="State"/> is <see cref="ConnectionState.Failed"/>.</summary>
        public SessionFailureReason Failure { get; private set; }

        /// <summary>Why the endpoint was dropped, when <see cref="State"/> is <see cref="ConnectionState.Disconnected"/>.</summary>
        public DisconnectReason DisconnectReason { get; private set; }

        /// <summary>This side's handshake nonce for this endpoint (random per process).</summary>
        public ulong LocalNonce { get; }

        /// <summary>The remote's nonce, from its first request (0 before).</summary>
        public ulong RemoteNonce { get; private set; }

        /// <summary>This side accepted the remote's handshake request.</summary>
        public bool WeAccepted { get; private set; }

        /// <summary>The remote accepted this side's handshake request.</summary>
        public bool TheyAccepted { get; private set; }

        /// <summary>Whether traffic from the remote is taken: either side of the handshake completed.</summary>
        public bool Handshaken => WeAccepted || TheyAccepted;

        /// <summary>Whether this side sends session traffic to it.</summary>
        public bool IsRunning => State == ConnectionState.Running;

        /// <summary>Whether it takes part in decisions (a running or synchronizing peer, not a spectator).</summary>
        public bool IsLive => State == ConnectionState.Running || State == ConnectionState.Synchronizing;

        /// <summary>The remote confirmed the final frame and said so (or went quiet after this side confirmed it): it needs nothing more.</summary>
        public bool IsDone { get; set; }

        public long LastReceivedMs { get; private set; }

        public long LastSentMs { get; private set; } = long.MinValue / 2;

        /// <summary>When inputs (or an ack) were last sent to it.</summary>
        public long LastInputSentMs { get; set; } = long.MinValue / 2;

        /// <summary>The last frame of this side's stream (inputs, or confirmed frames for a spectator) the remote has.</summary>
        public int AckOfMine { get; private set; } = -1;

        /// <summary>The highest frame of this side's stream sent so far (to count resends).</summary>
        public int HighestSent { get; set; } = -1;

        /// <summary>Whether the remote sent something that deserves an ack since the last one.</summary>
        public bool AckDirty { get; set; }

        /// <summary>Smoothed round trip in milliseconds, -1 before the first measurement.</summary>
        public int RoundTripMs { get; private set; } = -1;

        /// <summary>The frame the remote last reported, and when.</summary>
        public int RemoteFrame { get; private set; } = -1;

        public long RemoteFrameAtMs { get; private set; }

        /// <summary>The reliable payload channel of this connection (chunked, windowed, resent until acknowledged).</summary>
        public PayloadChannel Payload { get; }

        /// <summary>Frame-advantage samples for time sync.</summary>
        public AdvantageSamples Advantage { get; } = new AdvantageSamples();

        /// <summary>The header sequence number the next datagram to it carries.</summary>
        public uint NextSequence => _sendSequence;

        /// <summary>The send buffer (encode into it, then call <see cref="Send"/>).</summary>
        public byte[] Buffer => _outbox.Buffer;

        /// <summary>The envelope of the next datagram (consumes a sequence number).</summary>
        public MessageEnvelope Envelope() => new MessageEnvelope(_settings.SessionId, _settings.Sender, _sendSequence++);

        /// <summary>Sends the first <paramref name="length"/> bytes of <see cref="Buffer"/>.</summary>
        public void Send(int length, long now)
        {
            if (_outbox.Send(Address, length))
            {
                Stats.DatagramsSent++;
                Stats.BytesSent += length;
            }

            LastSentMs = now;
        }

        /// <summary>Records the remote's ack of this side's stream, bounded by what was actually produced.</summary>
        public void OnAck(int ackFrame, int limit)
        {
            if (ackFrame > limit)
            {
                ackFrame = limit;
            }

            if (ackFrame > AckOfMine)
            {
                AckOfMine = ackFrame;
                Stats.AckedFrame = ackFrame;
            }
        }

        /// <summary>Drops the endpoint: nothing more is taken from or sent to it.</summary>
        public void Disconnect(DisconnectReason reason)
        {
            if (State == ConnectionState.Disconnected || State == ConnectionState.Failed)
            {
                return;
            }

            State = ConnectionState.Disconnected;
            DisconnectReason = reason;
            Stats.Disconnected = true;
        }

        /// <summary>
        /// Takes one decoded datagram from this endpoint: checks the sender byte, the handshake and the header sequence
        /// number, answers handshake and quality messages itself, and tells the session what remains.
        /// </summary>
        /// <param name="message">The decoded message.</param>
        /// <param name="length">Its size in bytes.</param>
        /// <param name="now">The session clock.</param>
        /// <param name="drop">Why it was dropped, when the result is <see cref="Reception.Dropped"/>.</param>
        /// <returns>What was done.</returns>
        public Reception Receive(in ProtocolMessage message, int length, long now, out DropReason drop)
        {
            drop = DropReason.Unexpected;
            byte sender = message.Header.Sender;
            if (ExpectedSender >= 0 ? sender != ExpectedSender : (sender >= _settings.PlayerCount && sender != Protocol.NoPlayer))
            {
                drop = DropReason.WrongSender;
                return Reception.Dropped;
            }

            if (State == ConnectionState.Disconnected || State == ConnectionState.Failed)
            {
                if (State == ConnectionState.Disconnected && message.Type == MessageType.SyncRequest && message.SyncRequest.Nonce != RemoteNonce)
                {
                    // A new instance of a dropped peer: tell it why it gets no session.
                    Reply(message.SyncRequest.Nonce, SyncResult.SessionInProgress, now);
                }

                drop = DropReason.AfterDisconnect;
                return Reception.Dropped;
            }

            switch (message.Type)
            {
                case MessageType.SyncRequest:
                    return OnSyncRequest(message.SyncRequest, length, now, out drop);
                case MessageType.SyncReply:
                    return OnSyncReply(message.SyncReply, length, now, out drop);
            }

            if (!Handshaken)
            {
                drop = DropReason.BeforeHandshake;
                return Reception.Dropped;
            }

            SequenceVerdict verdict = _received.Accept(message.Header.Sequence);
            if (verdict != SequenceVerdict.New)
            {
                drop = verdict == SequenceVerdict.Duplicate ? DropReason.Duplicate : DropReason.Stale;
                return Reception.Dropped;
            }

            Heard(length, now);
            switch (message.Type)
            {
                case MessageType.KeepAlive:
                    return Reception.Handled;
                case MessageType.QualityReport:
                    OnQualityReport(message.QualityReport, now);
                    return Reception.Handled;
                case MessageType.QualityReply:
                    return OnQualityReply(message.QualityReply, now, out drop);
                case MessageType.PayloadChunk:
                    Payload.OnChunk(this, message.PayloadChunk, message.InputBytes, now);
                    return Reception.Handled;
                case MessageType.PayloadAck:
                    Payload.OnAck(message.PayloadAck);
                    return Reception.Handled;
                default:
                    return Reception.Deliver;
            }
        }

        /// <summary>
        /// Time passes: handshake retries and its timeout, quality reports, keep-alives, the interrupted flag and the
        /// disconnect timeout.
        /// </summary>
        /// <param name="now">The session clock.</param>
        /// <param name="currentFrame">This side's current frame (for frame advantage).</param>
        /// <returns>What happened.</returns>
        public ConnectionAlarm Tick(long now, int currentFrame)
        {
            if (_startedMs == long.MinValue)
            {
                _startedMs = now;
                LastReceivedMs = now;
            }

            if (State == ConnectionState.Synchronizing)
            {
                if (Initiates && !TheyAccepted)
                {
                    if (now - _startedMs > _settings.HandshakeTimeoutMs)
                    {
                        Fail(SessionFailureReason.HandshakeTimedOut);
                        return ConnectionAlarm.Failed;
                    }

                    if (now - _lastSyncSentMs >= _settings.HandshakeRetryMs)
                    {
                        SendSyncRequest(now);
                    }
                }
                else if (!Initiates && now - _startedMs > Math.Max(_settings.HandshakeTimeoutMs, _settings.DisconnectTimeoutMs))
                {
                    // A spectator that never came: stop waiting for it. A late one is served like a late peer: its
                    // handshake may come as late as the handshake timeout (or the disconnect timeout, if longer).
                    Disconnect(DisconnectReason.TimedOut);
                    return ConnectionAlarm.TimedOut;
                }

                return ConnectionAlarm.None;
            }

            if (State != ConnectionState.Running)
            {
                return ConnectionAlarm.None;
            }

            long silence = now - LastReceivedMs;
            Stats.Interrupted = silence > _settings.InterruptedAfterMs;
            if (silence > _settings.DisconnectTimeoutMs)
            {
                return ConnectionAlarm.TimedOut;
            }

            if (!IsSpectator && Initiates && now - _lastQualitySentMs >= _settings.QualityReportMs)
            {
                SendQualityReport(now, currentFrame);
            }

            Payload.Tick(this, now);
            if (now - LastSentMs >= _settings.KeepAliveMs && ProtocolCodec.TryEncodeKeepAlive(Buffer, Envelope(), out int n))
            {
                Send(n, now);
            }

            return ConnectionAlarm.None;
        }

        private void Heard(int length, long now)
        {
            LastReceivedMs = now;
            Stats.Interrupted = false;
            Stats.DatagramsReceived++;
            Stats.BytesReceived += length;
        }

        private Reception OnSyncRequest(in SyncRequest request, int length, long now, out DropReason drop)
        {
            drop = DropReason.Unexpected;
            bool sameConfig = request.ConfigHash == _settings.ConfigHash && request.InputSize == _settings.InputSize && request.PlayerCount == _settings.PlayerCount;
            if (!sameConfig)
            {
                Reply(request.Nonce, SyncResult.ConfigMismatch, now);
                if (State == ConnectionState.Running)
                {
                    return Reception.Dropped; // a stranger on a running peer's address does not end the session
                }

                Fail(SessionFailureReason.ConfigurationMismatch);
                return Reception.Failed;
            }

            if (request.Nonce == 0)
            {
                return Reception.Dropped;
            }

            if (RemoteNonce != 0 && request.Nonce != RemoteNonce)
            {
                if (State == ConnectionState.Running && !Initiates)
                {
                    // A restarted spectator rejoins from the start of what it has not acknowledged (nothing, now).
                    _received.Reset();
                    AckOfMine = -1;
                    HighestSent = -1;
                    Stats.AckedFrame = -1;
                }
                else if (State == ConnectionState.Running)
                {
                    // The remote process restarted under the same session id: the running session cannot take it back.
                    Reply(request.Nonce, SyncResult.SessionInProgress, now);
                    return Reception.Restarted;
                }

                // Restarted during the handshake: start over with the new instance.
                _received.Reset();
                TheyAccepted = false;
            }

            Heard(length, now);
            RemoteNonce = request.Nonce;
            WeAccepted = true;
            if (!Initiates)
            {
                BecomeRunning();
            }

            Reply(request.Nonce, SyncResult.Accepted, now);
            return Reception.Handled;
        }

        private Reception OnSyncReply(in SyncReply reply, int length, long now, out DropReason drop)
        {
            drop = DropReason.Unexpected;
            if (!Initiates || reply.EchoNonce != LocalNonce)
            {
                return Reception.Dropped;
            }

            Heard(length, now);
            switch (reply.Result)
            {
                case SyncResult.Accepted:
                    TheyAccepted = true;
                    if (State == ConnectionState.Synchronizing)
                    {
                        BecomeRunning();
                    }

                    return Reception.Handled;
                case SyncResult.ConfigMismatch:
                    Fail(SessionFailureReason.ConfigurationMismatch);
                    return Reception.Failed;
                case SyncResult.SessionInProgress:
                    Fail(SessionFailureReason.SessionInProgress);
                    return Reception.Failed;
                default:
                    Fail(SessionFailureReason.Refused);
                    return Reception.Failed;
            }
        }

        private void OnQualityReport(in QualityReport report, long now)
        {
            RemoteFrame = report.Frame;
            RemoteFrameAtMs = now;
            Stats.RemoteFrame = report.Frame;
            Stats.RemoteFrameAdvantage = report.FrameAdvantage;
            Advantage.AddRemote(report.FrameAdvantage);
            if (ProtocolCodec.TryEncode(Buffer, Envelope(), new QualityReply(report.Timestamp), out int n))
            {
                Send(n, now);
            }
        }

        private Reception OnQualityReply(in QualityReply reply, long now, out DropReason drop)
        {
            drop = DropReason.Unexpected;
            long rtt = now - reply.EchoTimestamp;
            if (rtt < 0 || rtt > 60000)
            {
                return Reception.Dropped;
            }

            RoundTripMs = RoundTripMs < 0 ? (int)rtt : (int)(((RoundTripMs * 7L) + rtt) / 8);
            Stats.RoundTripMs = RoundTripMs;
            return Reception.Handled;
        }

        private void SendQualityReport(long now, int currentFrame)
        {
            _lastQualitySentMs = now;
            int advantage = 0;
            if (RemoteFrame >= 0 && !Stats.Interrupted)
            {
                long elapsed = (now - RemoteFrameAtMs) + (Math.Max(0, RoundTripMs) / 2);
                int estimate = RemoteFrame + (int)(elapsed * _settings.FramesPerSecond / 1000);
                advantage = currentFrame - estimate;
                Advantage.AddLocal(advantage);
                Stats.LocalFrameAdvantage = advantage;
            }

            if (ProtocolCodec.TryEncode(Buffer, Envelope(), new QualityReport(now, currentFrame, advantage), out int n))
            {
                Send(n, now);
            }
        }

        private void SendSyncRequest(long now)
        {
            _lastSyncSentMs = now;
            var request = new SyncRequest(LocalNonce, _settings.ConfigHash, (ushort)_settings.InputSize, (byte)_settings.PlayerCount);
            if (ProtocolCodec.TryEncode(Buffer, Envelope(), request, out int n))
            {
                Send(n, now);
            }
        }

        private void Reply(ulong nonce, SyncResult result, long now)
        {
            if (ProtocolCodec.TryEncode(Buffer, Envelope(), new SyncReply(nonce, _settings.ConfigHash, result), out int n))
            {
                Send(n, now);
            }
        }

        private void BecomeRunning()
        {
            State = ConnectionState.Running;
            Stats.Synchronized = true;
        }

        private void Fail(SessionFailureReason reason)
        {
            if (State == ConnectionState.Failed)
            {
                return;
            }

            State = ConnectionState.Failed;
            Failure = reason;
            Stats.Rejected = reason == SessionFailureReason.ConfigurationMismatch || reason == SessionFailureReason.SessionInProgress || reason == SessionFailureReason.Refused;
        }
    }
}
