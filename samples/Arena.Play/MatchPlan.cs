using System;
using System.Collections.Generic;
using Rollback.Network;

namespace Arena.Play
{
    /// <summary>What the lobby agreed: the session's identity and limits, who sits where, and this process's part in it.</summary>
    public sealed class MatchPlan
    {
        public MatchPlan(ulong sessionId, int players, int frames, int episodes, int inputDelay, int seat, PeerAddress[] seats, PeerAddress host)
        {
            SessionId = sessionId;
            Players = players;
            Frames = frames;
            Episodes = episodes;
            InputDelay = inputDelay;
            Seat = seat;
            Seats = seats;
            Host = host;
        }

        /// <summary>The session identity every peer uses.</summary>
        public ulong SessionId { get; }

        /// <summary>Players in the match (2 to 4).</summary>
        public int Players { get; }

        /// <summary>Frame limit, or 0.</summary>
        public int Frames { get; }

        /// <summary>Episode limit, or 0.</summary>
        public int Episodes { get; }

        /// <summary>Input delay in frames.</summary>
        public int InputDelay { get; }

        /// <summary>This process's seat (player index), or -1 for a spectator.</summary>
        public int Seat { get; }

        /// <summary>The address of each seat's process; <see cref="PeerAddress.None"/> for this process's own seat.</summary>
        public IReadOnlyList<PeerAddress> Seats { get; }

        /// <summary>The host's address (<see cref="PeerAddress.None"/> on the host itself).</summary>
        public PeerAddress Host { get; }

        /// <summary>Spectators the host serves (host only).</summary>
        public List<PeerAddress> Spectators { get; } = new List<PeerAddress>();

        /// <summary>Whether this process watches rather than plays.</summary>
        public bool IsSpectator => Seat < 0;

        /// <summary>A one-line description of the limit, e.g. "3 rounds" or "600 frames".</summary>
        public string Limit => Frames > 0 ? FormattableString.Invariant($"{Frames} frames") : FormattableString.Invariant($"{Episodes} rounds");
    }
}
