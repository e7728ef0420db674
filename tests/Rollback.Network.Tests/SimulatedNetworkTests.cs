using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests;

public class SimulatedNetworkTests
{
    /// <summary>One received datagram: when, where, from whom, and the payload's (sent tick, sequence).</summary>
    private readonly record struct Arrival(long Tick, int To, int From, long SentTick, int Seq, int Length);

    private static void SendStamp(SimulatedNetwork net, int from, int to, int seq, int length = 16)
    {
        Span<byte> payload = stackalloc byte[length];
        payload.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(payload, net.Now);
        BinaryPrimitives.WriteInt32LittleEndian(payload.Slice(8), seq);
        Assert.True(net[from].TrySend(net.AddressOf(to), payload));
    }

    private static void Drain(SimulatedNetwork net, int peer, List<Arrival> log)
    {
        Span<byte> buffer = stackalloc byte[SimulatedNetwork.DefaultMaxDatagramSize];
        while (net[peer].TryReceive(buffer, out int length, out PeerAddress from))
        {
            log.Add(new Arrival(net.Now, peer, net.PeerOf(from), BinaryPrimitives.ReadInt64LittleEndian(buffer), BinaryPrimitives.ReadInt32LittleEndian(buffer.Slice(8)), length));
        }
    }

    /// <summary>Every tick: drain every non-stalled peer, then each non-stalled peer sends one stamped datagram to every other peer, then the clock advances.</summary>
    private static List<Arrival> Run(SimulatedNetwork net, int ticks, int drainTicks = 64)
    {
        var log = new List<Arrival>();
        int seq = 0;
        for (int t = 0; t < ticks + drainTicks; t++)
        {
            for (int p = 0; p < net.PeerCount; p++)
            {
                if (!net.IsStalled(p))
                {
                    Drain(net, p, log);
                }
            }

            if (t < ticks)
            {
                for (int from = 0; from < net.PeerCount; from++)
                {
                    if (net.IsStalled(from))
                    {
                        continue;
                    }

                    for (int to = 0; to < net.PeerCount; to++)
                    {
                        if (to != from)
                        {
                            SendStamp(net, from, to, seq++);
                        }
                    }
                }
            }

            net.Advance();
        }

        return log;
    }

    [Theory]
    [InlineData(100, 30, 3)]
    [InlineData(200, 30, 6)]
    [InlineData(50, 30, 2)]
    [InlineData(75, 30, 2)]
    [InlineData(5000, 30, 150)]
    [InlineData(16, 60, 1)]
    [InlineData(-75, 30, -2)]
    public void MillisecondsConvertToTicks(int ms, int rate, int ticks)
    {
        Assert.Equal(ticks, NetworkTime.MillisecondsToTicks(ms, rate));
    }

    [Fact]
    public void TicksConvertToMilliseconds()
    {
        Assert.Equal(100, NetworkTime.TicksToMilliseconds(3, 30));
        Assert.Equal(33, NetworkTime.TicksToMilliseconds(1, 30));
        Assert.Equal(90, NetworkTime.SecondsToTicks(3, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkTime.MillisecondsToTicks(1, 0));
    }

    [Fact]
    public void ConditionsFromMillisecondsMatchTheScenarioList()
    {
        LinkConditions c = LinkConditions.FromMilliseconds(30, latencyMs: 100, jitterMs: 75, jitterRedrawMs: 200, lossProbability: 0.15);
        Assert.Equal(3, c.LatencyTicks);
        Assert.Equal(2, c.JitterTicks);
        Assert.Equal(6, c.JitterRedrawTicks);
        Assert.Equal(0.15, c.LossProbability);
        Assert.Throws<ArgumentOutOfRangeException>(() => LinkConditions.FromMilliseconds(30, 100, lossProbability: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedNetwork(2, 1).SetLink(0, 1, new LinkConditions { LatencyTicks = -1 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void LatencyInTicksIsExact(int latency)
    {
        var net = new SimulatedNetwork(2, 1, new LinkConditions { LatencyTicks = latency });
        net.Advance(5);
        SendStamp(net, 0, 1, 1);
        var buffer = new byte[64];
        for (int t = 0; t < latency; t++)
        {
            Assert.False(net[1].TryReceive(buffer, out _, out _), $"arrived early at +{t}");
            net.Advance();
        }

        Assert.True(net[1].TryReceive(buffer, out int length, out PeerAddress from));
        Assert.Equal(16, length);
        Assert.Equal(net.AddressOf(0), from);
        Assert.Equal(5 + latency, net.Now);
        Assert.False(net[1].TryReceive(buffer, out _, out _));
    }

    [Fact]
    public void PerPacketJitterStaysWithinBoundsAndCoversThem()
    {
        var net = new SimulatedNetwork(2, 11, new LinkConditions { LatencyTicks = 5, JitterTicks = 3 });
        List<Arrival> log = Run(net, 3000);
        int[] delays = log.Select(a => (int)(a.Tick - a.SentTick)).ToArray();
        Assert.Equal(6000, delays.Length);
        Assert.Equal(2, delays.Min());
        Assert.Equal(8, delays.Max());
        Assert.Equal(7, delays.Distinct().Count());
        Assert.True(net.Counters.Reordered > 0);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public void JitterRedrawnEvery200MsIsConstantWithinAWindow(uint seed)
    {
        // 100 ± 75 ms re-drawn every 200 ms at 30 ticks/s: 3 ± 2 ticks, one draw per 6-tick window.
        var net = new SimulatedNetwork(2, seed, LinkConditions.FromMilliseconds(30, 100, 75, 200));
        List<Arrival> log = Run(net, 1200);
        foreach (var window in log.Where(a => a.From == 0).GroupBy(a => a.SentTick / 6))
        {
            Assert.Single(window.Select(a => a.Tick - a.SentTick).Distinct());
        }

        long[] delays = log.Select(a => a.Tick - a.SentTick).ToArray();
        Assert.Equal(1, delays.Min());
        Assert.Equal(5, delays.Max());
        Assert.Equal(2400, log.Count);

        // The two directions draw independently.
        long[] forward = log.Where(a => a.From == 0).OrderBy(a => a.SentTick).Select(a => a.Tick - a.SentTick).ToArray();
        long[] backward = log.Where(a => a.From == 1).OrderBy(a => a.SentTick).Select(a => a.Tick - a.SentTick).ToArray();
        Assert.NotEqual(forward, backward);
    }

    [Theory]
    [InlineData(1UL, 0.15)]
    [InlineData(2UL, 0.15)]
    [InlineData(3UL, 0.02)]
    [InlineData(4UL, 0.5)]
    public void LossRateIsWithinStatisticalBounds(ulong seed, double loss)
    {
        const int n = 20000;
        var net = new SimulatedNetwork(2, seed, new LinkConditions { LatencyTicks = 2, LossProbability = loss });
        List<Arrival> log = Run(net, n / 2);
        double observed = net.Counters.DroppedLoss / (double)net.Counters.Sent;
        double sigma = Math.Sqrt(loss * (1 - loss) / n);
        Assert.InRange(observed, loss - (4 * sigma), loss + (4 * sigma));
        Assert.Equal(net.Counters.Sent - net.Counters.DroppedLoss, log.Count);
        Assert.Equal(log.Count, net.Counters.Delivered);
        Assert.Equal(log.Count, net.Counters.Received);
    }

    [Fact]
    public void LossOfZeroAndOneAreExact()
    {
        var none = new SimulatedNetwork(2, 5, new LinkConditions { LossProbability = 0 });
        Assert.Equal(2000, Run(none, 1000).Count);
        var all = new SimulatedNetwork(2, 5, new LinkConditions { LossProbability = 1 });
        Assert.Empty(Run(all, 1000));
        Assert.Equal(2000, all.Counters.DroppedLoss);
    }

    [Fact]
    public void DuplicatesArriveAndAreCounted()
    {
        var net = new SimulatedNetwork(2, 8, new LinkConditions { LatencyTicks = 1, DuplicateProbability = 0.2 });
        List<Arrival> log = Run(net, 5000);
        NetworkCounters c = net.Counters;
        Assert.Equal(10000, c.Sent);
        Assert.InRange(c.Duplicated, 1800, 2200);
        Assert.Equal(c.Sent + c.Duplicated, log.Count);
        Assert.Equal(c.Duplicated, log.GroupBy(a => a.Seq).Count(g => g.Count() == 2));
        Assert.DoesNotContain(log.GroupBy(a => a.Seq), g => g.Count() > 2);
    }

    [Fact]
    public void ExplicitReorderingIsObservedAndCounted()
    {
        var net = new SimulatedNetwork(2, 21, new LinkConditions { LatencyTicks = 2, ReorderProbability = 0.3, ReorderExtraTicks = 3 });
        List<Arrival> log = Run(net, 2000);
        List<int> order = log.Where(a => a.From == 0).Select(a => a.Seq).ToList();
        int inversions = order.Zip(order.Skip(1), (a, b) => a > b ? 1 : 0).Sum();
        Assert.True(inversions > 100, $"only {inversions} inversions");
        Assert.True(net.LinkCounters(0, 1).Reordered > 100);
        Assert.Equal(net.LinkCounters(0, 1).Reordered + net.LinkCounters(1, 0).Reordered, net.Counters.Reordered);
        Assert.Equal(4000, log.Count);
    }

    [Fact]
    public void FixedLatencyKeepsOrder()
    {
        var net = new SimulatedNetwork(3, 21, new LinkConditions { LatencyTicks = 4 });
        List<Arrival> log = Run(net, 500);
        foreach (var link in log.GroupBy(a => (a.From, a.To)))
        {
            int[] seqs = link.Select(a => a.Seq).ToArray();
            Assert.Equal(seqs.OrderBy(s => s), seqs);
        }

        Assert.Equal(0, net.Counters.Reordered);
        Assert.All(log, a => Assert.Equal(4, a.Tick - a.SentTick));
    }

    [Fact]
    public void PartitionDropsInItsRangeOnly()
    {
        var net = new SimulatedNetwork(2, 3, new LinkConditions { LatencyTicks = 3 });
        net.AddPartition(0, 1, 10, 20);
        List<Arrival> log = Run(net, 40);
        long[] sentAndArrived = log.Where(a => a.From == 0).Select(a => a.SentTick).ToArray();
        Assert.Equal(Enumerable.Range(0, 40).Where(t => t < 10 || t >= 20).Select(t => (long)t), sentAndArrived);
        Assert.Equal(40, log.Count(a => a.From == 1));
        Assert.Equal(10, net.Counters.DroppedPartition);
        Assert.Equal(10, net.LinkCounters(0, 1).DroppedPartition);
        Assert.True(net.IsPartitioned(0, 1, 10));
        Assert.False(net.IsPartitioned(0, 1, 20));
        Assert.False(net.IsPartitioned(1, 0, 15));
    }

    [Fact]
    public void IsolatedPeerIsCutBothWays()
    {
        var net = new SimulatedNetwork(3, 3);
        net.Isolate(2, 5, 15);
        List<Arrival> log = Run(net, 30);
        Assert.DoesNotContain(log, a => (a.From == 2 || a.To == 2) && a.SentTick >= 5 && a.SentTick < 15);
        Assert.Equal(40, net.Counters.DroppedPartition);
        Assert.Equal(30, log.Count(a => a.From == 0 && a.To == 1));
    }

    [Fact]
    public void StalledPeerGetsItsDatagramsAfterResuming()
    {
        // Peer 1 stops ticking for 5 s at 30 ticks/s, mid-run.
        var net = new SimulatedNetwork(2, 4, LinkConditions.FromMilliseconds(30, 100));
        int stallStart = 30, stallEnd = 30 + NetworkTime.SecondsToTicks(5, 30);
        net.AddStall(1, stallStart, stallEnd);
        Assert.False(net.IsStalled(1));
        Assert.True(net.IsStalled(1, stallStart));
        Assert.False(net.IsStalled(1, stallEnd));

        var buffer = new byte[64];
        var log = new List<Arrival>();
        int seq = 0;
        for (int t = 0; t < 300; t++)
        {
            if (t >= stallStart && t < stallEnd)
            {
                Assert.True(net[1].IsStalled);
                Assert.False(net[1].TrySend(net.AddressOf(0), buffer.AsSpan(0, 16)));
                Assert.False(net[1].TryReceive(buffer, out _, out _));
                if (t > stallStart + 3)
                {
                    Assert.True(net[1].Pending > 0);
                }
            }
            else
            {
                Drain(net, 1, log);
            }

            if (t < 200)
            {
                SendStamp(net, 0, 1, seq++);
            }

            net.Advance();
        }

        Assert.Equal(Enumerable.Range(0, 200), log.Select(a => a.Seq));
        List<Arrival> burst = log.Where(a => a.Tick == stallEnd).ToList();
        // Everything sent from 3 ticks before the stall (arriving at its first tick) to 3 ticks before its end
        // arrived while peer 1 was away and is received in one burst on the tick it resumes.
        Assert.Equal((stallEnd - 3) - (stallStart - 3) + 1, burst.Count);
        Assert.Equal(stallEnd - stallStart, net.Counters.RefusedWhileStalled);
    }

    [Fact]
    public void SameSeedSameSendsGiveTheSameDeliveries()
    {
        static List<Arrival> Scenario(ulong seed)
        {
            var net = new SimulatedNetwork(3, seed, new LinkConditions
            {
                LatencyTicks = 3, JitterTicks = 2, LossProbability = 0.1, DuplicateProbability = 0.05, ReorderProbability = 0.05,
            });
            net.SetLink(2, 0, LinkConditions.FromMilliseconds(30, 100, 75, 200, 0.15));
            net.AddPartitionBothWays(0, 1, 100, 130);
            net.AddStall(2, 200, 260);
            return Run(net, 600);
        }

        List<Arrival> a = Scenario(1234), b = Scenario(1234), c = Scenario(1235);
        Assert.True(a.Count > 2000);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void TrafficOnOneLinkDoesNotChangeAnother()
    {
        static List<Arrival> Scenario(bool extraTraffic)
        {
            var net = new SimulatedNetwork(3, 77, new LinkConditions { LatencyTicks = 2, JitterTicks = 2, LossProbability = 0.2 });
            var log = new List<Arrival>();
            for (int t = 0; t < 500; t++)
            {
                SendStamp(net, 0, 1, t);
                if (extraTraffic)
                {
                    SendStamp(net, 2, 1, t);
                    SendStamp(net, 1, 2, t);
                }

                net.Advance();
                Drain(net, 1, log);
                Drain(net, 2, new List<Arrival>());
            }

            return log.Where(x => x.From == 0).ToList();
        }

        Assert.Equal(Scenario(false), Scenario(true));
    }

    [Fact]
    public void CountersAddUp()
    {
        var net = new SimulatedNetwork(4, 99, new LinkConditions { LatencyTicks = 2, JitterTicks = 2, LossProbability = 0.1, DuplicateProbability = 0.1, ReorderProbability = 0.1 });
        net.AddPartition(1, 2, 50, 80);
        net.ReceiveQueueCapacity = 8;
        net.AddStall(3, 100, 140);
        List<Arrival> log = Run(net, 300, drainTicks: 0);
        Assert.True(net[0].TrySend(PeerAddress.FromId(17), new byte[4]));
        Assert.True(net[0].TrySend(PeerAddress.FromIPv4(0x7F000001, 1), new byte[4]));

        NetworkCounters c = net.Counters;
        Assert.Equal(c.Sent - c.DroppedLoss - c.DroppedPartition - c.DroppedUnroutable + c.Duplicated, c.Delivered + c.DroppedOverflow + net.InFlight);
        Assert.Equal(2, c.DroppedUnroutable);
        Assert.True(c.DroppedOverflow > 0, "the stalled peer's queue overflowed");
        Assert.Equal(log.Count, c.Received);
        Assert.Equal(c.Delivered - c.Received, Enumerable.Range(0, 4).Sum(p => net[p].Pending));
        Assert.Equal(log.Sum(a => (long)a.Length), c.Received * 16);

        long sent = 0, delivered = 0, bytes = 0, lost = 0, dup = 0, reordered = 0;
        for (int from = 0; from < 4; from++)
        {
            for (int to = 0; to < 4; to++)
            {
                NetworkCounters l = net.LinkCounters(from, to);
                sent += l.Sent;
                delivered += l.Delivered;
                bytes += l.BytesDelivered;
                lost += l.DroppedLoss;
                dup += l.Duplicated;
                reordered += l.Reordered;
            }
        }

        Assert.Equal(c.Sent - c.DroppedUnroutable, sent);
        Assert.Equal(c.Delivered, delivered);
        Assert.Equal(c.BytesDelivered, bytes);
        Assert.Equal(c.DroppedLoss, lost);
        Assert.Equal(c.Duplicated, dup);
        Assert.Equal(c.Reordered, reordered);
        Assert.Contains("sent", c.ToString());
    }

    [Fact]
    public void OversizedSendsAreRefusedAndShortBuffersTruncate()
    {
        var net = new SimulatedNetwork(2, 1, maxDatagramSize: 100);
        Assert.False(net[0].TrySend(net.AddressOf(1), new byte[101]));
        Assert.Equal(1, net.Counters.RefusedOversized);
        byte[] payload = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        Assert.True(net[0].TrySend(net.AddressOf(1), payload));
        var small = new byte[10];
        Assert.True(net[1].TryReceive(small, out int length, out _));
        Assert.Equal(10, length);
        Assert.Equal(payload.Take(10), small);
    }

    [Fact]
    public void AddressesIdentifyPeers()
    {
        var net = new SimulatedNetwork(3, 1);
        Assert.Equal(PeerAddress.FromId(2), net[2].Address);
        Assert.Equal(2, net.PeerOf(net[2].Address));
        Assert.Equal(-1, net.PeerOf(PeerAddress.FromId(3)));
        Assert.Equal(-1, net.PeerOf(PeerAddress.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => net[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Advance(-1));
    }
}
