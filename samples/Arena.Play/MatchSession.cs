using System;
using Arena.Game;
using Rollback;

namespace Arena.Play
{
    /// <summary>Raised when the peers agreed that a player is gone from <paramref name="frame"/> on.</summary>
    public delegate void PlayerLeftHandler(int player, int frame);

    /// <summary>Raised when a confirmed frame's checksum differs between peers.</summary>
    public delegate void DesyncHandler(int frame, string report);

    /// <summary>
    /// What the game loop and the screen need from a player's or a spectator's session (made by <see cref="MatchSetup"/>):
    /// the loop's calls, the present state, and the figures of the status line.
    /// </summary>
    public abstract class MatchSession
    {
        /// <summary>The first desync seen.</summary>
        public event DesyncHandler? Desync;

        /// <summary>A player left or timed out.</summary>
        public event PlayerLeftHandler? PlayerLeft;

        /// <summary>The engine (confirmed-frame events, exporters, recorders attach here).</summary>
        public abstract IRollbackSession<ArenaState, Pad> Session { get; }

        /// <summary>This process's seat, or -1 for a spectator.</summary>
        public abstract int Seat { get; }

        /// <summary>The present state, maybe predicted.</summary>
        public abstract ArenaState State { get; }

        public abstract int CurrentFrame { get; }

        public abstract int LastConfirmedFrame { get; }

        /// <summary>The final frame once known (the frame limit, or the end of the last episode), else <see cref="int.MaxValue"/>.</summary>
        public abstract int FinalFrame { get; }

        /// <summary>Whether the handshake is done.</summary>
        public abstract bool IsRunning { get; }

        public abstract bool IsFinished { get; }

        public abstract long Rollbacks { get; }

        public abstract int MaxRollbackDepth { get; }

        public abstract long TimeSyncWaits { get; }

        /// <summary>The largest round trip to a connected peer in milliseconds, or -1 while unknown.</summary>
        public abstract int PingMs { get; }

        /// <summary>How many frames this process runs ahead (+) or behind (-) the peer furthest off.</summary>
        public abstract int FrameAdvantage { get; }

        /// <summary>Remote players (or, for a spectator, hosts) still connected.</summary>
        public abstract int ConnectedRemotePlayers { get; }

        /// <summary>Why the handshake is not complete, or <see langword="null"/>.</summary>
        public abstract string? HandshakeProblem();

        public abstract void Poll();

        /// <summary>Tries to simulate one frame with this seat's pad; false when the session asked to wait (nothing consumed).</summary>
        public abstract bool TryAdvance(Pad pad);

        /// <summary>Tells the peers this player leaves.</summary>
        public abstract void Leave();

        protected void RaiseDesync(int frame, string report) => Desync?.Invoke(frame, report);

        protected void RaisePlayerLeft(int player, int frame) => PlayerLeft?.Invoke(player, frame);
    }
}
