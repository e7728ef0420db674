using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests;

/// <summary>Zero managed allocation per datagram once warm (GC.GetAllocatedBytesForCurrentThread).</summary>
public class AllocationTests
{
    private static readonly byte[] Payload = new byte[96];
    private static readonly byte[] Buffer = new byte[SimulatedNetwork.DefaultMaxDatagramSize];

    private static long Traffic(SimulatedNetwork net, int ticks, int sendsPerTick)
    {
        long received = 0;
        for (int t = 0; t < ticks; t++)
        {
            for (int from = 0; from < net.PeerCount; from++)
            {
                if (net.IsStalled(from))
                {
                    continue;
                }

                SimulatedEndpoint endpoint = net[from];
                while (endpoint.TryReceive(Buffer, out int length, out PeerAddress sender))
                {
                    received += length;
                }

                for (int to = 0; to < net.PeerCount; to++)
                {
                    if (to != from)
                    {
                        PeerAddress address = net.AddressOf(to);
                        for (int k = 0; k < sendsPerTick; k++)
                        {
                            endpoint.TrySend(address, Payload);
                        }
                    }
                }
            }

            net.Advance();
        }

        return received;
    }

    [Fact]
    public void SimulatedNetworkSendAdvanceReceiveAllocatesNothing()
    {
        var net = new SimulatedNetwork(4, 5, new LinkConditions
        {
            LatencyTicks = 3, JitterTicks = 2, LossProbability = 0.15, DuplicateProbability = 0.05, ReorderProbability = 0.05,
        });
        net.AddPartition(0, 1, 5000, 5100);
        net.AddStall(2, 100, 250);
        net.AddStall(2, 5200, 5300);

        // Warm-up at a higher rate than measured (and with a longer stall), so the packet pool, the in-flight heap
        // and the receive queues reach their high-water mark.
        Traffic(net, 400, 4);
        Traffic(net, 100, 1);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long received = Traffic(net, 10_000, 2);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(received > 0);
        Assert.True(net.Counters.DroppedPartition > 0 && net.Counters.Duplicated > 0);
        Assert.Equal(0, allocated);
    }

    private static int EncodeDecodeAll(byte[] buffer, ReadOnlySpan<byte> inputs, ref long sink)
    {
        var env = new MessageEnvelope(Messages.Session, 1, 9);
        int ok = 0;
        int written;
        ProtocolMessage m;
        ProtocolCodec.TryEncode(buffer, env, new SyncRequest(1, 2, 4, 2), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        sink += (long)m.SyncRequest.Nonce;
        ProtocolCodec.TryEncode(buffer, env, new SyncReply(1, 2, SyncResult.Accepted), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncodeInput(buffer, env, 100, 90, 1, 4, inputs, out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        sink += m.GetInput<int>(3);
        ProtocolCodec.TryEncode(buffer, env, new InputAck(5), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncodeKeepAlive(buffer, env, out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncode(buffer, env, new QualityReport(77, 10, -2), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncode(buffer, env, new QualityReply(77), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncode(buffer, env, new ChecksumReport(10, 0xABCDEF), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncode(buffer, env, new DisconnectNotice(1, DisconnectReason.TimedOut, 50), out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;
        ProtocolCodec.TryEncodeConfirmedInput(buffer, env, 100, 2, 4, inputs, out written);
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.Ok ? 1 : 0;

        // A rejected datagram costs nothing either.
        buffer[0] ^= 0xFF;
        ok += ProtocolCodec.Decode(buffer.AsSpan(0, written), Messages.Session, out m) == DecodeStatus.BadMagic ? 1 : 0;
        return ok;
    }

    [Fact]
    public void EncodeAndDecodeAllocateNothing()
    {
        var buffer = new byte[Protocol.MaxDatagramSize];
        var inputs = new byte[4 * 40];
        long sink = 0;
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(11, EncodeDecodeAll(buffer, inputs, ref sink));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 10_000; i++)
        {
            total += EncodeDecodeAll(buffer, inputs, ref sink);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(110_000, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void UdpSendAndReceiveAllocateNothingOnNet8AndLater()
    {
        using UdpTransport a = UdpTransport.BindLoopback();
        using UdpTransport b = UdpTransport.BindLoopback();
        PeerAddress to = b.LocalAddress;
        var buffer = new byte[Protocol.MaxDatagramSize];

        var clock = Stopwatch.StartNew();

        int RoundTrips(int n)
        {
            int got = 0;
            clock.Restart();
            for (int i = 0; i < n; i++)
            {
                a.TrySend(to, Payload);
                while (!b.TryReceive(buffer, out _, out _))
                {
                    if (clock.ElapsedMilliseconds > 10_000)
                    {
                        return got;
                    }

                    Thread.SpinWait(10);
                }

                got++;
            }

            return got;
        }

        Assert.Equal(200, RoundTrips(200));
        long before = GC.GetAllocatedBytesForCurrentThread();
        int received = RoundTrips(2000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2000, received);
        Assert.Equal(0, allocated);
    }
}
