using System.Globalization;
using Rollback.Network;

namespace Rollback
{
    /// <summary>Why a peer or spectator session failed (see <see cref="SessionFailure"/>).</summary>
    public enum SessionFailureReason
    {
        /// <summary>The session has not failed.</summary>
        None = 0,

        /// <summary>A remote peer's configuration differs (player count, input size, frame or episode limit, default input or game hash): the session never starts.</summary>
        ConfigurationMismatch = 1,

        /// <summary>A remote peer (or the host) did not answer the handshake within <see cref="PeerTimingOptions.HandshakeTimeout"/>.</summary>
        HandshakeTimedOut = 2,

        /// <summary>The remote peer already runs this session with an earlier instance of this process (same session id, restarted): it cannot be rejoined.</summary>
        SessionInProgress = 3,

        /// <summary>A spectator's host fell silent for <see cref="PeerTimingOptions.DisconnectTimeout"/>.</summary>
        HostTimedOut = 4,

        /// <summary>A spectator fell further behind than its host keeps history for; the host stopped serving it.</summary>
        TooFarBehind = 5,

        /// <summary>The remote endpoint refused the handshake for another reason.</summary>
        Refused = 6,

        /// <summary>
        /// The other peers disconnected this peer's players (it was silent for <see cref="PeerTimingOptions.DisconnectTimeout"/>,
        /// e.g. a stalled process or a long partition). Its rows from the agreed disconnect frame on are not the session's.
        /// </summary>
        DisconnectedByPeers = 7,
    }

    /// <summary>A failed session: why, and which remote endpoint the failure concerns.</summary>
    public readonly struct SessionFailure
    {
        internal SessionFailure(SessionFailureReason reason, PeerAddress remote)
        {
            Reason = reason;
            Remote = remote;
        }

        /// <summary>Why the session failed.</summary>
        public SessionFailureReason Reason { get; }

        /// <summary>The remote endpoint concerned.</summary>
        public PeerAddress Remote { get; }

        /// <summary>Whether this describes a failure (<see cref="Reason"/> is not <see cref="SessionFailureReason.None"/>).</summary>
        public bool HasFailed => Reason != SessionFailureReason.None;

        /// <summary>A sentence for logs and players.</summary>
        public string Message => Reason switch
        {
            SessionFailureReason.None => "The session has not failed.",
            SessionFailureReason.ConfigurationMismatch => string.Format(CultureInfo.InvariantCulture, "The peer at {0} has a different session configuration (players, input size, limits, default input or game hash).", Remote),
            SessionFailureReason.HandshakeTimedOut => string.Format(CultureInfo.InvariantCulture, "The peer at {0} did not answer the handshake in time.", Remote),
            SessionFailureReason.SessionInProgress => string.Format(CultureInfo.InvariantCulture, "The peer at {0} already runs this session with an earlier instance of this peer; it cannot be rejoined.", Remote),
            SessionFailureReason.HostTimedOut => string.Format(CultureInfo.InvariantCulture, "The host at {0} fell silent.", Remote),
            SessionFailureReason.TooFarBehind => string.Format(CultureInfo.InvariantCulture, "The host at {0} no longer keeps the frames this spectator needs.", Remote),
            SessionFailureReason.DisconnectedByPeers => string.Format(CultureInfo.InvariantCulture, "The peer at {0} disconnected this peer's players: this peer was silent too long.", Remote),
            _ => string.Format(CultureInfo.InvariantCulture, "The peer at {0} refused the handshake.", Remote),
        };

        /// <inheritdoc />
        public override string ToString() => Reason + ": " + Message;
    }

    /// <summary>Raised once when a session fails.</summary>
    /// <param name="failure">Why, and which endpoint.</param>
    public delegate void SessionFailedHandler(in SessionFailure failure);
}
