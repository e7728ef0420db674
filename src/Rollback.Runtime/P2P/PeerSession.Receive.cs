using System;
using Rollback.Network;

namespace Rollback
{
    /// <content>Receiving: datagrams to connections, inputs, acks, checksum reports, disconnect notices.</content>
    public sealed partial class PeerSession<TState, TInput>
    {
        private void ReceiveAll(long now)
        {
            while (_transport.TryReceive(_receiveBuffer, out int length, out PeerAddress from))
            {
                Network.DatagramsReceived++;
                Network.BytesReceived += length;
                if (!_left && !_failure.HasFailed)
                {
                    Handle(new ReadOnlySpan<byte>(_receiveBuffer, 0, Math.Min(length, _receiveBuffer.Length)), from, now);
                }
            }
        }

        private void Handle(ReadOnlySpan<byte> datagram, in PeerAddress from, long now)
        {
            DecodeStatus status = ProtocolCodec.Decode(datagram, SessionId, out ProtocolMessage message);
            Network.Decode.Record(status);
            if (status != DecodeStatus.Ok)
            {
                Network.Drop(status == DecodeStatus.WrongSession ? DropReason.WrongSession : DropReason.Malformed);
                return;
            }

            PeerConnection? c = Find(from);
            if (c is null)
            {
                Network.Drop(DropReason.UnknownEndpoint);
                return;
            }

            if (message.Type == MessageType.Disconnect && !c.IsSpectator && IsLocal(message.Disconnect.Player)
                && (c.ExpectedSender < 0 || message.Header.Sender == c.ExpectedSender))
            {
                // Notices about this peer's own players are only ever sent to a peer the others dropped.
                Fail(SessionFailureReason.DisconnectedByPeers, c.Address);
                return;
            }

            switch (c.Receive(message, datagram.Length, now, out DropReason drop))
            {
                case Reception.Dropped:
                    Network.Drop(drop);
                    if (drop == DropReason.AfterDisconnect)
                    {
                        TellDropped(c, now, force: false);
                    }

                    return;
                case Reception.Failed:
                    Fail(c.Failure, c.Address);
                    return;
                case Reception.Restarted:
                    Drop(c, DisconnectReason.Restarted, now);
                    return;
                case Reception.Handled:
                    return;
            }

            if (c.IsSpectator)
            {
                if (message.Type == MessageType.InputAck)
                {
                    c.OnAck(message.InputAck.AckFrame, LastConfirmedFrame);
                }
                else
                {
                    Network.Drop(DropReason.Unexpected);
                }

                return;
            }

            switch (message.Type)
            {
                case MessageType.Input:
                    OnInput(c, message);
                    return;
                case MessageType.InputAck:
                    c.OnAck(message.InputAck.AckFrame, LastLocalFrame());
                    return;
                case MessageType.ChecksumReport:
                    _checksums.OnReport(c, message.ChecksumReport.Frame, message.ChecksumReport.Checksum, LastConfirmedFrame, now);
                    return;
                case MessageType.ChecksumAck:
                    _checksums.OnAck(c, message.ChecksumAck.Frame);
                    return;
                case MessageType.Disconnect:
                    OnDisconnectNotice(c, message.Disconnect, now);
                    return;
                default:
                    Network.Drop(DropReason.Unexpected);
                    return;
            }
        }

        private void OnInput(PeerConnection c, in ProtocolMessage message)
        {
            InputBatch batch = message.Input;
            c.OnAck(batch.AckFrame, LastLocalFrame());
            c.AckDirty = true;
            int p = batch.Player;
            if (p >= _playerCount || _owner[p] < 0 || batch.InputSize != _settings.InputSize)
            {
                Network.Drop(DropReason.InvalidInput);
                return;
            }

            bool direct = _owner[p] == c.Index;
            if (direct && _agreement.IsFrozen(p))
            {
                Network.Drop(DropReason.AfterDisconnect);
                return;
            }

            if (!direct && !_agreement.IsFrozen(p))
            {
                Network.Drop(DropReason.InvalidInput); // only inputs of a player being disconnected may be relayed
                return;
            }

            // Check the whole batch before taking any of it.
            for (int i = 0; i < batch.Count; i++)
            {
                int f = batch.StartFrame + i;
                if (!_inputs.InWindow(p, f))
                {
                    Network.Drop(DropReason.OutOfWindow);
                    return;
                }

                if (_inputs.TryGet(p, f, out TInput held) && !InputQueue<TInput>.BitEquals(held, message.GetInput<TInput>(i)))
                {
                    Network.Drop(DropReason.ConflictingInput);
                    return;
                }
            }

            int stopBefore = _agreement.AgreedFrame(p);
            for (int i = 0; i < batch.Count; i++)
            {
                _inputs.Store(p, batch.StartFrame + i, message.GetInput<TInput>(i), stopBefore);
            }
        }

        private bool IsLocal(int player) => player < _playerCount && _owner[player] < 0;

        private void OnDisconnectNotice(PeerConnection c, in DisconnectNotice notice, long now)
        {
            int p = notice.Player;
            if (p >= _playerCount || _owner[p] < 0)
            {
                Network.Drop(DropReason.Unexpected); // out of range, or about a player of this peer
                return;
            }

            PeerConnection owner = _connections[_owner[p]];
            if (owner != c)
            {
                _agreement.Propose(c.Index, p, notice.Frame);
            }

            // The owner leaving on purpose is not a vote: the remaining peers agree among themselves.
            Drop(owner, notice.Reason, now);
            TryAgreeDisconnects();
        }
    }
}
