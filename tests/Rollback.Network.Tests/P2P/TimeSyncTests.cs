using System;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests.P2P;

/// <summary>Time sync on its own: advice from frame advantages, threshold, clamp, interval, disabled.</summary>
public class TimeSyncTests
{
    private static PeerConnection Connection(int localAdvantage, int remoteAdvantage, int samples = 8)
    {
        var net = new SimulatedNetwork(2, 1);
        var c = new PeerConnection(0, net.AddressOf(1), new[] { 1 }, false, true, 1, new ConnectionSettings(1, 0, 1, 4, 2, 60, new PeerTimingOptions()), new Outbox(net[0], new NetworkStatistics()));
        for (int i = 0; i < samples; i++)
        {
            c.Advantage.AddLocal(localAdvantage);
            c.Advantage.AddRemote(remoteAdvantage);
        }

        return c;
    }

    private static int Advice(TimeSyncOptions options, params PeerConnection[] connections)
    {
        var sync = new TimeSync(options);
        sync.Update(0, connections);
        sync.Update(PeerTimingOptions.Ms(options.Interval), connections);
        return sync.FramesToWait;
    }

    [Theory]
    [InlineData(10, -10, 8)]   // 10 frames ahead: wait half the difference (10), clamped to 8
    [InlineData(6, -6, 6)]
    [InlineData(4, 0, 0)]      // 2 frames: below the threshold of 3
    [InlineData(-6, 6, 0)]     // behind: never wait
    public void AdviceIsHalfTheDifference_ThresholdedAndClamped(int local, int remote, int expected)
    {
        // Connections only count once running: run a handshake first.
        PeerConnection c = Running(Connection(local, remote));
        Assert.Equal(expected, Advice(new TimeSyncOptions(), c));
    }

    [Fact]
    public void TheMostAheadPeerDecides()
    {
        PeerConnection a = Running(Connection(4, -4));
        PeerConnection b = Running(Connection(12, -2));
        Assert.Equal(7, Advice(new TimeSyncOptions { MaxFrames = 20 }, a, b));
    }

    [Fact]
    public void Disabled_NeverWaits_AndWaitsAreTakenOneAtATime()
    {
        PeerConnection c = Running(Connection(10, -10));
        Assert.Equal(0, Advice(new TimeSyncOptions { Enabled = false }, c));
        var sync = new TimeSync(new TimeSyncOptions());
        sync.Update(0, new[] { c });
        sync.Update(1000, new[] { c });
        int taken = 0;
        while (sync.TakeWait())
        {
            taken++;
        }

        Assert.Equal(8, taken);
        sync.Update(1500, new[] { c }); // before the interval: no new advice
        Assert.False(sync.TakeWait());
    }

    [Fact]
    public void ConnectionsThatAreNotRunning_OrLackSamples_AreIgnored()
    {
        Assert.Equal(0, Advice(new TimeSyncOptions(), Connection(10, -10)));
        Assert.Equal(0, Advice(new TimeSyncOptions(), Running(Connection(10, -10, samples: 0))));
    }

    /// <summary>Completes a handshake with a scripted reply.</summary>
    internal static PeerConnection Running(PeerConnection c)
    {
        var buffer = new byte[64];
        Assert.True(ProtocolCodec.TryEncode(buffer, new MessageEnvelope(1, (byte)Math.Max(0, c.ExpectedSender), 0), new SyncReply(c.LocalNonce, 1, SyncResult.Accepted), out int n));
        Assert.Equal(DecodeStatus.Ok, ProtocolCodec.Decode(buffer.AsSpan(0, n), 1, out ProtocolMessage m));
        c.Receive(m, n, 0, out _);
        Assert.True(c.IsRunning);
        return c;
    }
}
