using System;
using System.Collections.Generic;

namespace Rollback.Network.Tests;

/// <summary>Valid encoded messages of every type, for fuzzing and allocation tests.</summary>
internal static class Messages
{
    public const ulong Session = 0x1234_5678_9ABC_DEF0UL;

    public static MessageEnvelope Envelope(uint seq = 7) => new(Session, 1, seq);

    public static byte[] Encode(MessageType type, TestRandom rng)
    {
        var buffer = new byte[Protocol.MaxDatagramSize];
        var env = new MessageEnvelope(Session, (byte)rng.Next(256), (uint)rng.NextULong());
        int written;
        bool ok;
        switch (type)
        {
            case MessageType.SyncRequest:
                ok = ProtocolCodec.TryEncode(buffer, env, new SyncRequest(rng.NextULong(), rng.NextULong(), (ushort)rng.Next(1, 64), (byte)rng.Next(1, 9)), out written);
                break;
            case MessageType.SyncReply:
                ok = ProtocolCodec.TryEncode(buffer, env, new SyncReply(rng.NextULong(), rng.NextULong(), (SyncResult)rng.Next(5)), out written);
                break;
            case MessageType.Input:
            {
                int size = rng.Next(1, 16);
                int count = rng.Next(0, Math.Min(40, ProtocolCodec.MaxInputsPerDatagram(size)) + 1);
                var inputs = new byte[count * size];
                rng.Fill(inputs);
                ok = ProtocolCodec.TryEncodeInput(buffer, env, rng.Next(0, 100000), rng.Next(-1, 100000), (byte)rng.Next(4), size, inputs, out written);
                break;
            }
            case MessageType.InputAck:
                ok = ProtocolCodec.TryEncode(buffer, env, new InputAck(rng.Next(-1, 100000)), out written);
                break;
            case MessageType.KeepAlive:
                ok = ProtocolCodec.TryEncodeKeepAlive(buffer, env, out written);
                break;
            case MessageType.QualityReport:
                ok = ProtocolCodec.TryEncode(buffer, env, new QualityReport((long)rng.NextULong(), rng.Next(-1, 100000), rng.Next(-20, 20)), out written);
                break;
            case MessageType.QualityReply:
                ok = ProtocolCodec.TryEncode(buffer, env, new QualityReply((long)rng.NextULong()), out written);
                break;
            case MessageType.ChecksumReport:
                ok = ProtocolCodec.TryEncode(buffer, env, new ChecksumReport(rng.Next(0, 100000), rng.NextULong()), out written);
                break;
            case MessageType.PayloadChunk:
            {
                int total = rng.Next(0, 5000);
                int offset = total == 0 ? 0 : rng.Next(0, total);
                var chunk = new byte[Math.Min(rng.Next(0, 200), total - offset)];
                rng.Fill(chunk);
                ok = ProtocolCodec.TryEncodePayloadChunk(buffer, env, (uint)rng.NextULong(), total, offset, chunk, out written);
                break;
            }

            case MessageType.PayloadAck:
                ok = ProtocolCodec.TryEncode(buffer, env, new PayloadAck((uint)rng.NextULong(), rng.Next(0, 100000)), out written);
                break;
            case MessageType.ChecksumAck:
                ok = ProtocolCodec.TryEncode(buffer, env, new ChecksumAck(rng.Next(0, 100000)), out written);
                break;
            case MessageType.Disconnect:
                ok = ProtocolCodec.TryEncode(buffer, env, new DisconnectNotice((byte)rng.Next(4), (DisconnectReason)rng.Next(6), rng.Next(0, 100000)), out written);
                break;
            case MessageType.ConfirmedInput:
            {
                int players = rng.Next(1, 5);
                int size = rng.Next(1, 8);
                int count = rng.Next(0, Math.Min(20, ProtocolCodec.MaxConfirmedFramesPerDatagram(players, size)) + 1);
                var inputs = new byte[count * players * size];
                rng.Fill(inputs);
                ok = ProtocolCodec.TryEncodeConfirmedInput(buffer, env, rng.Next(0, 100000), players, size, inputs, out written);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }

        if (!ok)
        {
            throw new InvalidOperationException("encode failed");
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    public static readonly MessageType[] AllTypes =
    [
        MessageType.SyncRequest, MessageType.SyncReply, MessageType.Input, MessageType.InputAck, MessageType.KeepAlive,
        MessageType.QualityReport, MessageType.QualityReply, MessageType.ChecksumReport, MessageType.Disconnect, MessageType.ConfirmedInput,
        MessageType.ChecksumAck, MessageType.PayloadChunk, MessageType.PayloadAck,
    ];

    /// <summary>Re-encodes a decoded message; the format is canonical, so it must equal the original bytes.</summary>
    public static byte[] ReEncode(in ProtocolMessage m)
    {
        var buffer = new byte[Protocol.MaxDatagramSize];
        MessageEnvelope env = m.Header.Envelope;
        int written;
        bool ok = m.Type switch
        {
            MessageType.SyncRequest => ProtocolCodec.TryEncode(buffer, env, m.SyncRequest, out written),
            MessageType.SyncReply => ProtocolCodec.TryEncode(buffer, env, m.SyncReply, out written),
            MessageType.Input => ProtocolCodec.TryEncodeInput(buffer, env, m.Input.StartFrame, m.Input.AckFrame, m.Input.Player, m.Input.InputSize, m.InputBytes, out written),
            MessageType.InputAck => ProtocolCodec.TryEncode(buffer, env, m.InputAck, out written),
            MessageType.KeepAlive => ProtocolCodec.TryEncodeKeepAlive(buffer, env, out written),
            MessageType.QualityReport => ProtocolCodec.TryEncode(buffer, env, m.QualityReport, out written),
            MessageType.QualityReply => ProtocolCodec.TryEncode(buffer, env, m.QualityReply, out written),
            MessageType.ChecksumReport => ProtocolCodec.TryEncode(buffer, env, m.ChecksumReport, out written),
            MessageType.Disconnect => ProtocolCodec.TryEncode(buffer, env, m.Disconnect, out written),
            MessageType.ChecksumAck => ProtocolCodec.TryEncode(buffer, env, m.ChecksumAck, out written),
            MessageType.PayloadChunk => ProtocolCodec.TryEncodePayloadChunk(buffer, env, m.PayloadChunk.Transfer, m.PayloadChunk.Total, m.PayloadChunk.Offset, m.InputBytes, out written),
            MessageType.PayloadAck => ProtocolCodec.TryEncode(buffer, env, m.PayloadAck, out written),
            MessageType.ConfirmedInput => ProtocolCodec.TryEncodeConfirmedInput(buffer, env, m.ConfirmedInput.StartFrame, m.ConfirmedInput.PlayerCount, m.ConfirmedInput.InputSize, m.InputBytes, out written),
            _ => throw new InvalidOperationException(),
        };
        Assert.True(ok);
        return buffer.AsSpan(0, written).ToArray();
    }
}
