using System;
using Rollback.Network;

namespace Rollback
{
    /// <content>Connections, disconnects and failure: timeouts, the disconnect agreement, the end condition.</content>
    public sealed partial class PeerSession<TState, TInput>
    {
        private void TickConnections(long now)
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                PeerConnection c = _connections[i];
                switch (c.Tick(now, _engine.CurrentFrame))
                {
                    case ConnectionAlarm.Failed:
                        Fail(c.Failure, c.Address);
                        return;
                    case ConnectionAlarm.TimedOut:
                        if (c.IsSpectator)
                        {
                            DropSpectator(c, DisconnectReason.TimedOut, now);
                        }
                        else if (FinalConfirmed)
                        {
                            c.IsDone = true; // nothing is missing: a silent peer after the end is not a disconnect
                        }
                        else
                        {
                            Drop(c, DisconnectReason.TimedOut, now);
                        }

                        break;
                }
            }
        }

        /// <summary>Drops a peer: freezes its players and starts the disconnect agreement for them.</summary>
        private void Drop(PeerConnection c, DisconnectReason reason, long now)
        {
            if (c.IsSpectator)
            {
                DropSpectator(c, reason, now);
                return;
            }

            if (c.State == ConnectionState.Disconnected)
            {
                return;
            }

            c.Disconnect(reason);
            _agreement.Freeze(c, reason);
            SendNotices(now);
            TellDropped(c, now, force: true);
            TryAgreeDisconnects();
        }

        /// <summary>
        /// Tells a dropped peer (not one that left) that its players are disconnected, so it fails with
        /// <see cref="SessionFailureReason.DisconnectedByPeers"/> instead of playing on alone: when dropping it, and again
        /// (at most once per resend interval) whenever it is heard from afterwards.
        /// </summary>
        private void TellDropped(PeerConnection c, long now, bool force)
        {
            if (c.IsSpectator || c.DisconnectReason == DisconnectReason.Left || c.DisconnectReason == DisconnectReason.Restarted
                || (!force && now - _toldDroppedMs[c.Index] < _resendMs))
            {
                return;
            }

            _toldDroppedMs[c.Index] = now;
            for (int p = 0; p < _playerCount; p++)
            {
                if (_owner[p] != c.Index)
                {
                    continue;
                }

                var notice = new DisconnectNotice((byte)p, c.DisconnectReason, Math.Max(0, _agreement.AgreedFrame(p) == int.MaxValue ? _inputs.Known(p) + 1 : _agreement.AgreedFrame(p)));
                for (int copy = 0; copy < (force ? 3 : 1); copy++)
                {
                    if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), notice, out int n))
                    {
                        c.Send(n, now);
                    }
                }
            }
        }

        private void DropSpectator(PeerConnection c, DisconnectReason reason, long now)
        {
            bool wasRunning = c.IsRunning;
            c.Disconnect(reason);
            if (wasRunning && reason == DisconnectReason.TooFarBehind)
            {
                var notice = new DisconnectNotice(Protocol.NoPlayer, reason, Math.Max(0, LastConfirmedFrame));
                for (int copy = 0; copy < 3; copy++)
                {
                    if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), notice, out int n))
                    {
                        c.Send(n, now);
                    }
                }
            }

            SpectatorDropped?.Invoke(c.Address, reason);
        }

        /// <summary>Applies every disconnect the live voters agree on, once this peer holds every input before the agreed frame.</summary>
        private void TryAgreeDisconnects()
        {
            for (int p = 0; p < _playerCount; p++)
            {
                if (!_agreement.TryAgree(p, _inputs.Known(p) + 1, _connections, out int frame) || _inputs.Known(p) < frame - 1)
                {
                    continue;
                }

                _agreement.Apply(p, frame);
                _engine.SetDisconnected(p, frame);
                PlayerDisconnected?.Invoke(p, frame);
            }
        }

        private void Fail(SessionFailureReason reason, in PeerAddress remote)
        {
            if (_failure.HasFailed)
            {
                return;
            }

            _failure = new SessionFailure(reason, remote);
            SessionFailed?.Invoke(in _failure);
        }

        private bool AllRemotesDone()
        {
            int final = _end.FinalFrame;
            for (int i = 0; i < _connections.Length; i++)
            {
                PeerConnection c = _connections[i];
                if (c.IsDone || c.State == ConnectionState.Disconnected || c.State == ConnectionState.Failed)
                {
                    continue;
                }

                bool done = c.IsSpectator
                    ? c.AckOfMine >= final
                    : _checksums.HighestReported(c.Index) >= final || _localPlayers.Length == 0 || c.AckOfMine >= final;
                if (!done)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
