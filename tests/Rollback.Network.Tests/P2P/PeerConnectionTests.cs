using System;
using System.Linq;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests.P2P;

/// <summary>The protocol object of one remote endpoint, on its own: handshake, sequence numbers, acks, quality, timeouts.</summary>
public class PeerConnectionTests
{
    private static LinkConditions Link(int latencyMs, double loss = 0, double duplicate = 0) =>
        new LinkConditions { LatencyTicks = latencyMs / ConnectionPair.MsPerTick, LossProbability = loss, DuplicateProbability = duplicate };

    [Theory]
    [InlineData(1UL, 0, 0.0)]
    [InlineData(2UL, 50, 0.0)]
    [InlineData(3UL, 50, 0.3)]
    [InlineData(4UL, 120, 0.5)]
    public void Handshake_BothSidesAccept_AndTheConnectionRuns(ulong seed, int latencyMs, double loss)
    {
        var pair = new ConnectionPair(seed, Link(latencyMs, loss));
        Assert.Equal(ConnectionState.Synchronizing, pair.A.State);
        pair.Run(600);
        Assert.Equal(ConnectionState.Running, pair.A.State);
        Assert.Equal(ConnectionState.Running, pair.B.State);
        Assert.True(pair.A.TheyAccepted && pair.A.WeAccepted && pair.B.TheyAccepted && pair.B.WeAccepted);
        Assert.Equal(pair.B.LocalNonce, pair.A.RemoteNonce);
        Assert.Equal(pair.A.LocalNonce, pair.B.RemoteNonce);
        Assert.Empty(pair.AlarmsA);
        Assert.Empty(pair.AlarmsB);
    }

    [Fact]
    public void Nonces_AreDrawnAtRandom_PerConnection()
    {
        var pairs = Enumerable.Range(0, 20).Select(i => new ConnectionPair((ulong)i)).ToArray();
        Assert.Equal(40, pairs.SelectMany(p => new[] { p.A.LocalNonce, p.B.LocalNonce }).Distinct().Count());
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Handshake_WithADifferentConfiguration_FailsBothSidesAtOnce_WithTheReason(ulong seed)
    {
        var pair = new ConnectionPair(seed, Link(30), configA: 1, configB: 2);
        pair.Run(20);
        Assert.Equal(ConnectionState.Failed, pair.A.State);
        Assert.Equal(ConnectionState.Failed, pair.B.State);
        Assert.Equal(SessionFailureReason.ConfigurationMismatch, pair.A.Failure);
        Assert.Equal(SessionFailureReason.ConfigurationMismatch, pair.B.Failure);
        Assert.True(pair.A.Stats.Rejected);
    }

    [Theory]
    [InlineData(1UL, 1000)]
    [InlineData(2UL, 3000)]
    public void Handshake_WithASilentPeer_FailsAfterTheHandshakeTimeout_NotBefore(ulong seed, int timeoutMs)
    {
        var timing = new PeerTimingOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(timeoutMs) };
        var pair = new ConnectionPair(seed, Link(20), timing: timing) { BAlive = false };
        pair.Run((timeoutMs / ConnectionPair.MsPerTick) - 5);
        Assert.Equal(ConnectionState.Synchronizing, pair.A.State);
        Assert.Empty(pair.AlarmsA);
        pair.Run(10);
        Assert.Equal(ConnectionState.Failed, pair.A.State);
        Assert.Equal(SessionFailureReason.HandshakeTimedOut, pair.A.Failure);
        Assert.Equal(new[] { ConnectionAlarm.Failed }, pair.AlarmsA);
    }

    [Theory]
    [InlineData(1UL, 500)]
    [InlineData(2UL, 2500)]
    public void Handshake_WithAPeerThatStartsLateWithinTheTimeout_Runs(ulong seed, int lateMs)
    {
        var timing = new PeerTimingOptions { HandshakeTimeout = TimeSpan.FromSeconds(3) };
        var pair = new ConnectionPair(seed, Link(40, 0.1), timing: timing) { BAlive = false };
        pair.Run(lateMs / ConnectionPair.MsPerTick);
        pair.BAlive = true;
        pair.Run(200);
        Assert.Equal(ConnectionState.Running, pair.A.State);
        Assert.Equal(ConnectionState.Running, pair.B.State);
        Assert.Empty(pair.AlarmsA);
    }

    [Fact]
    public void Sequence_ADuplicatedOrReplayedDatagramIsRejected_AndAnOldOneIsStale()
    {
        var pair = new ConnectionPair(5, Link(10));
        pair.Run(30);
        Assert.Equal(ConnectionState.Running, pair.A.State);
        byte[] Ack(uint seq)
        {
            var buffer = new byte[64];
            Assert.True(ProtocolCodec.TryEncode(buffer, new MessageEnvelope(77, 0, seq), new InputAck(3), out int n));
            return buffer.AsSpan(0, n).ToArray();
        }

        uint next = pair.A.NextSequence + 1000; // B's own numbering is elsewhere; any fresh number is newer
        Assert.Equal(Reception.Deliver, pair.Inject(1, Ack(next)).What);
        Assert.Equal(Reception.Dropped, pair.Inject(1, Ack(next)).What);
        Assert.Equal(DropReason.Duplicate, pair.Inject(1, Ack(next)).Drop);
        Assert.Equal(Reception.Deliver, pair.Inject(1, Ack(next - 3)).What); // reordered, inside the window
        Assert.Equal(DropReason.Duplicate, pair.Inject(1, Ack(next - 3)).Drop);
        Assert.Equal(DropReason.Stale, pair.Inject(1, Ack(next - SequenceWindow.Size - 1)).Drop);
        Assert.Equal(DropReason.Stale, pair.Inject(1, Ack(next + SequenceWindow.MaxJump + 1)).Drop);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Sequence_NetworkDuplicatesNeverReachTheSession(ulong seed)
    {
        var pair = new ConnectionPair(seed, Link(30, 0.05, duplicate: 0.5));
        pair.Run(400);
        Assert.Equal(ConnectionState.Running, pair.A.State);
        Assert.True(pair.Network.Counters.Duplicated > 10);
        Assert.Contains(pair.ReceivedByA, r => r.Drop == DropReason.Duplicate && r.What == Reception.Dropped);
        Assert.DoesNotContain(pair.ReceivedByA, r => r.What == Reception.Deliver);
    }

    [Fact]
    public void AHeaderWithAnotherSenderIsRejected()
    {
        var pair = new ConnectionPair(6, Link(10));
        pair.Run(30);
        var buffer = new byte[64];
        Assert.True(ProtocolCodec.TryEncode(buffer, new MessageEnvelope(77, 1, 5000), new InputAck(3), out int n));
        Assert.Equal(DropReason.WrongSender, pair.Inject(1, buffer.AsSpan(0, n)).Drop);
    }

    [Theory]
    [InlineData(1UL, 40)]
    [InlineData(2UL, 100)]
    [InlineData(3UL, 200)]
    public void Quality_MeasuresTheRoundTrip(ulong seed, int oneWayMs)
    {
        var pair = new ConnectionPair(seed, Link(oneWayMs));
        pair.Run(500);
        Assert.InRange(pair.A.RoundTripMs, (2 * oneWayMs) - ConnectionPair.MsPerTick, (2 * oneWayMs) + (3 * ConnectionPair.MsPerTick));
        Assert.Equal(pair.A.RoundTripMs, pair.A.Stats.RoundTripMs);
    }

    [Fact]
    public void Quality_ReportsFrameAdvantage_OfAPeerThatRunsAhead()
    {
        var pair = new ConnectionPair(9, Link(30));
        for (int t = 0; t < 300; t++)
        {
            pair.Run(1, frameA: t + 20, frameB: t); // A is 20 frames ahead (100 fps clock: one frame per tick)
        }

        Assert.True(pair.A.Advantage.HasBoth);
        Assert.InRange(pair.A.Advantage.LocalAverage, 14, 26);
        Assert.InRange(pair.B.Advantage.LocalAverage, -26, -14);
    }

    [Fact]
    public void KeepAlives_KeepAnIdleConnectionAlive_AndSilenceTimesItOut()
    {
        var timing = new PeerTimingOptions { DisconnectTimeout = TimeSpan.FromSeconds(2), QualityReportInterval = TimeSpan.FromSeconds(5) };
        var pair = new ConnectionPair(10, Link(20), timing: timing);
        pair.Run(1000); // 10 s with nothing but protocol traffic
        Assert.Empty(pair.AlarmsA);
        Assert.Contains(pair.ReceivedByA, r => r.Type == MessageType.KeepAlive && r.What == Reception.Handled);
        pair.BAlive = false;
        pair.Run(170); // silent for at most 1.7 s + one keep-alive interval + the latency: under the 2 s timeout
        Assert.Empty(pair.AlarmsA);
        pair.Run(60);
        Assert.Contains(ConnectionAlarm.TimedOut, pair.AlarmsA);
        Assert.True(pair.A.Stats.Interrupted);
    }

    [Fact]
    public void Acks_OnlyGrow_AndNeverPassWhatWasSent()
    {
        var pair = new ConnectionPair(11);
        pair.A.OnAck(10, limit: 20);
        pair.A.OnAck(5, limit: 20);
        Assert.Equal(10, pair.A.AckOfMine);
        pair.A.OnAck(99, limit: 30);
        Assert.Equal(30, pair.A.AckOfMine);
    }

    [Fact]
    public void Restart_OfARunningPeer_IsRefusedWithAReason_NeverAccepted()
    {
        var pair = new ConnectionPair(12, Link(20));
        pair.Run(50);
        Assert.Equal(ConnectionState.Running, pair.A.State);
        ulong oldNonce = pair.A.RemoteNonce;
        pair.RestartB();
        Assert.NotEqual(oldNonce, pair.B.LocalNonce);
        pair.Run(50);
        Assert.Contains(pair.ReceivedByA, r => r.What == Reception.Restarted);
        Assert.Equal(ConnectionState.Failed, pair.B.State);
        Assert.Equal(SessionFailureReason.SessionInProgress, pair.B.Failure);
        Assert.Equal(oldNonce, pair.A.RemoteNonce);
    }

    [Fact]
    public void Restart_AfterTheOldInstanceWasDropped_IsStillAnsweredWithTheReason()
    {
        var pair = new ConnectionPair(13, Link(20, 0.3));
        pair.Run(80);
        pair.A.Disconnect(DisconnectReason.Restarted);
        pair.RestartB();
        pair.Run(300);
        Assert.Equal(SessionFailureReason.SessionInProgress, pair.B.Failure);
    }

    [Fact]
    public void Restart_OfASpectator_Rejoins_FromNothingAcknowledged()
    {
        // A is the host side of a spectator connection (B initiates, A only answers).
        var hostSide = new ConnectionPair(14, Link(20), bInitiates: false);
        hostSide.Run(50);
        Assert.Equal(ConnectionState.Running, hostSide.B.State); // B answers only: running once it accepted
        hostSide.B.OnAck(500, limit: 1000);
        Assert.Equal(500, hostSide.B.AckOfMine);
        ulong before = hostSide.B.RemoteNonce;
        var buffer = new byte[64];
        Assert.True(ProtocolCodec.TryEncode(buffer, new MessageEnvelope(77, 0, 0), new SyncRequest(before ^ 0x55, 1, 4, 2), out int n));
        Assert.Equal(Reception.Handled, hostSide.Inject(1, buffer.AsSpan(0, n)).What);
        Assert.Equal(-1, hostSide.B.AckOfMine);
        Assert.Equal(ConnectionState.Running, hostSide.B.State);
    }

    [Theory]
    [InlineData(1000, 5000)]
    [InlineData(8000, 2000)]
    public void HostSide_OfASpectator_WaitsForItsHandshake_TheLongerOfTheHandshakeAndDisconnectTimeouts(int handshakeMs, int disconnectMs)
    {
        var net = new SimulatedNetwork(2, 1);
        var timing = new PeerTimingOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(handshakeMs), DisconnectTimeout = TimeSpan.FromMilliseconds(disconnectMs) };
        var settings = new ConnectionSettings(77, 1, 1, 4, 2, 100, timing);
        var host = new PeerConnection(0, net.AddressOf(0), Array.Empty<int>(), isSpectator: true, initiates: false, expectedSender: Protocol.NoPlayer, settings, new Outbox(net[1], new NetworkStatistics()));
        long wait = Math.Max(handshakeMs, disconnectMs);
        Assert.Equal(ConnectionAlarm.None, host.Tick(0, 0));
        Assert.Equal(ConnectionAlarm.None, host.Tick(Math.Min(handshakeMs, disconnectMs) + 1, 0)); // past the shorter one: still waiting
        Assert.Equal(ConnectionAlarm.None, host.Tick(wait, 0));
        Assert.Equal(ConnectionState.Synchronizing, host.State);
        Assert.Equal(ConnectionAlarm.TimedOut, host.Tick(wait + 1, 0));
        Assert.Equal(ConnectionState.Disconnected, host.State);
    }
}
