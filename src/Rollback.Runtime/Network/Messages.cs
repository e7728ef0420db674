namespace Rollback.Network
{
    /// <summary>Handshake request (<see cref="MessageType.SyncRequest"/>, 19-byte body).</summary>
    /// <param name="Nonce">A random value the reply must echo; it ties a reply to this request and tells restarts apart.</param>
    /// <param name="ConfigHash">A hash of everything peers must agree on (player count, input type, input delay, state schema).</param>
    /// <param name="InputSize">Size of one player's input in bytes, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
    /// <param name="PlayerCount">Number of players in the session, at least 1.</param>
    internal readonly record struct SyncRequest(ulong Nonce, ulong ConfigHash, ushort InputSize, byte PlayerCount);

    /// <summary>Handshake reply (<see cref="MessageType.SyncReply"/>, 17-byte body).</summary>
    /// <param name="EchoNonce">The <see cref="SyncRequest.Nonce"/> being answered.</param>
    /// <param name="ConfigHash">The replier's configuration hash.</param>
    /// <param name="Result">Whether the replier accepts.</param>
    internal readonly record struct SyncReply(ulong EchoNonce, ulong ConfigHash, SyncResult Result);

    /// <summary>
    /// The fixed part of an <see cref="MessageType.Input"/> message: one player's inputs for frames
    /// <see cref="StartFrame"/> to <see cref="StartFrame"/> + <see cref="Count"/> - 1, followed on the wire by
    /// <see cref="Count"/> × <see cref="InputSize"/> raw input bytes.
    /// </summary>
    /// <param name="StartFrame">The frame of the first input, at least 0.</param>
    /// <param name="AckFrame">The last frame the sender has received (contiguously) from the recipient, or <see cref="Protocol.NoFrame"/>.</param>
    /// <param name="Player">The player whose inputs these are.</param>
    /// <param name="InputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
    /// <param name="Count">Number of inputs (0 is allowed: an ack that carries no input).</param>
    internal readonly record struct InputBatch(int StartFrame, int AckFrame, byte Player, ushort InputSize, ushort Count);

    /// <summary>Acknowledgement (<see cref="MessageType.InputAck"/>, 4-byte body).</summary>
    /// <param name="AckFrame">The last frame received contiguously from the recipient, or <see cref="Protocol.NoFrame"/>.</param>
    internal readonly record struct InputAck(int AckFrame);

    /// <summary>Connection quality probe (<see cref="MessageType.QualityReport"/>, 16-byte body).</summary>
    /// <param name="Timestamp">The sender's clock in ticks when sent; echoed back in a <see cref="QualityReply"/>.</param>
    /// <param name="Frame">The sender's current frame, or <see cref="Protocol.NoFrame"/> before the first.</param>
    /// <param name="FrameAdvantage">How many frames the sender is ahead of the recipient as the sender sees it (negative: behind).</param>
    internal readonly record struct QualityReport(long Timestamp, int Frame, int FrameAdvantage);

    /// <summary>Answer to a quality probe (<see cref="MessageType.QualityReply"/>, 8-byte body).</summary>
    /// <param name="EchoTimestamp">The <see cref="QualityReport.Timestamp"/> being answered.</param>
    internal readonly record struct QualityReply(long EchoTimestamp);

    /// <summary>Checksum of a confirmed frame (<see cref="MessageType.ChecksumReport"/>, 12-byte body).</summary>
    /// <param name="Frame">The confirmed frame, at least 0.</param>
    /// <param name="Checksum">The checksum of that frame's canonical snapshot bytes.</param>
    internal readonly record struct ChecksumReport(int Frame, ulong Checksum);

    /// <summary>Acknowledges a checksum report (<see cref="MessageType.ChecksumAck"/>, 4-byte body).</summary>
    /// <param name="Frame">The frame of the report being acknowledged, at least 0.</param>
    internal readonly record struct ChecksumAck(int Frame);

    /// <summary>
    /// The fixed part of a <see cref="MessageType.PayloadChunk"/>: bytes <see cref="Offset"/> to <see cref="Offset"/> +
    /// <see cref="Length"/> - 1 of payload <see cref="Transfer"/>, which is <see cref="Total"/> bytes long; followed on the
    /// wire by the chunk bytes.
    /// </summary>
    /// <param name="Transfer">The sender's id of the payload.</param>
    /// <param name="Total">The payload's length, 0 to <see cref="Protocol.MaxPayloadSize"/>.</param>
    /// <param name="Offset">Where the chunk starts, at least 0.</param>
    /// <param name="Length">The chunk's length; <see cref="Offset"/> + <see cref="Length"/> is at most <see cref="Total"/>.</param>
    internal readonly record struct PayloadChunk(uint Transfer, int Total, int Offset, ushort Length);

    /// <summary>Acknowledges a payload's chunks (<see cref="MessageType.PayloadAck"/>, 8-byte body).</summary>
    /// <param name="Transfer">The payload's id.</param>
    /// <param name="Received">How many bytes from its start were received contiguously.</param>
    internal readonly record struct PayloadAck(uint Transfer, int Received);

    /// <summary>Disconnect notice (<see cref="MessageType.Disconnect"/>, 6-byte body).</summary>
    /// <param name="Player">The player who leaves.</param>
    /// <param name="Reason">Why.</param>
    /// <param name="Frame">The agreed frame from which that player's input is the default input on every peer, at least 0.</param>
    internal readonly record struct DisconnectNotice(byte Player, DisconnectReason Reason, int Frame);

    /// <summary>
    /// The fixed part of a <see cref="MessageType.ConfirmedInput"/> message: every player's confirmed inputs for
    /// <see cref="Count"/> frames from <see cref="StartFrame"/>, followed on the wire by
    /// <see cref="Count"/> × <see cref="PlayerCount"/> × <see cref="InputSize"/> bytes, frame-major (all players of
    /// the first frame, then all of the next).
    /// </summary>
    /// <param name="StartFrame">The first frame, at least 0.</param>
    /// <param name="PlayerCount">Players per frame, at least 1.</param>
    /// <param name="InputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
    /// <param name="Count">Number of frames.</param>
    internal readonly record struct ConfirmedInputBatch(int StartFrame, byte PlayerCount, ushort InputSize, ushort Count);
}
