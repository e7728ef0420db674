using System;
using System.Collections.Generic;
using Rollback.Network.Simulation;

namespace Rollback.Network.Tests.P2P;

/// <summary>The reliable chunked payload of a connection: windows, resends under loss, reordering, bounds.</summary>
public class PayloadChannelTests
{
    [Theory]
    [InlineData(1UL, 0, 0.0, 0)]
    [InlineData(2UL, 1, 0.0, 0)]
    [InlineData(3UL, 100_000, 0.0, 0)]
    [InlineData(4UL, 100_000, 0.3, 0)]
    [InlineData(5UL, 250_000, 0.5, 3)]
    [InlineData(6UL, PayloadChannel.ChunkSize * 5, 0.2, 2)]
    public void APayload_ArrivesWhole_UnderLossAndReordering(ulong seed, int size, double loss, int jitter)
    {
        var pair = new ConnectionPair(seed, new LinkConditions { LatencyTicks = 3 });
        pair.Run(30);
        Assert.True(pair.A.IsRunning && pair.B.IsRunning);
        pair.Network.SetAllLinks(new LinkConditions { LatencyTicks = 3, JitterTicks = jitter, LossProbability = loss });
        var payload = new byte[size];
        new TestRandom(seed).Fill(payload);
        var received = new List<(uint, byte[])>();
        var delivered = new List<uint>();
        pair.B.Payload.Received += (id, bytes) => received.Add((id, bytes));
        pair.A.Payload.Delivered += id => delivered.Add(id);
        uint transfer = pair.A.Payload.Send(payload);
        int ticks = 0;
        while (delivered.Count == 0 && ticks < 5000)
        {
            pair.Run(1);
            ticks++;
        }

        Assert.Single(received);
        Assert.Equal(transfer, received[0].Item1);
        Assert.Equal(payload, received[0].Item2);
        Assert.Equal(new[] { transfer }, delivered);
        Assert.False(pair.A.Payload.IsSending);

        // Sent in windows, not one chunk per round trip (a round trip is 6 ticks here).
        int chunks = (size + PayloadChannel.ChunkSize - 1) / PayloadChannel.ChunkSize;
        Assert.True(ticks < 60 + (chunks * 6 / 16 * (loss > 0 ? 4 : 1)), $"{ticks} ticks for {chunks} chunks");
    }

    [Fact]
    public void APayloadOverTheReceiversBound_IsRefused_NeverAllocated()
    {
        var pair = new ConnectionPair(7, new LinkConditions { LatencyTicks = 2 });
        pair.Run(20);
        var received = new List<byte[]>();
        pair.B.Payload.Received += (_, bytes) => received.Add(bytes);
        pair.A.Payload.Send(new byte[(1 << 20) + 1]);
        pair.Run(100);
        Assert.Empty(received);
        Assert.True(pair.B.Payload.Refused > 0);
        Assert.True(pair.A.Payload.IsSending);
    }

    [Fact]
    public void OnePayloadAtATime_AndTheNextOneAfterDelivery()
    {
        var pair = new ConnectionPair(8, new LinkConditions { LatencyTicks = 2 });
        pair.Run(20);
        var received = new List<byte[]>();
        pair.B.Payload.Received += (_, bytes) => received.Add(bytes);
        pair.A.Payload.Send(new byte[] { 1, 2, 3 });
        Assert.Throws<InvalidOperationException>(() => pair.A.Payload.Send(new byte[] { 4 }));
        pair.Run(30);
        pair.A.Payload.Send(new byte[] { 4 });
        pair.Run(30);
        Assert.Equal(2, received.Count);
        Assert.Equal(new byte[] { 4 }, received[1]);
    }
}
