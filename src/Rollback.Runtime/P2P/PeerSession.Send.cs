using System;
using Rollback.Network;

namespace Rollback
{
    /// <content>Sending: inputs in windows, acks, confirmed inputs to spectators, notices and relays, the parting burst.</content>
    public sealed partial class PeerSession<TState, TInput>
    {
        private void SendDue(long now)
        {
            bool finalConfirmed = FinalConfirmed;
            for (int i = 0; i < _connections.Length; i++)
            {
                PeerConnection c = _connections[i];
                if (!c.IsRunning || now - c.LastInputSentMs < _resendMs)
                {
                    continue;
                }

                if (c.IsSpectator)
                {
                    if (c.AckOfMine < LastConfirmedFrame)
                    {
                        SendConfirmedInputs(c, now);
                    }
                }
                else
                {
                    SendInputs(c, now);
                    if (finalConfirmed)
                    {
                        SendAck(c, now); // at the end the remote may need only this peer's ack to finish
                    }
                }
            }

            if (now - _lastNoticeMs >= _resendMs)
            {
                SendNotices(now);
            }
        }

        /// <summary>
        /// Once finished the user loop may stop at any moment: send the final acks and report a few times, so that a peer
        /// whose copy was lost does not have to time this one out.
        /// </summary>
        private void SendPartingIfFinished(long now)
        {
            if (_partingSent || _failure.HasFailed || !IsFinished)
            {
                return;
            }

            _partingSent = true;
            int final = _end.FinalFrame;
            _checksums.TryGetLocal(final, out ulong checksum);
            for (int i = 0; i < _connections.Length; i++)
            {
                PeerConnection c = _connections[i];
                if (c.State == ConnectionState.Disconnected && !c.IsSpectator)
                {
                    TellDropped(c, now, force: true); // its earlier notices may have been lost; this loop may stop now
                    continue;
                }

                if (!c.IsRunning || c.IsSpectator)
                {
                    continue;
                }

                for (int copy = 0; copy < 3; copy++)
                {
                    SendAck(c, now);
                    if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), new ChecksumReport(final, checksum), out int n))
                    {
                        c.Send(n, now);
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
                if (!_agreement.IsFrozen(p))
                {
                    continue;
                }

                var notice = new DisconnectNotice((byte)p, _agreement.ReasonOf(p), _inputs.Known(p) + 1);
                for (int i = 0; i < _peerCount; i++)
                {
                    PeerConnection v = _connections[i];
                    if (!v.IsRunning || v.Index == _owner[p])
                    {
                        continue;
                    }

                    if (ProtocolCodec.TryEncode(v.Buffer, v.Envelope(), notice, out int n))
                    {
                        v.Send(n, now);
                    }

                    int lacks = _agreement.ProposalOf(v.Index, p);
                    if (lacks >= 0 && lacks <= _inputs.Known(p))
                    {
                        SendPlayerInputs(v, p, lacks, _inputs.Known(p), now, relay: true);
                    }
                }
            }
        }

        /// <summary>Sends every local input the peer has not acknowledged, in a window of datagrams.</summary>
        private void SendInputs(PeerConnection c, long now)
        {
            c.LastInputSentMs = now;
            if (_localPlayers.Length == 0)
            {
                SendAck(c, now);
                return;
            }

            int start = c.AckOfMine + 1;
            int end = _inputs.Known(_localPlayers[0]);
            if (end < start)
            {
                if (c.AckDirty)
                {
                    SendAck(c, now);
                }

                return;
            }

            start = Math.Max(start, end - PlayerInputLog<TInput>.Capacity + 1);
            int sentTo = start - 1;
            foreach (int p in _localPlayers)
            {
                sentTo = SendPlayerInputs(c, p, start, end, now, relay: false);
            }

            Network.InputsResent += Math.Max(0, Math.Min(sentTo, c.HighestSent) - start + 1);
            c.HighestSent = Math.Max(c.HighestSent, sentTo);
            c.AckDirty = false;
        }

        /// <summary>Sends one player's inputs of frames <paramref name="start"/> to <paramref name="end"/> in up to <c>SendWindow</c> datagrams.</summary>
        /// <returns>The last frame sent.</returns>
        private int SendPlayerInputs(PeerConnection c, int p, int start, int end, long now, bool relay)
        {
            int ack = AckFor(c);
            int frame = start;
            for (int d = 0; d < _sendWindow && frame <= end; d++)
            {
                int count = Math.Min(end - frame + 1, _maxBatch);
                for (int i = 0; i < count; i++)
                {
                    _scratch[i] = _inputs.Get(p, frame + i);
                }

                if (ProtocolCodec.TryEncodeInput<TInput>(c.Buffer, c.Envelope(), frame, ack, (byte)p, new ReadOnlySpan<TInput>(_scratch, 0, count), out int n))
                {
                    c.Send(n, now);
                }

                if (relay)
                {
                    Network.InputsRelayed += count;
                }

                frame += count;
            }

            return frame - 1;
        }

        private void SendAck(PeerConnection c, long now)
        {
            if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), new InputAck(AckFor(c)), out int n))
            {
                c.Send(n, now);
            }

            c.AckDirty = false;
        }

        /// <summary>Sends a spectator the confirmed frames it has not acknowledged, in a window of datagrams.</summary>
        private void SendConfirmedInputs(PeerConnection c, long now)
        {
            c.LastInputSentMs = now;
            int start = c.AckOfMine + 1;
            int end = LastConfirmedFrame;
            if (!_feed.Holds(start))
            {
                DropSpectator(c, DisconnectReason.TooFarBehind, now);
                return;
            }

            for (int d = 0; d < _sendWindow && start <= end; d++)
            {
                int count = Math.Min(end - start + 1, _maxConfirmedBatch);
                _feed.CopyTo(start, count, _scratch);
                if (ProtocolCodec.TryEncodeConfirmedInput<TInput>(c.Buffer, c.Envelope(), start, _playerCount, new ReadOnlySpan<TInput>(_scratch, 0, count * _playerCount), out int n))
                {
                    c.Send(n, now);
                }

                start += count;
            }
        }
    }
}
