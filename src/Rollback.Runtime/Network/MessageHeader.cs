using System;

namespace Rollback.Network
{
    /// <summary>What the sender puts in every message header besides the type: session, sender, sequence number.</summary>
    internal readonly struct MessageEnvelope : IEquatable<MessageEnvelope>
    {
        /// <summary>Creates an envelope.</summary>
        /// <param name="sessionId">The session's 64-bit identity, agreed out of band (lobby, invite) and checked by every receiver.</param>
        /// <param name="sender">The sender's player index, or <see cref="Protocol.NoPlayer"/>.</param>
        /// <param name="sequence">The sender's sequence number for this datagram (per destination, wrapping).</param>
        public MessageEnvelope(ulong sessionId, byte sender, uint sequence)
        {
            SessionId = sessionId;
            Sender = sender;
            Sequence = sequence;
        }

        /// <summary>The session's identity.</summary>
        public ulong SessionId { get; }

        /// <summary>The sender's player index, or <see cref="Protocol.NoPlayer"/>.</summary>
        public byte Sender { get; }

        /// <summary>The datagram's sequence number.</summary>
        public uint Sequence { get; }

        /// <inheritdoc/>
        public bool Equals(MessageEnvelope other) => SessionId == other.SessionId && Sender == other.Sender && Sequence == other.Sequence;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is MessageEnvelope other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => (int)(SessionId ^ (SessionId >> 32)) ^ (Sender << 24) ^ (int)Sequence;
    }

    /// <summary>
    /// The decoded 16-byte header of a message. Layout, little-endian: byte 0 magic, 1 version, 2 type, 3 sender,
    /// bytes 4-11 session id, bytes 12-15 sequence number.
    /// </summary>
    internal readonly struct MessageHeader : IEquatable<MessageHeader>
    {
        /// <summary>Creates a header.</summary>
        /// <param name="version">The protocol version.</param>
        /// <param name="type">The message type.</param>
        /// <param name="envelope">Session, sender and sequence.</param>
        public MessageHeader(byte version, MessageType type, MessageEnvelope envelope)
        {
            Version = version;
            Type = type;
            Envelope = envelope;
        }

        /// <summary>The protocol version.</summary>
        public byte Version { get; }

        /// <summary>The message type.</summary>
        public MessageType Type { get; }

        /// <summary>Session, sender and sequence.</summary>
        public MessageEnvelope Envelope { get; }

        /// <summary>The session's identity.</summary>
        public ulong SessionId => Envelope.SessionId;

        /// <summary>The sender's player index, or <see cref="Protocol.NoPlayer"/>.</summary>
        public byte Sender => Envelope.Sender;

        /// <summary>The datagram's sequence number.</summary>
        public uint Sequence => Envelope.Sequence;

        /// <inheritdoc/>
        public bool Equals(MessageHeader other) => Version == other.Version && Type == other.Type && Envelope.Equals(other.Envelope);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is MessageHeader other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => Envelope.GetHashCode() ^ ((int)Type << 8) ^ Version;
    }
}
