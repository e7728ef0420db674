using System;
using System.Collections.Generic;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests.P2P;

/// <summary>Checksum exchange and desync detection on its own, over a lossy simulated link.</summary>
public class ChecksumExchangeTests
{
    private sealed class Side
    {
        public Side(PeerConnection connection, NetworkStatistics stats, int interval)
        {
            Connection = connection;
            Exchange = new ChecksumExchange(1, interval, 50, stats);
            Exchange.Mismatch += (in PeerDesync d) => Desyncs.Add(d);
        }

        public PeerConnection Connection { get; }

        public ChecksumExchange Exchange { get; }

        public List<PeerDesync> Desyncs { get; } = new();

        public int Confirmed { get; set; } = -1;
    }

    private static void Pump(ConnectionPair pair, Side a, Side b, int ticks)
    {
        var buffer = new byte[Protocol.MaxDatagramSize + 64];
        for (int t = 0; t < ticks; t++)
        {
            foreach ((int endpoint, Side side) in new[] { (0, a), (1, b) })
            {
                while (pair.Network[endpoint].TryReceive(buffer, out int length, out _))
                {
                    if (ProtocolCodec.Decode(buffer.AsSpan(0, length), 77, out ProtocolMessage m) != DecodeStatus.Ok
                        || side.Connection.Receive(m, length, pair.Now, out _) != Reception.Deliver)
                    {
                        continue;
                    }

                    if (m.Type == MessageType.ChecksumReport)
                    {
                        side.Exchange.OnReport(side.Connection, m.ChecksumReport.Frame, m.ChecksumReport.Checksum, side.Confirmed, pair.Now);
                    }
                    else if (m.Type == MessageType.ChecksumAck)
                    {
                        side.Exchange.OnAck(side.Connection, m.ChecksumAck.Frame);
                    }
                }

                side.Connection.Tick(pair.Now, 0);
                side.Exchange.Tick(side.Confirmed, new[] { side.Connection }, pair.Now);
            }

            pair.AdvanceClock();
        }
    }

    private static (ConnectionPair Pair, Side A, Side B) Setup(ulong seed, double loss, int interval = 10)
    {
        var pair = new ConnectionPair(seed, new LinkConditions { LatencyTicks = 3 });
        pair.Run(30);
        Assert.True(pair.A.IsRunning && pair.B.IsRunning);
        pair.Network.SetAllLinks(new LinkConditions { LatencyTicks = 3, LossProbability = loss });
        return (pair, new Side(pair.A, pair.StatsA, interval), new Side(pair.B, pair.StatsB, interval));
    }

    [Theory]
    [InlineData(1UL, 0.0)]
    [InlineData(2UL, 0.4)]
    [InlineData(3UL, 0.7)]
    public void ReportsAreResentUntilAcknowledged_SoEveryDueFrameIsCompared(ulong seed, double loss)
    {
        var (pair, a, b) = Setup(seed, loss);
        for (int f = 0; f < 200; f++)
        {
            a.Confirmed = b.Confirmed = f;
            a.Exchange.OnConfirmed(f, (ulong)f * 31, false, new[] { a.Connection }, pair.Now);
            b.Exchange.OnConfirmed(f, (ulong)f * 31, false, new[] { b.Connection }, pair.Now);
            Pump(pair, a, b, 1);
        }

        Pump(pair, a, b, 400);
        Assert.True(a.Exchange.AllAcknowledged(0), "every report of A was acknowledged");
        Assert.True(b.Exchange.AllAcknowledged(0));
        Assert.Equal(20, pair.StatsB.ChecksumsCompared); // frames 0, 10, ..., 190: each compared exactly once
        Assert.Equal(20, pair.StatsA.ChecksumsCompared);
        Assert.Empty(a.Desyncs);
        if (loss > 0)
        {
            Assert.True(pair.StatsA.ChecksumsResent > 0);
        }
    }

    [Theory]
    [InlineData(1UL, 0.0, 57)]
    [InlineData(2UL, 0.5, 57)]
    [InlineData(3UL, 0.5, 3)]
    [InlineData(4UL, 0.8, 120)]
    public void ADivergence_IsFoundOnBothSides_AtTheSameFirstInterval(ulong seed, double loss, int divergeAt)
    {
        var (pair, a, b) = Setup(seed, loss);
        for (int f = 0; f < 200; f++)
        {
            a.Confirmed = b.Confirmed = f;
            a.Exchange.OnConfirmed(f, (ulong)f, false, new[] { a.Connection }, pair.Now);
            b.Exchange.OnConfirmed(f, f >= divergeAt ? (ulong)f + 1 : (ulong)f, false, new[] { b.Connection }, pair.Now);
            Pump(pair, a, b, 1);
        }

        Pump(pair, a, b, 400);
        int firstInterval = ((divergeAt + 9) / 10) * 10;
        Assert.Equal(firstInterval, a.Exchange.FirstMismatch);
        Assert.Equal(firstInterval, b.Exchange.FirstMismatch);
        Assert.Equal(a.Desyncs[0].LocalChecksum, b.Desyncs.Find(d => d.Frame == a.Desyncs[0].Frame).RemoteChecksum);
    }

    [Fact]
    public void AReportAheadOfConfirmation_IsComparedOnceTheFrameIsConfirmed()
    {
        var (pair, a, b) = Setup(5, 0);
        a.Confirmed = 30;
        b.Confirmed = -1;
        a.Exchange.OnConfirmed(30, 99, true, new[] { a.Connection }, pair.Now);
        Pump(pair, a, b, 10);
        Assert.Equal(0, pair.StatsB.ChecksumsCompared);
        Assert.Equal(30, b.Exchange.HighestReported(0));
        b.Confirmed = 30;
        b.Exchange.OnConfirmed(30, 98, true, new[] { b.Connection }, pair.Now);
        Pump(pair, a, b, 10);
        Assert.Equal(1, pair.StatsB.Desyncs);
        Assert.Equal(30, b.Desyncs[0].Frame);
    }
}
