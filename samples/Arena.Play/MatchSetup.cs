using System;
using System.Collections.Generic;
using Arena.Game;
using Rollback;
using Rollback.Network;

namespace Arena.Play
{
    /// <summary>
    /// Every use of the peer-to-peer API in this game: the session options, the construction of the player's
    /// <see cref="PeerSession{TState, TInput}"/> or the spectator's <see cref="SpectatorSession{TState, TInput}"/>, and the
    /// figures and events the screen shows. The rest of the game talks to <see cref="MatchSession"/> only.
    /// </summary>
    public static class MatchSetup
    {
        /// <summary>Simulation steps per second on the wall clock.</summary>
        public const int FramesPerSecond = 60;

        /// <summary>Frames the session may run ahead of the earliest missing remote input.</summary>
        public const int PredictionWindow = 8;

        /// <summary>A peer silent this long is dropped (its player continues with the default input on every peer).</summary>
        public const int DisconnectTimeoutMs = 3000;

        /// <summary>Identifies this game's rules and input layout in the handshake.</summary>
        public const ulong GameHash = 0xA4E7A9_1A7_0001UL;

        /// <summary>Creates this process's session for the agreed plan.</summary>
        public static MatchSession Create(MatchPlan plan, IDatagramTransport transport)
        {
            PeerSessionOptions<Pad> options = Options(plan);
            if (plan.IsSpectator)
            {
                var spectator = new SpectatorSession<ArenaState, Pad>(new ArenaPlayRules(), () => ArenaSetup.NewState(plan.Players), transport, plan.Host, options);
                return new SpectatorMatch(spectator);
            }

            for (int seat = 0; seat < plan.Players; seat++)
            {
                if (seat == plan.Seat)
                {
                    options.AddLocalPlayer(seat);
                }
                else
                {
                    options.AddRemotePlayer(seat, plan.Seats[seat]);
                }
            }

            foreach (PeerAddress spectator in plan.Spectators)
            {
                options.AddSpectator(spectator);
            }

            return new PlayerMatch(new PeerSession<ArenaState, Pad>(new ArenaPlayRules(), () => ArenaSetup.NewState(plan.Players), transport, options), plan.Seat);
        }

        private static PeerSessionOptions<Pad> Options(MatchPlan plan) => new PeerSessionOptions<Pad>
        {
            PlayerCount = plan.Players,
            SessionId = plan.SessionId,
            InputDelay = plan.InputDelay,
            PredictionWindow = PredictionWindow,
            FrameCount = plan.Frames,
            Episodes = plan.Episodes,
            FramesPerSecond = FramesPerSecond,
            Timing = { DisconnectTimeout = TimeSpan.FromMilliseconds(DisconnectTimeoutMs) },
            GameHash = GameHash,
        };

        private sealed class PlayerMatch : MatchSession
        {
            private readonly PeerSession<ArenaState, Pad> _session;
            private readonly Pad[] _local = new Pad[1];

            public PlayerMatch(PeerSession<ArenaState, Pad> session, int seat)
            {
                _session = session;
                Seat = seat;
                session.DesyncDetected += (in PeerDesync d) => RaiseDesync(d.Frame, $"DESYNC at frame {d.Frame}: our checksum {d.LocalChecksum:x16}, player {d.RemotePlayer + 1}'s {d.RemoteChecksum:x16}");
                session.PlayerDisconnected += (player, frame) => RaisePlayerLeft(player, frame);
            }

            public override IRollbackSession<ArenaState, Pad> Session => _session;

            public override int Seat { get; }

            public override ArenaState State => _session.State;

            public override int CurrentFrame => _session.CurrentFrame;

            public override int LastConfirmedFrame => _session.LastConfirmedFrame;

            public override int FinalFrame => _session.FinalFrame;

            public override bool IsRunning => _session.SessionState != PeerSessionState.Synchronizing;

            public override bool IsFinished => _session.IsFinished;

            public override long Rollbacks => _session.Statistics.Rollbacks;

            public override int MaxRollbackDepth => _session.Statistics.MaxRollbackDepth;

            public override long TimeSyncWaits => _session.Network.TimeSyncWaits;

            public override int PingMs
            {
                get
                {
                    int ping = -1;
                    foreach (RemotePeerStatistics peer in _session.GetAllPeerStatistics())
                    {
                        if (peer.FirstPlayer >= 0 && !peer.Disconnected)
                        {
                            ping = Math.Max(ping, peer.RoundTripMs);
                        }
                    }

                    return ping;
                }
            }

            public override int FrameAdvantage
            {
                get
                {
                    int advantage = 0;
                    foreach (RemotePeerStatistics peer in _session.GetAllPeerStatistics())
                    {
                        if (peer.FirstPlayer >= 0 && !peer.Disconnected && Math.Abs(peer.LocalFrameAdvantage) > Math.Abs(advantage))
                        {
                            advantage = peer.LocalFrameAdvantage;
                        }
                    }

                    return advantage;
                }
            }

            public override int ConnectedRemotePlayers
            {
                get
                {
                    int connected = 0;
                    for (int p = 0; p < _session.PlayerCount; p++)
                    {
                        if (p != Seat && _session.DisconnectFrameOf(p) == int.MaxValue)
                        {
                            connected++;
                        }
                    }

                    return connected;
                }
            }

            public override string? HandshakeProblem()
            {
                var problems = new List<string>();
                foreach (RemotePeerStatistics peer in _session.GetAllPeerStatistics())
                {
                    string who = peer.FirstPlayer >= 0 ? $"player {peer.FirstPlayer + 1} at {peer.Address}" : $"spectator at {peer.Address}";
                    if (peer.Rejected)
                    {
                        return $"{who} refused the handshake: its session settings or game version differ from ours";
                    }

                    if (!peer.Synchronized)
                    {
                        problems.Add(who);
                    }
                }

                return problems.Count == 0 ? null : "no handshake with " + string.Join(", ", problems);
            }

            public override void Poll() => _session.Poll();

            public override bool TryAdvance(Pad pad)
            {
                _local[0] = pad;
                return _session.AdvanceFrame(_local) == Advance.Simulated;
            }

            public override void Leave() => _session.Leave();
        }

        private sealed class SpectatorMatch : MatchSession
        {
            private readonly SpectatorSession<ArenaState, Pad> _session;

            public SpectatorMatch(SpectatorSession<ArenaState, Pad> session) => _session = session;

            public override IRollbackSession<ArenaState, Pad> Session => _session;

            public override int Seat => -1;

            public override ArenaState State => _session.State;

            public override int CurrentFrame => _session.CurrentFrame;

            public override int LastConfirmedFrame => _session.LastConfirmedFrame;

            public override int FinalFrame => _session.FinalFrame;

            public override bool IsRunning => _session.IsSynchronized;

            public override bool IsFinished => _session.IsFinished;

            public override long Rollbacks => 0;

            public override int MaxRollbackDepth => 0;

            public override long TimeSyncWaits => 0;

            public override int PingMs => -1;

            public override int FrameAdvantage => -_session.FramesBehind;

            public override int ConnectedRemotePlayers => _session.Failure.HasFailed ? 0 : 1;

            public override string? HandshakeProblem() => _session.IsSynchronized ? null : "no handshake with the host";

            public override void Poll() => _session.Poll();

            // A spectator follows the confirmed inputs; when it lags it catches up a few frames per step.
            public override bool TryAdvance(Pad pad)
            {
                bool any = false;
                for (int k = 0; k < (_session.FramesBehind > 4 ? 3 : 1) && _session.AdvanceFrame() == Advance.Simulated; k++)
                {
                    any = true;
                }

                return any;
            }

            public override void Leave()
            {
            }
        }
    }
}
