namespace Rollback.Network
{
    /// <summary>Constants of the rollback wire protocol (see docs/protocol.md).</summary>
    internal static class Protocol
    {
        /// <summary>First byte of every datagram: <c>'R'</c> (0x52).</summary>
        public const byte Magic = 0x52;

        /// <summary>Second byte of every datagram: the protocol version this build speaks.</summary>
        public const byte Version = 1;

        /// <summary>Size of the header that opens every message.</summary>
        public const int HeaderSize = 16;

        /// <summary>
        /// Largest datagram the protocol sends or accepts: 1200 bytes, small enough to cross any path without IP
        /// fragmentation (the figure QUIC uses) and within the unreliable-message limits of Steam and EOS.
        /// </summary>
        public const int MaxDatagramSize = 1200;

        /// <summary>Largest size of one player's input for one frame, in bytes.</summary>
        public const int MaxInputSize = 1024;

        /// <summary>A frame field that names no frame (e.g. "nothing received yet" in an ack).</summary>
        public const int NoFrame = -1;

        /// <summary>The sender index of an endpoint that is not a player (a spectator, a lobby).</summary>
        public const byte NoPlayer = 255;

        /// <summary>Size of the fixed part of an <see cref="MessageType.Input"/> body (before the input bytes).</summary>
        public const int InputFixedSize = 13;

        /// <summary>Size of the fixed part of a <see cref="MessageType.PayloadChunk"/> body (before the chunk bytes).</summary>
        public const int PayloadChunkFixedSize = 14;

        /// <summary>Largest reliable payload, in bytes.</summary>
        public const int MaxPayloadSize = 16 * 1024 * 1024;

        /// <summary>Size of the fixed part of a <see cref="MessageType.ConfirmedInput"/> body (before the input bytes).</summary>
        public const int ConfirmedInputFixedSize = 9;

        /// <summary>
        /// Whether sequence number <paramref name="candidate"/> is newer than <paramref name="reference"/>, allowing
        /// for wrap-around (serial number arithmetic: newer means at most 2^31 - 1 ahead).
        /// </summary>
        /// <param name="candidate">A received sequence number.</param>
        /// <param name="reference">The newest one seen so far.</param>
        /// <returns>Whether <paramref name="candidate"/> is newer.</returns>
        public static bool IsNewer(uint candidate, uint reference) => (int)(candidate - reference) > 0;
    }

    /// <summary>The kind of a protocol message (byte 2 of the header).</summary>
    internal enum MessageType : byte
    {
        /// <summary>Not a message type; never on the wire.</summary>
        None = 0,

        /// <summary>Handshake request: a random nonce and the session configuration.</summary>
        SyncRequest = 1,

        /// <summary>Handshake reply: the request's nonce echoed, and whether the peer accepts.</summary>
        SyncReply = 2,

        /// <summary>A batch of one player's inputs for consecutive frames, plus an ack.</summary>
        Input = 3,

        /// <summary>Acknowledges inputs up to a frame.</summary>
        InputAck = 4,

        /// <summary>No content: keeps the connection (and NAT mappings) alive.</summary>
        KeepAlive = 5,

        /// <summary>Ping timestamp and the sender's frame and frame advantage.</summary>
        QualityReport = 6,

        /// <summary>Echoes a <see cref="QualityReport"/>'s timestamp so its sender can measure the round trip.</summary>
        QualityReply = 7,

        /// <summary>The checksum of a confirmed frame.</summary>
        ChecksumReport = 8,

        /// <summary>A player leaves (or is dropped) from an agreed frame on.</summary>
        Disconnect = 9,

        /// <summary>Every player's confirmed inputs for consecutive frames (to spectators).</summary>
        ConfirmedInput = 10,

        /// <summary>Acknowledges a <see cref="ChecksumReport"/> (so that reports are resent until they arrive).</summary>
        ChecksumAck = 11,

        /// <summary>One chunk of a reliable payload (a byte array larger than a datagram, sent in windows and resent until acknowledged).</summary>
        PayloadChunk = 12,

        /// <summary>Acknowledges the chunks of a payload received so far.</summary>
        PayloadAck = 13,
    }

    /// <summary>A peer's answer to a <see cref="MessageType.SyncRequest"/>.</summary>
    internal enum SyncResult : byte
    {
        /// <summary>The handshake is accepted.</summary>
        Accepted = 0,

        /// <summary>The configuration (hash, input size or player count) differs.</summary>
        ConfigMismatch = 1,

        /// <summary>No room for another peer.</summary>
        SessionFull = 2,

        /// <summary>Refused for another reason.</summary>
        Rejected = 3,

        /// <summary>The replier already runs the session with an earlier instance of the requester (it restarted); it cannot rejoin.</summary>
        SessionInProgress = 4,
    }
}
