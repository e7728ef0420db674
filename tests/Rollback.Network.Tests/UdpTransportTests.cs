using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;

namespace Rollback.Network.Tests;

/// <summary>Real sockets, loopback only (127.0.0.1), bounded loops with deadlines.</summary>
public class UdpTransportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static UdpTransport[] Open(int count)
    {
        var transports = new UdpTransport[count];
        for (int i = 0; i < count; i++)
        {
            transports[i] = UdpTransport.BindLoopback();
        }

        return transports;
    }

    private static void Exchange(int peers, int perLink)
    {
        UdpTransport[] t = Open(peers);
        try
        {
            Assert.All(t, x => Assert.Equal(IPAddress.Loopback, x.LocalEndPoint.Address));
            Assert.Equal(peers, t.Select(x => x.LocalAddress).Distinct().Count());
            var received = new HashSet<(int To, int From, int Seq)>();
            var buffer = new byte[Protocol.MaxDatagramSize];
            var payload = new byte[64];
            int expected = peers * (peers - 1) * perLink;
            int sentSeq = 0;
            var clock = Stopwatch.StartNew();

            // Send in rounds interleaved with receiving, so no kernel buffer ever fills.
            while (received.Count < expected && clock.Elapsed < Deadline)
            {
                if (sentSeq < perLink)
                {
                    for (int from = 0; from < peers; from++)
                    {
                        for (int to = 0; to < peers; to++)
                        {
                            if (from != to)
                            {
                                BinaryPrimitives.WriteInt32LittleEndian(payload, from);
                                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), sentSeq);
                                Assert.True(t[from].TrySend(t[to].LocalAddress, payload));
                            }
                        }
                    }

                    sentSeq++;
                }

                bool any = false;
                for (int to = 0; to < peers; to++)
                {
                    while (t[to].TryReceive(buffer, out int length, out PeerAddress from))
                    {
                        any = true;
                        Assert.Equal(payload.Length, length);
                        int sender = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                        Assert.Equal(t[sender].LocalAddress, from);
                        Assert.True(received.Add((to, sender, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(4)))));
                    }
                }

                if (!any && sentSeq >= perLink)
                {
                    Thread.Sleep(1);
                }
            }

            Assert.Equal(expected, received.Count);
            Assert.All(t, x => Assert.Equal((peers - 1) * perLink, x.DatagramsReceived));
            Assert.All(t, x => Assert.Equal((peers - 1) * perLink, x.DatagramsSent));
            Assert.All(t, x => Assert.Equal(0, x.SendFailures));
        }
        finally
        {
            foreach (UdpTransport x in t)
            {
                x.Dispose();
            }
        }
    }

    [Fact]
    public void TwoEndpointsExchangeDatagrams() => Exchange(2, 200);

    [Fact]
    public void FourEndpointsExchangeDatagrams() => Exchange(4, 100);

    [Fact]
    public void EmptyReceiveReturnsFalseWithoutThrowing()
    {
        using UdpTransport t = UdpTransport.BindLoopback();
        var buffer = new byte[Protocol.MaxDatagramSize];
        for (int i = 0; i < 1000; i++)
        {
            Assert.False(t.TryReceive(buffer, out int length, out PeerAddress from));
            Assert.Equal(0, length);
            Assert.True(from.IsNone);
        }

        Assert.Equal(0, t.ReceiveErrors);
    }

    [Fact]
    public void SendingToAClosedPortDoesNotThrow()
    {
        using UdpTransport a = UdpTransport.BindLoopback();
        PeerAddress closed;
        using (UdpTransport b = UdpTransport.BindLoopback())
        {
            closed = b.LocalAddress;
        }

        var buffer = new byte[Protocol.MaxDatagramSize];
        for (int i = 0; i < 20; i++)
        {
            a.TrySend(closed, buffer.AsSpan(0, 16));
            Assert.False(a.TryReceive(buffer, out _, out _));
        }
    }

    [Fact]
    public void UnsupportedAndOversizedSendsFail()
    {
        using UdpTransport a = UdpTransport.BindLoopback();
        Assert.False(a.TrySend(PeerAddress.FromId(1), new byte[4]));
        Assert.False(a.TrySend(a.LocalAddress, new byte[UdpTransport.MaxUdpPayload + 1]));
        Assert.Equal(2, a.SendFailures);
    }

    [Fact]
    public void ADatagramLongerThanTheBufferIsSkipped()
    {
        using UdpTransport a = UdpTransport.BindLoopback();
        using UdpTransport b = UdpTransport.BindLoopback();
        Assert.True(a.TrySend(b.LocalAddress, new byte[500]));
        Assert.True(a.TrySend(b.LocalAddress, new byte[8]));
        var small = new byte[64];
        var lengths = new List<int>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline && !lengths.Contains(8))
        {
            if (b.TryReceive(small, out int length, out _))
            {
                lengths.Add(length);
            }
        }

        // The long datagram is dropped (or, on a platform that truncates, arrives cut to the buffer); never an exception.
        Assert.Contains(8, lengths);
        Assert.True(lengths.Count == 1 ? b.ReceiveErrors == 1 : lengths[0] == 64);
    }

    [Fact]
    public void DisposedTransportRefusesQuietly()
    {
        UdpTransport a = UdpTransport.BindLoopback();
        PeerAddress self = a.LocalAddress;
        a.Dispose();
        a.Dispose();
        Assert.False(a.TrySend(self, new byte[4]));
        Assert.False(a.TryReceive(new byte[16], out _, out _));
    }

    [Fact]
    public void PeerAddressesConvertAndCompare()
    {
        var ep = new IPEndPoint(IPAddress.Loopback, 7000);
        PeerAddress a = PeerAddress.FromIPEndPoint(ep);
        Assert.Equal(PeerAddressKind.IPv4, a.Kind);
        Assert.Equal(PeerAddress.FromIPv4(0x7F000001, 7000), a);
        Assert.Equal(ep, a.ToIPEndPoint());
        Assert.Equal("127.0.0.1:7000", a.ToString());
        Assert.Equal(a.GetHashCode(), PeerAddress.FromIPv4(0x7F000001, 7000).GetHashCode());
        Assert.NotEqual(a, PeerAddress.FromIPv4(0x7F000001, 7001));
        Assert.True(a != PeerAddress.FromId(0x7F000001));

        // IPv4-mapped IPv6 is the IPv4 identity; a real IPv6 address is kept (no socket involved).
        PeerAddress mapped = PeerAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 7000));
        Assert.Equal(a, mapped);
        PeerAddress v6 = PeerAddress.FromIPEndPoint(new IPEndPoint(IPAddress.IPv6Loopback, 9));
        Assert.Equal(PeerAddressKind.IPv6, v6.Kind);
        Assert.Equal("[::1]:9", v6.ToString());
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9), v6.ToIPEndPoint());
        Assert.Equal("id:5", PeerAddress.FromId(5).ToString());
        Assert.Equal("none", default(PeerAddress).ToString());
        Assert.False(PeerAddress.TryFromAddressBytes(new byte[5], 1, out _));
        Assert.Throws<InvalidOperationException>(() => PeerAddress.FromId(1).ToIPEndPoint());
    }
}
