namespace Rollback.Network
{
    /// <summary>Outcome of decoding a datagram. Everything but <see cref="Ok"/> means the datagram is dropped.</summary>
    public enum DecodeStatus : byte
    {
        /// <summary>A well-formed message.</summary>
        Ok = 0,

        /// <summary>Zero bytes.</summary>
        Empty = 1,

        /// <summary>Longer than <see cref="Protocol.MaxDatagramSize"/>.</summary>
        Oversized = 2,

        /// <summary>Shorter than <see cref="Protocol.HeaderSize"/>.</summary>
        TruncatedHeader = 3,

        /// <summary>The first byte is not <see cref="Protocol.Magic"/>: not ours.</summary>
        BadMagic = 4,

        /// <summary>Another protocol version.</summary>
        UnsupportedVersion = 5,

        /// <summary>An unknown message type.</summary>
        UnknownType = 6,

        /// <summary>A well-formed header with another session's id.</summary>
        WrongSession = 7,

        /// <summary>The body is shorter than its type and counts require.</summary>
        Truncated = 8,

        /// <summary>The body is longer than its type and counts require.</summary>
        TrailingBytes = 9,

        /// <summary>A field is out of range (a negative frame, a zero input size, an undefined enum value, a frame range that overflows).</summary>
        InvalidField = 10,
    }
}
