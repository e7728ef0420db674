using System;
using System.Runtime.InteropServices;
using CsCheck;

namespace Rollback.Network.Tests;

public class CodecRoundTripTests
{
    private const string Seed = "0000ROLLBACK";
    private const int Iterations = 2000;

    private static readonly Gen<MessageEnvelope> GenEnvelope =
        Gen.Select(Gen.ULong, Gen.Byte, Gen.UInt, (s, p, q) => new MessageEnvelope(s, p, q));

    private static readonly Gen<int> GenFrame = Gen.Int[0, int.MaxValue];
    private static readonly Gen<int> GenFrameOrNone = Gen.Int[-1, int.MaxValue];

    private static ProtocolMessage Decode(byte[] buffer, int written, in MessageEnvelope env)
    {
        Assert.True(written <= Protocol.MaxDatagramSize);
        DecodeStatus status = ProtocolCodec.Decode(buffer.AsSpan(0, written), env.SessionId, out ProtocolMessage m);
        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal(Protocol.Version, m.Header.Version);
        Assert.Equal(env, m.Header.Envelope);
        return m;
    }

    private static void RoundTrip<T>(Gen<T> body, Func<byte[], MessageEnvelope, T, (bool Ok, int Written)> encode, MessageType type, Func<ProtocolMessage, T> read, int size)
        where T : struct
    {
        Gen.Select(GenEnvelope, body).Sample((env, value) =>
        {
            var buffer = new byte[Protocol.MaxDatagramSize];
            (bool ok, int written) = encode(buffer, env, value);
            Assert.True(ok);
            Assert.Equal(Protocol.HeaderSize + size, written);
            ProtocolMessage m = Decode(buffer, written, env);
            Assert.Equal(type, m.Type);
            Assert.Equal(value, read(m));

            // Too short a destination: false, nothing claimed written.
            Assert.False(encode(new byte[written - 1], env, value).Ok);
        }, iter: Iterations, seed: Seed);
    }

    [Fact]
    public void SyncRequestRoundTrips() => RoundTrip(
        Gen.Select(Gen.ULong, Gen.ULong, Gen.UShort[1, Protocol.MaxInputSize], Gen.Byte[1, 255], (n, h, s, p) => new SyncRequest(n, h, s, p)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.SyncRequest, m => m.SyncRequest, ProtocolCodec.SyncRequestSize);

    [Fact]
    public void SyncReplyRoundTrips() => RoundTrip(
        Gen.Select(Gen.ULong, Gen.ULong, Gen.Enum<SyncResult>(), (n, h, r) => new SyncReply(n, h, r)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.SyncReply, m => m.SyncReply, ProtocolCodec.SyncReplySize);

    [Fact]
    public void InputAckRoundTrips() => RoundTrip(
        GenFrameOrNone.Select(f => new InputAck(f)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.InputAck, m => m.InputAck, ProtocolCodec.InputAckSize);

    [Fact]
    public void QualityReportRoundTrips() => RoundTrip(
        Gen.Select(Gen.Long, GenFrameOrNone, Gen.Int, (t, f, a) => new QualityReport(t, f, a)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.QualityReport, m => m.QualityReport, ProtocolCodec.QualityReportSize);

    [Fact]
    public void QualityReplyRoundTrips() => RoundTrip(
        Gen.Long.Select(t => new QualityReply(t)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.QualityReply, m => m.QualityReply, ProtocolCodec.QualityReplySize);

    [Fact]
    public void ChecksumReportRoundTrips() => RoundTrip(
        Gen.Select(GenFrame, Gen.ULong, (f, c) => new ChecksumReport(f, c)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.ChecksumReport, m => m.ChecksumReport, ProtocolCodec.ChecksumReportSize);

    [Fact]
    public void DisconnectRoundTrips() => RoundTrip(
        Gen.Select(Gen.Byte, Gen.Enum<DisconnectReason>(), GenFrame, (p, r, f) => new DisconnectNotice(p, r, f)),
        (b, e, v) => (ProtocolCodec.TryEncode(b, e, v, out int w), w), MessageType.Disconnect, m => m.Disconnect, ProtocolCodec.DisconnectSize);

    [Fact]
    public void KeepAliveRoundTrips() => RoundTrip(
        Gen.Const(0),
        (b, e, _) => (ProtocolCodec.TryEncodeKeepAlive(b, e, out int w), w), MessageType.KeepAlive, _ => 0, 0);

    [Fact]
    public void InputRoundTrips()
    {
        Gen<(int Size, byte[] Bytes)> genInputs =
            Gen.Int[1, 64].SelectMany(size => Gen.Int[0, ProtocolCodec.MaxInputsPerDatagram(size)]
                .SelectMany(count => Gen.Byte.Array[count * size].Select(bytes => (size, bytes))));
        Gen.Select(GenEnvelope, Gen.Int[0, int.MaxValue - 1200], GenFrameOrNone, Gen.Byte, genInputs).Sample((env, start, ack, player, inputs) =>
        {
            var buffer = new byte[Protocol.MaxDatagramSize];
            Assert.True(ProtocolCodec.TryEncodeInput(buffer, env, start, ack, player, inputs.Size, inputs.Bytes, out int written));
            Assert.Equal(Protocol.HeaderSize + Protocol.InputFixedSize + inputs.Bytes.Length, written);
            ProtocolMessage m = Decode(buffer, written, env);
            Assert.Equal(MessageType.Input, m.Type);
            Assert.Equal(new InputBatch(start, ack, player, (ushort)inputs.Size, (ushort)(inputs.Bytes.Length / inputs.Size)), m.Input);
            Assert.True(m.InputBytes.SequenceEqual(inputs.Bytes));
            Assert.Equal(inputs.Size, m.InputSize);
        }, iter: Iterations, seed: Seed);
    }

    [Fact]
    public void ConfirmedInputRoundTrips()
    {
        Gen<(int Players, int Size, byte[] Bytes)> genInputs =
            Gen.Select(Gen.Int[1, 8], Gen.Int[1, 32]).SelectMany((players, size) => Gen.Int[0, ProtocolCodec.MaxConfirmedFramesPerDatagram(players, size)]
                .SelectMany(count => Gen.Byte.Array[count * players * size].Select(bytes => (players, size, bytes))));
        Gen.Select(GenEnvelope, Gen.Int[0, int.MaxValue - 1200], genInputs).Sample((env, start, inputs) =>
        {
            var buffer = new byte[Protocol.MaxDatagramSize];
            Assert.True(ProtocolCodec.TryEncodeConfirmedInput(buffer, env, start, inputs.Players, inputs.Size, inputs.Bytes, out int written));
            ProtocolMessage m = Decode(buffer, written, env);
            Assert.Equal(MessageType.ConfirmedInput, m.Type);
            int count = inputs.Bytes.Length / (inputs.Players * inputs.Size);
            Assert.Equal(new ConfirmedInputBatch(start, (byte)inputs.Players, (ushort)inputs.Size, (ushort)count), m.ConfirmedInput);
            Assert.True(m.InputBytes.SequenceEqual(inputs.Bytes));
        }, iter: Iterations, seed: Seed);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Pad
    {
        public sbyte X;
        public sbyte Y;
        public byte Buttons;
    }

    [Fact]
    public void TypedInputsRoundTrip()
    {
        Gen.Select(Gen.SByte, Gen.SByte, Gen.Byte, (x, y, b) => new Pad { X = x, Y = y, Buttons = b }).Array[0, 300].Sample(pads =>
        {
            var buffer = new byte[Protocol.MaxDatagramSize];
            Assert.True(ProtocolCodec.TryEncodeInput<Pad>(buffer, Messages.Envelope(), 10, 4, 1, pads, out int written));
            Assert.Equal(DecodeStatus.Ok, ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out ProtocolMessage m));
            var copy = new Pad[pads.Length];
            Assert.Equal(pads.Length, m.CopyInputs<Pad>(copy));
            Assert.Equal(pads, copy);
            for (int i = 0; i < pads.Length; i++)
            {
                Assert.Equal(pads[i], m.GetInput<Pad>(i));
            }

            Assert.Throws<InvalidOperationException>(() => Decoded(buffer, written));
        }, iter: 300, seed: Seed);
    }

    private static int Decoded(byte[] buffer, int written)
    {
        ProtocolCodec.Decode(buffer.AsSpan(0, written), out ProtocolMessage m);
        return m.GetInput<int>(0);
    }

    [Fact]
    public void ConfirmedFramesAtTheLastFrameFitAndOneMoreOverflows()
    {
        var buffer = new byte[Protocol.MaxDatagramSize];
        Assert.True(ProtocolCodec.TryEncodeInput(buffer, Messages.Envelope(), int.MaxValue - 1, 0, 0, 1, new byte[2], out int written));
        Assert.Equal(DecodeStatus.Ok, ProtocolCodec.Decode(buffer.AsSpan(0, written), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncodeInput(buffer, Messages.Envelope(), int.MaxValue - 1, 0, 0, 1, new byte[3], out _));
    }

    [Fact]
    public void EncoderRejectsWhatTheDecoderWouldReject()
    {
        var buffer = new byte[Protocol.MaxDatagramSize];
        MessageEnvelope env = Messages.Envelope();
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncodeInput(buffer, env, -1, 0, 0, 1, new byte[1], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncodeInput(buffer, env, 0, -2, 0, 1, new byte[1], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncodeInput(buffer, env, 0, 0, 0, 0, new byte[1], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncodeInput(buffer, env, 0, 0, 0, 2, new byte[3], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncodeInput(buffer, env, 0, 0, 0, 1, new byte[ProtocolCodec.MaxInputsPerDatagram(1) + 1], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncode(buffer, env, new ChecksumReport(-1, 0), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncode(buffer, env, new SyncRequest(0, 0, 0, 1), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.TryEncode(buffer, env, new DisconnectNotice(0, (DisconnectReason)9, 0), out _));
    }

    [Fact]
    public void WireLayoutIsLittleEndianAsDocumented()
    {
        var buffer = new byte[64];
        var env = new MessageEnvelope(0x0807060504030201UL, 5, 0x0D0C0B0AU);
        Assert.True(ProtocolCodec.TryEncode(buffer, env, new ChecksumReport(0x11223344, 0xA1A2A3A4A5A6A7A8UL), out int written));
        byte[] expected =
        [
            0x52, 0x01, 0x08, 0x05,
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x0A, 0x0B, 0x0C, 0x0D,
            0x44, 0x33, 0x22, 0x11,
            0xA8, 0xA7, 0xA6, 0xA5, 0xA4, 0xA3, 0xA2, 0xA1,
        ];
        Assert.Equal(expected, buffer.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void SessionIdIsChecked()
    {
        byte[] datagram = Messages.Encode(MessageType.KeepAlive, new TestRandom(1));
        Assert.Equal(DecodeStatus.Ok, ProtocolCodec.Decode(datagram, Messages.Session, out _));
        Assert.Equal(DecodeStatus.WrongSession, ProtocolCodec.Decode(datagram, Messages.Session + 1, out _));
        Assert.Equal(DecodeStatus.Ok, ProtocolCodec.Decode(datagram, out _));
    }

    [Fact]
    public void BatchLimitsFollowTheDatagramLimit()
    {
        Assert.Equal(1171, ProtocolCodec.MaxInputsPerDatagram(1));
        Assert.Equal(292, ProtocolCodec.MaxInputsPerDatagram(4));
        Assert.Equal(285, ProtocolCodec.MaxInputsPerDatagram(4, 1170));
        Assert.Equal(0, ProtocolCodec.MaxInputsPerDatagram(4, 29));
        Assert.Equal(1, ProtocolCodec.MaxInputsPerDatagram(4, 33));
        Assert.Equal(146, ProtocolCodec.MaxConfirmedFramesPerDatagram(2, 4));
        Assert.Equal(0, ProtocolCodec.MaxConfirmedFramesPerDatagram(2, 1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolCodec.MaxInputsPerDatagram(4, 1201));

        // A full batch for the EOS limit encodes to at most that many bytes.
        var buffer = new byte[Protocol.MaxDatagramSize];
        Assert.True(ProtocolCodec.TryEncodeInput(buffer, Messages.Envelope(), 0, 0, 0, 4, new byte[4 * 285], out int written));
        Assert.True(written <= 1170);
    }

    [Fact]
    public void SequenceComparisonWraps()
    {
        Assert.True(Protocol.IsNewer(1, 0));
        Assert.False(Protocol.IsNewer(0, 1));
        Assert.False(Protocol.IsNewer(5, 5));
        Assert.True(Protocol.IsNewer(2, uint.MaxValue - 1));
        Assert.False(Protocol.IsNewer(uint.MaxValue - 1, 2));
    }
}
