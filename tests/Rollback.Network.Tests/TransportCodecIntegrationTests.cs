using System;
using System.Collections.Generic;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests;

/// <summary>The codec over a transport, as a session uses them: redundant inputs survive loss; junk is counted, never thrown.</summary>
public class TransportCodecIntegrationTests
{
    [Fact]
    public void RedundantInputsSurviveLossyJitteryLinks()
    {
        // Peer 0 sends every input not yet acknowledged, each tick; peer 1 acks what it has contiguously.
        var net = new SimulatedNetwork(2, 2024, LinkConditions.FromMilliseconds(30, 100, 75, 200, lossProbability: 0.15, duplicateProbability: 0.05));
        IDatagramTransport sender = net[0], receiver = net[1];
        const int frames = 600;
        var inputs = new int[frames];
        for (int f = 0; f < frames; f++)
        {
            inputs[f] = (f * 7919) ^ 0x5A5A;
        }

        var got = new int?[frames];
        int acked = Protocol.NoFrame, contiguous = Protocol.NoFrame;
        var buffer = new byte[Protocol.MaxDatagramSize];
        var stats0 = new DecodeStatistics();
        var stats1 = new DecodeStatistics();
        uint seq = 0;

        for (int tick = 0; tick < frames + 200 && contiguous < frames - 1; tick++)
        {
            // Peer 1: receive inputs, then ack.
            while (receiver.TryReceive(buffer, out int length, out PeerAddress from))
            {
                Assert.Equal(net.AddressOf(0), from);
                if (!stats1.Record(ProtocolCodec.Decode(buffer.AsSpan(0, length), Messages.Session, out ProtocolMessage m)))
                {
                    continue;
                }

                Assert.Equal(MessageType.Input, m.Type);
                for (int i = 0; i < m.Input.Count; i++)
                {
                    got[m.Input.StartFrame + i] = m.GetInput<int>(i);
                }

                while (contiguous + 1 < frames && got[contiguous + 1] is not null)
                {
                    contiguous++;
                }
            }

            Assert.True(ProtocolCodec.TryEncode(buffer, new MessageEnvelope(Messages.Session, 1, seq++), new InputAck(contiguous), out int ackLength));
            receiver.TrySend(net.AddressOf(0), buffer.AsSpan(0, ackLength));

            // Peer 0: read acks, then send everything unacked up to the current frame.
            while (sender.TryReceive(buffer, out int length, out _))
            {
                if (stats0.Record(ProtocolCodec.Decode(buffer.AsSpan(0, length), Messages.Session, out ProtocolMessage m)))
                {
                    acked = Math.Max(acked, m.InputAck.AckFrame);
                }
            }

            int last = Math.Min(tick, frames - 1);
            int first = acked + 1;
            if (first <= last)
            {
                int count = Math.Min(last - first + 1, ProtocolCodec.MaxInputsPerDatagram(sizeof(int)));
                Assert.True(ProtocolCodec.TryEncodeInput<int>(buffer, new MessageEnvelope(Messages.Session, 0, seq++), first, contiguous, 0, inputs.AsSpan(first, count), out int written));
                sender.TrySend(net.AddressOf(1), buffer.AsSpan(0, written));
            }

            net.Advance();
        }

        Assert.Equal(frames - 1, contiguous);
        for (int f = 0; f < frames; f++)
        {
            Assert.Equal(inputs[f], got[f]);
        }

        Assert.True(net.Counters.DroppedLoss > 50, net.Counters.ToString());
        Assert.Equal(0, stats0.Rejected + stats1.Rejected);
    }

    [Fact]
    public void JunkFromTheNetworkIsCountedAndDropped()
    {
        var net = new SimulatedNetwork(3, 1);
        var rng = new TestRandom(5);
        var junk = new byte[200];
        for (int i = 0; i < 500; i++)
        {
            rng.Fill(junk);
            net[2].TrySend(net.AddressOf(0), junk.AsSpan(0, rng.Next(0, junk.Length)));
        }

        byte[] otherSession = Messages.Encode(MessageType.KeepAlive, rng);
        otherSession[4] ^= 1;
        net[1].TrySend(net.AddressOf(0), otherSession);
        net[1].TrySend(net.AddressOf(0), Messages.Encode(MessageType.ChecksumReport, rng));

        var stats = new DecodeStatistics();
        var buffer = new byte[Protocol.MaxDatagramSize];
        while (net[0].TryReceive(buffer, out int length, out _))
        {
            stats.Record(ProtocolCodec.Decode(buffer.AsSpan(0, length), Messages.Session, out _));
        }

        Assert.Equal(1, stats.Accepted);
        Assert.Equal(501, stats.Rejected);
        Assert.Equal(1, stats[DecodeStatus.WrongSession]);
    }
}
