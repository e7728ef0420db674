using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rollback.Network
{
    /// <summary>
    /// A decoded message: the header and the body of its <see cref="Type"/>. Input bytes are a view into the datagram
    /// that was decoded (nothing is copied), so use the message before the receive buffer is reused.
    /// </summary>
    /// <remarks>Only the body property that matches <see cref="Type"/> holds data; the others are default.</remarks>
    internal readonly ref struct ProtocolMessage
    {
        private readonly ReadOnlySpan<byte> _inputBytes;
        private readonly SyncRequest _syncRequest;
        private readonly SyncReply _syncReply;
        private readonly InputBatch _input;
        private readonly InputAck _inputAck;
        private readonly QualityReport _qualityReport;
        private readonly QualityReply _qualityReply;
        private readonly ChecksumReport _checksumReport;
        private readonly DisconnectNotice _disconnect;
        private readonly ChecksumAck _checksumAck;
        private readonly PayloadChunk _payloadChunk;
        private readonly PayloadAck _payloadAck;
        private readonly ConfirmedInputBatch _confirmedInput;

        internal ProtocolMessage(MessageHeader header) : this() => Header = header;

        internal ProtocolMessage(MessageHeader header, SyncRequest body) : this(header) => _syncRequest = body;

        internal ProtocolMessage(MessageHeader header, SyncReply body) : this(header) => _syncReply = body;

        internal ProtocolMessage(MessageHeader header, InputBatch body, ReadOnlySpan<byte> inputBytes) : this(header)
        {
            _input = body;
            _inputBytes = inputBytes;
        }

        internal ProtocolMessage(MessageHeader header, InputAck body) : this(header) => _inputAck = body;

        internal ProtocolMessage(MessageHeader header, QualityReport body) : this(header) => _qualityReport = body;

        internal ProtocolMessage(MessageHeader header, QualityReply body) : this(header) => _qualityReply = body;

        internal ProtocolMessage(MessageHeader header, ChecksumReport body) : this(header) => _checksumReport = body;

        internal ProtocolMessage(MessageHeader header, DisconnectNotice body) : this(header) => _disconnect = body;

        internal ProtocolMessage(MessageHeader header, ChecksumAck body) : this(header) => _checksumAck = body;

        internal ProtocolMessage(MessageHeader header, PayloadChunk body, ReadOnlySpan<byte> bytes) : this(header)
        {
            _payloadChunk = body;
            _inputBytes = bytes;
        }

        internal ProtocolMessage(MessageHeader header, PayloadAck body) : this(header) => _payloadAck = body;

        internal ProtocolMessage(MessageHeader header, ConfirmedInputBatch body, ReadOnlySpan<byte> inputBytes) : this(header)
        {
            _confirmedInput = body;
            _inputBytes = inputBytes;
        }

        /// <summary>The header.</summary>
        public MessageHeader Header { get; }

        /// <summary>The message type.</summary>
        public MessageType Type => Header.Type;

        /// <summary>The body of a <see cref="MessageType.SyncRequest"/>.</summary>
        public SyncRequest SyncRequest => _syncRequest;

        /// <summary>The body of a <see cref="MessageType.SyncReply"/>.</summary>
        public SyncReply SyncReply => _syncReply;

        /// <summary>The fixed part of a <see cref="MessageType.Input"/>; the inputs are <see cref="InputBytes"/>.</summary>
        public InputBatch Input => _input;

        /// <summary>The body of a <see cref="MessageType.InputAck"/>.</summary>
        public InputAck InputAck => _inputAck;

        /// <summary>The body of a <see cref="MessageType.QualityReport"/>.</summary>
        public QualityReport QualityReport => _qualityReport;

        /// <summary>The body of a <see cref="MessageType.QualityReply"/>.</summary>
        public QualityReply QualityReply => _qualityReply;

        /// <summary>The body of a <see cref="MessageType.ChecksumReport"/>.</summary>
        public ChecksumReport ChecksumReport => _checksumReport;

        /// <summary>The body of a <see cref="MessageType.Disconnect"/>.</summary>
        public DisconnectNotice Disconnect => _disconnect;

        /// <summary>The body of a <see cref="MessageType.ChecksumAck"/>.</summary>
        public ChecksumAck ChecksumAck => _checksumAck;

        /// <summary>The fixed part of a <see cref="MessageType.PayloadChunk"/> (its bytes are <see cref="InputBytes"/>).</summary>
        public PayloadChunk PayloadChunk => _payloadChunk;

        /// <summary>The body of a <see cref="MessageType.PayloadAck"/>.</summary>
        public PayloadAck PayloadAck => _payloadAck;

        /// <summary>The fixed part of a <see cref="MessageType.ConfirmedInput"/>; the inputs are <see cref="InputBytes"/>.</summary>
        public ConfirmedInputBatch ConfirmedInput => _confirmedInput;

        /// <summary>
        /// The raw input bytes of an <see cref="MessageType.Input"/> (count × input size) or
        /// <see cref="MessageType.ConfirmedInput"/> (count × players × input size) message; empty otherwise.
        /// </summary>
        public ReadOnlySpan<byte> InputBytes => _inputBytes;

        /// <summary>The size of one input in <see cref="InputBytes"/>, or 0 for other messages.</summary>
        public int InputSize => Type switch
        {
            MessageType.Input => _input.InputSize,
            MessageType.ConfirmedInput => _confirmedInput.InputSize,
            _ => 0,
        };

        /// <summary>
        /// Reads input <paramref name="index"/> (0 = the first frame's; in a <see cref="MessageType.ConfirmedInput"/>
        /// message, index = frame offset × player count + player).
        /// </summary>
        /// <typeparam name="TInput">The input type; its size must equal <see cref="InputSize"/>.</typeparam>
        /// <param name="index">The input's index.</param>
        /// <returns>The input.</returns>
        /// <exception cref="InvalidOperationException">The size of <typeparamref name="TInput"/> is not <see cref="InputSize"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
        public TInput GetInput<TInput>(int index)
            where TInput : unmanaged
        {
            int size = CheckSize<TInput>();
            if (index < 0 || index >= _inputBytes.Length / size)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "No such input in the message.");
            }

            return MemoryMarshal.Read<TInput>(_inputBytes.Slice(index * size, size));
        }

        /// <summary>Copies every input into <paramref name="destination"/>.</summary>
        /// <typeparam name="TInput">The input type; its size must equal <see cref="InputSize"/>.</typeparam>
        /// <param name="destination">Room for all inputs.</param>
        /// <returns>The number of inputs copied.</returns>
        /// <exception cref="InvalidOperationException">The size of <typeparamref name="TInput"/> is not <see cref="InputSize"/>.</exception>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
        public int CopyInputs<TInput>(Span<TInput> destination)
            where TInput : unmanaged
        {
            int size = CheckSize<TInput>();
            int count = _inputBytes.Length / size;
            if (destination.Length < count)
            {
                throw new ArgumentException("The destination is too short.", nameof(destination));
            }

            _inputBytes.CopyTo(MemoryMarshal.AsBytes(destination));
            return count;
        }

        private int CheckSize<TInput>()
            where TInput : unmanaged
        {
            int size = Unsafe.SizeOf<TInput>();
            if (size != InputSize)
            {
                throw new InvalidOperationException("The input type's size does not match the message's input size.");
            }

            return size;
        }
    }
}
