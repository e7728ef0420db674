namespace Rollback
{
    /// <summary>Why a <see cref="PeerSession{TState, TInput}"/> dropped a datagram. Drops never throw and never change the simulation.</summary>
    public enum DropReason
    {
        /// <summary>The codec rejected it (see <see cref="NetworkStatistics.Decode"/> for the detail).</summary>
        Malformed = 0,

        /// <summary>A well-formed datagram of another session.</summary>
        WrongSession = 1,

        /// <summary>From an address that is neither a peer nor a spectator of this session.</summary>
        UnknownEndpoint = 2,

        /// <summary>The header's sender does not match the address it came from.</summary>
        WrongSender = 3,

        /// <summary>Anything but a handshake before the handshake with that peer.</summary>
        BeforeHandshake = 4,

        /// <summary>Inputs of a player the sender does not own (and may not relay), a local player, or with the wrong input size.</summary>
        InvalidInput = 5,

        /// <summary>Inputs too far ahead of what this peer has to be legal.</summary>
        OutOfWindow = 6,

        /// <summary>An input contradicting one already received for the same frame.</summary>
        ConflictingInput = 7,

        /// <summary>Inputs of a player after their agreed disconnect frame, or sent directly after the player was frozen.</summary>
        AfterDisconnect = 8,

        /// <summary>A message that makes no sense from that endpoint (a spectator sending inputs, a reply to no request).</summary>
        Unexpected = 9,

        /// <summary>A datagram whose header sequence number was already received from that endpoint (a network duplicate or a replay).</summary>
        Duplicate = 10,

        /// <summary>A datagram whose header sequence number is older than the receive window of that endpoint.</summary>
        Stale = 11,
    }
}
