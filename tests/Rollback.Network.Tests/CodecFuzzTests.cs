using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Rollback.Network.Tests;

public class CodecFuzzTests
{
    private const int Datagrams = 120_000;

    private static List<byte[]> ValidCorpus(ulong seed, int perType)
    {
        var rng = new TestRandom(seed);
        var corpus = new List<byte[]>();
        foreach (MessageType type in Messages.AllTypes)
        {
            for (int i = 0; i < perType; i++)
            {
                corpus.Add(Messages.Encode(type, rng));
            }
        }

        return corpus;
    }

    /// <summary>Decodes, checks the invariants of any outcome, and returns the outcome.</summary>
    private static DecodeStatus DecodeChecked(ReadOnlySpan<byte> datagram, DecodeStatistics stats)
    {
        DecodeStatus status;
        try
        {
            status = ProtocolCodec.Decode(datagram, Messages.Session, out ProtocolMessage m);
            if (status == DecodeStatus.Ok)
            {
                // Views never reach past the datagram.
                if (!m.InputBytes.IsEmpty)
                {
                    Assert.True(datagram.Overlaps(m.InputBytes, out int offset));
                    Assert.True(offset >= Protocol.HeaderSize && offset + m.InputBytes.Length == datagram.Length);
                }

                // The format is canonical: what decodes re-encodes to the same bytes.
                Assert.Equal(datagram.ToArray(), Messages.ReEncode(m));
            }
            else
            {
                Assert.Equal(MessageType.None, m.Type);
            }
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Decode threw {e.GetType().Name} on {Convert.ToHexString(datagram)}: {e.Message}");
        }

        Assert.True(Enum.IsDefined(status));
        stats.Record(status);
        return status;
    }

    [Fact]
    public void HostileDatagramsNeverThrowAndAreClassified()
    {
        var stopwatch = Stopwatch.StartNew();
        List<byte[]> corpus = ValidCorpus(42, 50);
        var rng = new TestRandom(0xF022);
        var stats = new DecodeStatistics();
        var buffer = new byte[1400];
        int fed = 0;

        while (fed < Datagrams)
        {
            byte[] valid = corpus[rng.Next(corpus.Count)];
            Span<byte> d;
            DecodeStatus? expected = null;
            switch (rng.Next(9))
            {
                case 0:
                {
                    // Random bytes of random length.
                    d = buffer.AsSpan(0, rng.Next(0, buffer.Length + 1));
                    rng.Fill(d);
                    if (d.Length > Protocol.MaxDatagramSize)
                    {
                        expected = DecodeStatus.Oversized;
                    }

                    break;
                }

                case 1:
                {
                    // Random bytes behind a plausible header: any type, our session.
                    d = buffer.AsSpan(0, rng.Next(Protocol.HeaderSize, 160));
                    rng.Fill(d);
                    d[0] = Protocol.Magic;
                    d[1] = Protocol.Version;
                    d[2] = (byte)rng.Next(0, 13);
                    BinaryPrimitives.WriteUInt64LittleEndian(d.Slice(4), Messages.Session);
                    break;
                }

                case 2:
                {
                    // Truncation of a valid message.
                    int length = rng.Next(0, valid.Length);
                    d = buffer.AsSpan(0, length);
                    valid.AsSpan(0, length).CopyTo(d);
                    expected = length == 0 ? DecodeStatus.Empty : length < Protocol.HeaderSize ? DecodeStatus.TruncatedHeader : DecodeStatus.Truncated;
                    break;
                }

                case 3:
                {
                    // Single-byte mutation of a valid message.
                    d = buffer.AsSpan(0, valid.Length);
                    valid.CopyTo(d);
                    d[rng.Next(d.Length)] ^= (byte)rng.Next(1, 256);
                    break;
                }

                case 4:
                {
                    // Valid message with trailing bytes.
                    int extra = rng.Next(1, 300);
                    d = buffer.AsSpan(0, valid.Length + extra);
                    valid.CopyTo(d);
                    rng.Fill(d.Slice(valid.Length));
                    expected = d.Length > Protocol.MaxDatagramSize ? DecodeStatus.Oversized : DecodeStatus.TrailingBytes;
                    break;
                }

                case 5:
                {
                    // Input / ConfirmedInput headers with hostile counts and sizes (overflowing products).
                    bool confirmed = rng.Next(2) == 0;
                    int fixedSize = confirmed ? Protocol.ConfirmedInputFixedSize : Protocol.InputFixedSize;
                    d = buffer.AsSpan(0, Protocol.HeaderSize + fixedSize + rng.Next(0, 64));
                    rng.Fill(d);
                    ProtocolCodec.TryEncodeKeepAlive(d, Messages.Envelope(), out _);
                    d[2] = (byte)(confirmed ? MessageType.ConfirmedInput : MessageType.Input);
                    Span<byte> body = d.Slice(Protocol.HeaderSize);
                    BinaryPrimitives.WriteInt32LittleEndian(body, rng.Next(3) == 0 ? int.MaxValue - rng.Next(0, 3) : rng.Next(0, 1000));
                    ushort size = rng.Next(3) switch { 0 => ushort.MaxValue, 1 => 0, _ => (ushort)rng.Next(1, Protocol.MaxInputSize + 1) };
                    ushort count = rng.Next(2) == 0 ? ushort.MaxValue : (ushort)rng.Next(0, 65536);
                    if (confirmed)
                    {
                        body[4] = (byte)rng.Next(0, 256);
                        BinaryPrimitives.WriteUInt16LittleEndian(body.Slice(5), size);
                        BinaryPrimitives.WriteUInt16LittleEndian(body.Slice(7), count);
                    }
                    else
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(body.Slice(4), rng.Next(-3, 1000));
                        BinaryPrimitives.WriteUInt16LittleEndian(body.Slice(9), size);
                        BinaryPrimitives.WriteUInt16LittleEndian(body.Slice(11), count);
                    }

                    break;
                }

                case 6:
                {
                    // Another session.
                    d = buffer.AsSpan(0, valid.Length);
                    valid.CopyTo(d);
                    BinaryPrimitives.WriteUInt64LittleEndian(d.Slice(4), rng.NextULong() | 1UL << 63);
                    expected = DecodeStatus.WrongSession;
                    break;
                }

                case 7:
                {
                    // Wrong magic or version.
                    d = buffer.AsSpan(0, valid.Length);
                    valid.CopyTo(d);
                    if (rng.Next(2) == 0)
                    {
                        d[0] = (byte)(Protocol.Magic ^ rng.Next(1, 256));
                        expected = DecodeStatus.BadMagic;
                    }
                    else
                    {
                        d[1] = (byte)(Protocol.Version ^ rng.Next(1, 256));
                        expected = DecodeStatus.UnsupportedVersion;
                    }

                    break;
                }

                default:
                {
                    // Unmodified: must decode.
                    d = buffer.AsSpan(0, valid.Length);
                    valid.CopyTo(d);
                    expected = DecodeStatus.Ok;
                    break;
                }
            }

            DecodeStatus status = DecodeChecked(d, stats);
            if (expected is { } e && status != e)
            {
                Assert.Fail($"expected {e}, got {status} for {Convert.ToHexString(d)}");
            }

            fed++;
        }

        stopwatch.Stop();
        Assert.Equal(Datagrams, stats.Accepted + stats.Rejected);
        foreach (DecodeStatus s in Enum.GetValues<DecodeStatus>())
        {
            Assert.True(stats[s] > 0, $"no datagram was classified {s}: {stats}");
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {stopwatch.Elapsed}");
    }

    [Fact]
    public void EveryTruncationOfEveryMessageIsRejected()
    {
        var stats = new DecodeStatistics();
        foreach (byte[] valid in ValidCorpus(7, 20))
        {
            for (int length = 0; length < valid.Length; length++)
            {
                Assert.NotEqual(DecodeStatus.Ok, DecodeChecked(valid.AsSpan(0, length), stats));
            }
        }
    }

    [Fact]
    public void EverySingleByteMutationIsHandled()
    {
        var stats = new DecodeStatistics();
        foreach (byte[] valid in ValidCorpus(9, 3))
        {
            var d = (byte[])valid.Clone();
            for (int i = 0; i < d.Length; i++)
            {
                foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
                {
                    d[i] ^= flip;
                    DecodeChecked(d, stats);
                    d[i] ^= flip;
                }
            }
        }

        Assert.True(stats.Rejected > 0 && stats.Accepted > 0);
    }

    [Theory]
    [InlineData(0, 0, 1, DecodeStatus.InvalidField)]            // zero input size
    [InlineData(0, 1025, 1, DecodeStatus.InvalidField)]         // input too large
    [InlineData(0, 1024, 65535, DecodeStatus.Truncated)]        // count × size far beyond the datagram
    [InlineData(0, 65535, 65535, DecodeStatus.InvalidField)]    // product overflows int
    [InlineData(int.MaxValue, 1, 2, DecodeStatus.InvalidField)] // frame range overflows
    [InlineData(-5, 1, 0, DecodeStatus.InvalidField)]           // negative start frame
    public void HostileInputHeadersAreClassified(int start, int size, int count, DecodeStatus expected)
    {
        var d = new byte[Protocol.HeaderSize + Protocol.InputFixedSize + (expected == DecodeStatus.InvalidField && start == int.MaxValue ? 2 : 0)];
        ProtocolCodec.TryEncodeKeepAlive(d, Messages.Envelope(), out _);
        d[2] = (byte)MessageType.Input;
        Span<byte> body = d.AsSpan(Protocol.HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(body, start);
        BinaryPrimitives.WriteUInt16LittleEndian(body.Slice(9), (ushort)size);
        BinaryPrimitives.WriteUInt16LittleEndian(body.Slice(11), (ushort)count);
        Assert.Equal(expected, ProtocolCodec.Decode(d, Messages.Session, out _));
    }

    [Fact]
    public void StatisticsCountEachOutcome()
    {
        var stats = new DecodeStatistics();
        Assert.True(stats.Record(DecodeStatus.Ok));
        Assert.False(stats.Record(DecodeStatus.BadMagic));
        Assert.False(stats.Record(DecodeStatus.BadMagic));
        Assert.Equal(1, stats.Accepted);
        Assert.Equal(2, stats.Rejected);
        Assert.Equal(2, stats[DecodeStatus.BadMagic]);
        Assert.Equal("Ok 1, BadMagic 2", stats.ToString());
        stats.Clear();
        Assert.Equal(0, stats.Rejected);
    }
}
