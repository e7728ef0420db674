using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rollback.Network
{
    /// <summary>
    /// Encodes and decodes protocol messages in the compact little-endian format of docs/protocol.md. Nothing here
    /// allocates. Decoding never throws: any byte sequence yields a <see cref="DecodeStatus"/>.
    /// </summary>
    /// <remarks>
    /// Encoding validates its arguments the way decoding does and throws <see cref="ArgumentOutOfRangeException"/>
    /// for a value the decoder would reject (a programming error), so whatever encodes, decodes. It returns false,
    /// writing nothing, when the destination is too short.
    /// </remarks>
    internal static class ProtocolCodec
    {
        /// <summary>Body size of a <see cref="MessageType.SyncRequest"/>.</summary>
        public const int SyncRequestSize = 19;

        /// <summary>Body size of a <see cref="MessageType.SyncReply"/>.</summary>
        public const int SyncReplySize = 17;

        /// <summary>Body size of an <see cref="MessageType.InputAck"/>.</summary>
        public const int InputAckSize = 4;

        /// <summary>Body size of a <see cref="MessageType.QualityReport"/>.</summary>
        public const int QualityReportSize = 16;

        /// <summary>Body size of a <see cref="MessageType.QualityReply"/>.</summary>
        public const int QualityReplySize = 8;

        /// <summary>Body size of a <see cref="MessageType.ChecksumReport"/>.</summary>
        public const int ChecksumReportSize = 12;

        /// <summary>Body size of a <see cref="MessageType.ChecksumAck"/>.</summary>
        public const int ChecksumAckSize = 4;

        /// <summary>Body size of a <see cref="MessageType.PayloadAck"/>.</summary>
        public const int PayloadAckSize = 8;

        /// <summary>Most payload bytes in one <see cref="MessageType.PayloadChunk"/> datagram.</summary>
        public const int MaxChunkSize = Protocol.MaxDatagramSize - Protocol.HeaderSize - Protocol.PayloadChunkFixedSize;

        /// <summary>Body size of a <see cref="MessageType.Disconnect"/>.</summary>
        public const int DisconnectSize = 6;

        private const MessageType LastType = MessageType.PayloadAck;

        /// <summary>Most inputs of <paramref name="inputSize"/> bytes that fit in one <see cref="MessageType.Input"/> datagram.</summary>
        /// <param name="inputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
        /// <returns>The count (at most 65535).</returns>
        public static int MaxInputsPerDatagram(int inputSize) => MaxInputsPerDatagram(inputSize, Protocol.MaxDatagramSize);

        /// <summary>
        /// Most inputs of <paramref name="inputSize"/> bytes that fit in one <see cref="MessageType.Input"/> datagram of at
        /// most <paramref name="maxDatagramSize"/> bytes, for a transport with a smaller limit than the protocol's
        /// (EOS P2P: 1170).
        /// </summary>
        /// <param name="inputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
        /// <param name="maxDatagramSize">The transport's limit, at most <see cref="Protocol.MaxDatagramSize"/>.</param>
        /// <returns>The count; 0 when not even one input fits.</returns>
        public static int MaxInputsPerDatagram(int inputSize, int maxDatagramSize)
        {
            CheckInputSize(inputSize);
            int room = CheckDatagramSize(maxDatagramSize) - Protocol.HeaderSize - Protocol.InputFixedSize;
            return room <= 0 ? 0 : Math.Min(ushort.MaxValue, room / inputSize);
        }

        /// <summary>Most frames that fit in one <see cref="MessageType.ConfirmedInput"/> datagram.</summary>
        /// <param name="playerCount">Players per frame, 1 to 255.</param>
        /// <param name="inputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
        /// <returns>The count; 0 when not even one frame fits.</returns>
        public static int MaxConfirmedFramesPerDatagram(int playerCount, int inputSize) =>
            MaxConfirmedFramesPerDatagram(playerCount, inputSize, Protocol.MaxDatagramSize);

        /// <summary>Most frames that fit in one <see cref="MessageType.ConfirmedInput"/> datagram of at most <paramref name="maxDatagramSize"/> bytes.</summary>
        /// <param name="playerCount">Players per frame, 1 to 255.</param>
        /// <param name="inputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
        /// <param name="maxDatagramSize">The transport's limit, at most <see cref="Protocol.MaxDatagramSize"/>.</param>
        /// <returns>The count; 0 when not even one frame fits.</returns>
        public static int MaxConfirmedFramesPerDatagram(int playerCount, int inputSize, int maxDatagramSize)
        {
            CheckInputSize(inputSize);
            CheckPlayerCount(playerCount);
            int room = CheckDatagramSize(maxDatagramSize) - Protocol.HeaderSize - Protocol.ConfirmedInputFixedSize;
            return room <= 0 ? 0 : Math.Min(ushort.MaxValue, room / (playerCount * inputSize));
        }

        /// <summary>Encodes a <see cref="MessageType.SyncRequest"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in SyncRequest body, out int written)
        {
            CheckInputSize(body.InputSize);
            CheckPlayerCount(body.PlayerCount);
            if (!Begin(destination, MessageType.SyncRequest, envelope, SyncRequestSize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(b, body.Nonce);
            BinaryPrimitives.WriteUInt64LittleEndian(b.Slice(8), body.ConfigHash);
            BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(16), body.InputSize);
            b[18] = body.PlayerCount;
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.SyncReply"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in SyncReply body, out int written)
        {
            if ((byte)body.Result > (byte)SyncResult.SessionInProgress)
            {
                throw new ArgumentOutOfRangeException(nameof(body), body.Result, "Undefined sync result.");
            }

            if (!Begin(destination, MessageType.SyncReply, envelope, SyncReplySize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(b, body.EchoNonce);
            BinaryPrimitives.WriteUInt64LittleEndian(b.Slice(8), body.ConfigHash);
            b[16] = (byte)body.Result;
            return true;
        }

        /// <summary>Encodes an <see cref="MessageType.InputAck"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in InputAck body, out int written)
        {
            CheckFrameOrNone(body.AckFrame, nameof(body));
            if (!Begin(destination, MessageType.InputAck, envelope, InputAckSize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt32LittleEndian(b, body.AckFrame);
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.ChecksumAck"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in ChecksumAck body, out int written)
        {
            if (body.Frame < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(body), body.Frame, "The frame must not be negative.");
            }

            if (!Begin(destination, MessageType.ChecksumAck, envelope, ChecksumAckSize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt32LittleEndian(b, body.Frame);
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.PayloadChunk"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="transfer">The payload's id.</param>
        /// <param name="total">The payload's length.</param>
        /// <param name="offset">Where the chunk starts.</param>
        /// <param name="chunk">The chunk's bytes.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncodePayloadChunk(Span<byte> destination, in MessageEnvelope envelope, uint transfer, int total, int offset, ReadOnlySpan<byte> chunk, out int written)
        {
            if (total < 0 || total > Protocol.MaxPayloadSize || offset < 0 || chunk.Length > MaxChunkSize || (long)offset + chunk.Length > total)
            {
                throw new ArgumentOutOfRangeException(nameof(chunk), "The chunk must lie inside a payload of at most MaxPayloadSize bytes and fit in a datagram.");
            }

            if (!Begin(destination, MessageType.PayloadChunk, envelope, Protocol.PayloadChunkFixedSize + chunk.Length, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(b, transfer);
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(4), total);
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(8), offset);
            BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(12), (ushort)chunk.Length);
            chunk.CopyTo(b.Slice(Protocol.PayloadChunkFixedSize));
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.PayloadAck"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in PayloadAck body, out int written)
        {
            if (body.Received < 0 || body.Received > Protocol.MaxPayloadSize)
            {
                throw new ArgumentOutOfRangeException(nameof(body), body.Received, "Received must be between 0 and MaxPayloadSize.");
            }

            if (!Begin(destination, MessageType.PayloadAck, envelope, PayloadAckSize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(b, body.Transfer);
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(4), body.Received);
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.KeepAlive"/> (a header and no body).</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncodeKeepAlive(Span<byte> destination, in MessageEnvelope envelope, out int written) =>
            Begin(destination, MessageType.KeepAlive, envelope, 0, out _, out written);

        /// <summary>Encodes a <see cref="MessageType.QualityReport"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in QualityReport body, out int written)
        {
            CheckFrameOrNone(body.Frame, nameof(body));
            if (!Begin(destination, MessageType.QualityReport, envelope, QualityReportSize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt64LittleEndian(b, body.Timestamp);
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(8), body.Frame);
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(12), body.FrameAdvantage);
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.QualityReply"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in QualityReply body, out int written)
        {
            if (!Begin(destination, MessageType.QualityReply, envelope, QualityReplySize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt64LittleEndian(b, body.EchoTimestamp);
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.ChecksumReport"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in ChecksumReport body, out int written)
        {
            CheckFrame(body.Frame, nameof(body));
            if (!Begin(destination, MessageType.ChecksumReport, envelope, ChecksumReportSize, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt32LittleEndian(b, body.Frame);
            BinaryPrimitives.WriteUInt64LittleEndian(b.Slice(4), body.Checksum);
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.Disconnect"/>.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="body">The body.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncode(Span<byte> destination, in MessageEnvelope envelope, in DisconnectNotice body, out int written)
        {
            CheckFrame(body.Frame, nameof(body));
            if ((byte)body.Reason > (byte)DisconnectReason.TooFarBehind)
            {
                throw new ArgumentOutOfRangeException(nameof(body), body.Reason, "Undefined disconnect reason.");
            }

            if (!Begin(destination, MessageType.Disconnect, envelope, DisconnectSize, out Span<byte> b, out written))
            {
                return false;
            }

            b[0] = body.Player;
            b[1] = (byte)body.Reason;
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(2), body.Frame);
            return true;
        }

        /// <summary>Encodes an <see cref="MessageType.Input"/> message from raw input bytes.</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="startFrame">Frame of the first input, at least 0.</param>
        /// <param name="ackFrame">Last frame received from the recipient, or <see cref="Protocol.NoFrame"/>.</param>
        /// <param name="player">The player whose inputs these are.</param>
        /// <param name="inputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
        /// <param name="inputBytes">A whole number of inputs, at most <see cref="MaxInputsPerDatagram(int)"/>.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A value is out of range, or the inputs do not fit in one datagram.</exception>
        public static bool TryEncodeInput(
            Span<byte> destination,
            in MessageEnvelope envelope,
            int startFrame,
            int ackFrame,
            byte player,
            int inputSize,
            ReadOnlySpan<byte> inputBytes,
            out int written)
        {
            CheckFrame(startFrame, nameof(startFrame));
            CheckFrameOrNone(ackFrame, nameof(ackFrame));
            int count = CheckInputs(inputSize, 1, inputBytes.Length, MaxInputsPerDatagram(inputSize));
            CheckFrameRange(startFrame, count);
            if (!Begin(destination, MessageType.Input, envelope, Protocol.InputFixedSize + inputBytes.Length, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt32LittleEndian(b, startFrame);
            BinaryPrimitives.WriteInt32LittleEndian(b.Slice(4), ackFrame);
            b[8] = player;
            BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(9), (ushort)inputSize);
            BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(11), (ushort)count);
            inputBytes.CopyTo(b.Slice(Protocol.InputFixedSize));
            return true;
        }

        /// <summary>Encodes an <see cref="MessageType.Input"/> message from typed inputs (their in-memory bytes).</summary>
        /// <typeparam name="TInput">An unmanaged input type of at most <see cref="Protocol.MaxInputSize"/> bytes.</typeparam>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="startFrame">Frame of the first input, at least 0.</param>
        /// <param name="ackFrame">Last frame received from the recipient, or <see cref="Protocol.NoFrame"/>.</param>
        /// <param name="player">The player whose inputs these are.</param>
        /// <param name="inputs">The inputs, at most <see cref="MaxInputsPerDatagram(int)"/>.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncodeInput<TInput>(
            Span<byte> destination,
            in MessageEnvelope envelope,
            int startFrame,
            int ackFrame,
            byte player,
            ReadOnlySpan<TInput> inputs,
            out int written)
            where TInput : unmanaged =>
            TryEncodeInput(destination, envelope, startFrame, ackFrame, player, Unsafe.SizeOf<TInput>(), MemoryMarshal.AsBytes(inputs), out written);

        /// <summary>Encodes a <see cref="MessageType.ConfirmedInput"/> message from raw input bytes (frame-major).</summary>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="startFrame">The first frame, at least 0.</param>
        /// <param name="playerCount">Players per frame, 1 to 255.</param>
        /// <param name="inputSize">Bytes per input, 1 to <see cref="Protocol.MaxInputSize"/>.</param>
        /// <param name="inputBytes">A whole number of frames of <paramref name="playerCount"/> inputs each.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A value is out of range, or the inputs do not fit in one datagram.</exception>
        public static bool TryEncodeConfirmedInput(
            Span<byte> destination,
            in MessageEnvelope envelope,
            int startFrame,
            int playerCount,
            int inputSize,
            ReadOnlySpan<byte> inputBytes,
            out int written)
        {
            CheckFrame(startFrame, nameof(startFrame));
            int count = CheckInputs(inputSize, playerCount, inputBytes.Length, MaxConfirmedFramesPerDatagram(playerCount, inputSize));
            CheckFrameRange(startFrame, count);
            if (!Begin(destination, MessageType.ConfirmedInput, envelope, Protocol.ConfirmedInputFixedSize + inputBytes.Length, out Span<byte> b, out written))
            {
                return false;
            }

            BinaryPrimitives.WriteInt32LittleEndian(b, startFrame);
            b[4] = (byte)playerCount;
            BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(5), (ushort)inputSize);
            BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(7), (ushort)count);
            inputBytes.CopyTo(b.Slice(Protocol.ConfirmedInputFixedSize));
            return true;
        }

        /// <summary>Encodes a <see cref="MessageType.ConfirmedInput"/> message from typed inputs (frame-major).</summary>
        /// <typeparam name="TInput">An unmanaged input type.</typeparam>
        /// <param name="destination">Where to write.</param>
        /// <param name="envelope">Session, sender, sequence.</param>
        /// <param name="startFrame">The first frame, at least 0.</param>
        /// <param name="playerCount">Players per frame, 1 to 255.</param>
        /// <param name="inputs">A whole number of frames of <paramref name="playerCount"/> inputs each.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryEncodeConfirmedInput<TInput>(
            Span<byte> destination,
            in MessageEnvelope envelope,
            int startFrame,
            int playerCount,
            ReadOnlySpan<TInput> inputs,
            out int written)
            where TInput : unmanaged =>
            TryEncodeConfirmedInput(destination, envelope, startFrame, playerCount, Unsafe.SizeOf<TInput>(), MemoryMarshal.AsBytes(inputs), out written);

        /// <summary>Decodes a datagram from any session. Never throws.</summary>
        /// <param name="datagram">The received bytes.</param>
        /// <param name="message">The message when the result is <see cref="DecodeStatus.Ok"/>; otherwise default.</param>
        /// <returns>The outcome.</returns>
        public static DecodeStatus Decode(ReadOnlySpan<byte> datagram, out ProtocolMessage message) =>
            Decode(datagram, 0, false, out message);

        /// <summary>
        /// Decodes a datagram of session <paramref name="expectedSessionId"/>. Never throws. A structurally valid header
        /// with another session id gives <see cref="DecodeStatus.WrongSession"/> without looking at the body.
        /// </summary>
        /// <param name="datagram">The received bytes.</param>
        /// <param name="expectedSessionId">The session this endpoint belongs to.</param>
        /// <param name="message">The message when the result is <see cref="DecodeStatus.Ok"/>; otherwise default.</param>
        /// <returns>The outcome.</returns>
        public static DecodeStatus Decode(ReadOnlySpan<byte> datagram, ulong expectedSessionId, out ProtocolMessage message) =>
            Decode(datagram, expectedSessionId, true, out message);

        /// <summary>Decodes and checks only the 16-byte header (magic, version, type, size limits). Never throws.</summary>
        /// <param name="datagram">The received bytes.</param>
        /// <param name="header">The header when the result is <see cref="DecodeStatus.Ok"/>.</param>
        /// <returns>The outcome.</returns>
        public static DecodeStatus DecodeHeader(ReadOnlySpan<byte> datagram, out MessageHeader header)
        {
            header = default;
            if (datagram.Length == 0)
            {
                return DecodeStatus.Empty;
            }

            if (datagram.Length > Protocol.MaxDatagramSize)
            {
                return DecodeStatus.Oversized;
            }

            if (datagram.Length < Protocol.HeaderSize)
            {
                return DecodeStatus.TruncatedHeader;
            }

            if (datagram[0] != Protocol.Magic)
            {
                return DecodeStatus.BadMagic;
            }

            if (datagram[1] != Protocol.Version)
            {
                return DecodeStatus.UnsupportedVersion;
            }

            byte type = datagram[2];
            if (type == 0 || type > (byte)LastType)
            {
                return DecodeStatus.UnknownType;
            }

            var envelope = new MessageEnvelope(
                BinaryPrimitives.ReadUInt64LittleEndian(datagram.Slice(4, 8)),
                datagram[3],
                BinaryPrimitives.ReadUInt32LittleEndian(datagram.Slice(12, 4)));
            header = new MessageHeader(datagram[1], (MessageType)type, envelope);
            return DecodeStatus.Ok;
        }

        private static DecodeStatus Decode(ReadOnlySpan<byte> datagram, ulong expectedSessionId, bool checkSession, out ProtocolMessage message)
        {
            message = default;
            DecodeStatus status = DecodeHeader(datagram, out MessageHeader header);
            if (status != DecodeStatus.Ok)
            {
                return status;
            }

            if (checkSession && header.SessionId != expectedSessionId)
            {
                return DecodeStatus.WrongSession;
            }

            ReadOnlySpan<byte> b = datagram.Slice(Protocol.HeaderSize);
            switch (header.Type)
            {
                case MessageType.SyncRequest:
                {
                    if ((status = FixedLength(b, SyncRequestSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    var body = new SyncRequest(
                        BinaryPrimitives.ReadUInt64LittleEndian(b),
                        BinaryPrimitives.ReadUInt64LittleEndian(b.Slice(8)),
                        BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(16)),
                        b[18]);
                    if (!ValidInputSize(body.InputSize) || body.PlayerCount == 0)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, body);
                    return DecodeStatus.Ok;
                }

                case MessageType.SyncReply:
                {
                    if ((status = FixedLength(b, SyncReplySize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    if (b[16] > (byte)SyncResult.SessionInProgress)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new SyncReply(
                        BinaryPrimitives.ReadUInt64LittleEndian(b),
                        BinaryPrimitives.ReadUInt64LittleEndian(b.Slice(8)),
                        (SyncResult)b[16]));
                    return DecodeStatus.Ok;
                }

                case MessageType.Input:
                {
                    if (b.Length < Protocol.InputFixedSize)
                    {
                        return DecodeStatus.Truncated;
                    }

                    int start = BinaryPrimitives.ReadInt32LittleEndian(b);
                    int ack = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(4));
                    ushort size = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(9));
                    ushort count = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(11));
                    if (!ValidInputSize(size))
                    {
                        return DecodeStatus.InvalidField;
                    }

                    if ((status = VariableLength(b, Protocol.InputFixedSize, (long)count * size)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    if (start < 0 || ack < Protocol.NoFrame || (long)start + count - 1 > int.MaxValue)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new InputBatch(start, ack, b[8], size, count), b.Slice(Protocol.InputFixedSize));
                    return DecodeStatus.Ok;
                }

                case MessageType.InputAck:
                {
                    if ((status = FixedLength(b, InputAckSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    int ack = BinaryPrimitives.ReadInt32LittleEndian(b);
                    if (ack < Protocol.NoFrame)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new InputAck(ack));
                    return DecodeStatus.Ok;
                }

                case MessageType.PayloadChunk:
                {
                    if (b.Length < Protocol.PayloadChunkFixedSize)
                    {
                        return DecodeStatus.Truncated;
                    }

                    uint transfer = BinaryPrimitives.ReadUInt32LittleEndian(b);
                    int total = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(4));
                    int offset = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(8));
                    ushort length = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(12));
                    if ((status = VariableLength(b, Protocol.PayloadChunkFixedSize, length)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    if (total < 0 || total > Protocol.MaxPayloadSize || offset < 0 || (long)offset + length > total)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new PayloadChunk(transfer, total, offset, length), b.Slice(Protocol.PayloadChunkFixedSize));
                    return DecodeStatus.Ok;
                }

                case MessageType.PayloadAck:
                {
                    if ((status = FixedLength(b, PayloadAckSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    int received = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(4));
                    if (received < 0 || received > Protocol.MaxPayloadSize)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new PayloadAck(BinaryPrimitives.ReadUInt32LittleEndian(b), received));
                    return DecodeStatus.Ok;
                }

                case MessageType.ChecksumAck:
                {
                    if ((status = FixedLength(b, ChecksumAckSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    int frame = BinaryPrimitives.ReadInt32LittleEndian(b);
                    if (frame < 0)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new ChecksumAck(frame));
                    return DecodeStatus.Ok;
                }

                case MessageType.KeepAlive:
                {
                    if ((status = FixedLength(b, 0)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    message = new ProtocolMessage(header);
                    return DecodeStatus.Ok;
                }

                case MessageType.QualityReport:
                {
                    if ((status = FixedLength(b, QualityReportSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    var body = new QualityReport(
                        BinaryPrimitives.ReadInt64LittleEndian(b),
                        BinaryPrimitives.ReadInt32LittleEndian(b.Slice(8)),
                        BinaryPrimitives.ReadInt32LittleEndian(b.Slice(12)));
                    if (body.Frame < Protocol.NoFrame)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, body);
                    return DecodeStatus.Ok;
                }

                case MessageType.QualityReply:
                {
                    if ((status = FixedLength(b, QualityReplySize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    message = new ProtocolMessage(header, new QualityReply(BinaryPrimitives.ReadInt64LittleEndian(b)));
                    return DecodeStatus.Ok;
                }

                case MessageType.ChecksumReport:
                {
                    if ((status = FixedLength(b, ChecksumReportSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    var body = new ChecksumReport(BinaryPrimitives.ReadInt32LittleEndian(b), BinaryPrimitives.ReadUInt64LittleEndian(b.Slice(4)));
                    if (body.Frame < 0)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, body);
                    return DecodeStatus.Ok;
                }

                case MessageType.Disconnect:
                {
                    if ((status = FixedLength(b, DisconnectSize)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    int frame = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(2));
                    if (b[1] > (byte)DisconnectReason.TooFarBehind || frame < 0)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new DisconnectNotice(b[0], (DisconnectReason)b[1], frame));
                    return DecodeStatus.Ok;
                }

                case MessageType.ConfirmedInput:
                {
                    if (b.Length < Protocol.ConfirmedInputFixedSize)
                    {
                        return DecodeStatus.Truncated;
                    }

                    int start = BinaryPrimitives.ReadInt32LittleEndian(b);
                    byte players = b[4];
                    ushort size = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(5));
                    ushort count = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(7));
                    if (players == 0 || !ValidInputSize(size))
                    {
                        return DecodeStatus.InvalidField;
                    }

                    if ((status = VariableLength(b, Protocol.ConfirmedInputFixedSize, (long)count * players * size)) != DecodeStatus.Ok)
                    {
                        return status;
                    }

                    if (start < 0 || (long)start + count - 1 > int.MaxValue)
                    {
                        return DecodeStatus.InvalidField;
                    }

                    message = new ProtocolMessage(header, new ConfirmedInputBatch(start, players, size, count), b.Slice(Protocol.ConfirmedInputFixedSize));
                    return DecodeStatus.Ok;
                }

                default:
                    return DecodeStatus.UnknownType;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static DecodeStatus FixedLength(ReadOnlySpan<byte> body, int size) =>
            body.Length < size ? DecodeStatus.Truncated : body.Length > size ? DecodeStatus.TrailingBytes : DecodeStatus.Ok;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static DecodeStatus VariableLength(ReadOnlySpan<byte> body, int fixedSize, long payload)
        {
            long expected = fixedSize + payload;
            return body.Length < expected ? DecodeStatus.Truncated : body.Length > expected ? DecodeStatus.TrailingBytes : DecodeStatus.Ok;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool ValidInputSize(int size) => size >= 1 && size <= Protocol.MaxInputSize;

        private static bool Begin(Span<byte> destination, MessageType type, in MessageEnvelope envelope, int bodySize, out Span<byte> body, out int written)
        {
            int total = Protocol.HeaderSize + bodySize;
            if (destination.Length < total)
            {
                body = default;
                written = 0;
                return false;
            }

            destination[0] = Protocol.Magic;
            destination[1] = Protocol.Version;
            destination[2] = (byte)type;
            destination[3] = envelope.Sender;
            BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(4), envelope.SessionId);
            BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(12), envelope.Sequence);
            body = destination.Slice(Protocol.HeaderSize, bodySize);
            written = total;
            return true;
        }

        private static int CheckInputs(int inputSize, int playerCount, int byteLength, int maxCount)
        {
            int perFrame = playerCount * inputSize;
            if (byteLength % perFrame != 0)
            {
                throw new ArgumentOutOfRangeException("inputBytes", byteLength, "The input bytes are not a whole number of frames.");
            }

            int count = byteLength / perFrame;
            if (count > maxCount)
            {
                throw new ArgumentOutOfRangeException("inputBytes", count, "Too many inputs for one datagram; split them or send fewer (see MaxInputsPerDatagram).");
            }

            return count;
        }

        private static void CheckInputSize(int inputSize)
        {
            if (!ValidInputSize(inputSize))
            {
                throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "An input is 1 to Protocol.MaxInputSize bytes.");
            }
        }

        private static int CheckDatagramSize(int maxDatagramSize)
        {
            if (maxDatagramSize < 1 || maxDatagramSize > Protocol.MaxDatagramSize)
            {
                throw new ArgumentOutOfRangeException(nameof(maxDatagramSize), maxDatagramSize, "1 to Protocol.MaxDatagramSize bytes.");
            }

            return maxDatagramSize;
        }

        private static void CheckPlayerCount(int playerCount)
        {
            if (playerCount < 1 || playerCount > 255)
            {
                throw new ArgumentOutOfRangeException(nameof(playerCount), playerCount, "1 to 255 players.");
            }
        }

        private static void CheckFrame(int frame, string name)
        {
            if (frame < 0)
            {
                throw new ArgumentOutOfRangeException(name, frame, "A frame is at least 0.");
            }
        }

        private static void CheckFrameOrNone(int frame, string name)
        {
            if (frame < Protocol.NoFrame)
            {
                throw new ArgumentOutOfRangeException(name, frame, "A frame is at least Protocol.NoFrame (-1).");
            }
        }

        private static void CheckFrameRange(int startFrame, int count)
        {
            if ((long)startFrame + count - 1 > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(startFrame), startFrame, "The frame range overflows.");
            }
        }
    }
}
