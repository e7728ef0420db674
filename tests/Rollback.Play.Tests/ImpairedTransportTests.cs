using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Arena.Play;
using Rollback.Network;
using Xunit;

namespace Rollback.Play.Tests
{
    /// <summary>The wall-clock wrapper that delays, jitters and drops what a process sends.</summary>
    public class ImpairedTransportTests
    {
        private static readonly PeerAddress Peer = PeerAddress.FromId(7);

        [Fact]
        public void ADatagramIsHeldForTheLatencyThenSentUnchanged()
        {
            var inner = new RecordingTransport();
            var link = new ImpairedTransport(inner, latencyMs: 120, jitterMs: 0, lossPercent: 0, seed: 1);
            byte[] payload = { 1, 2, 3, 4, 5 };
            var clock = Stopwatch.StartNew();
            Assert.True(link.TrySend(Peer, payload));
            payload[0] = 99; // the wrapper keeps its own copy
            long sentAt = -1;
            while (sentAt < 0 && clock.ElapsedMilliseconds < 5000)
            {
                long before = clock.ElapsedMilliseconds;
                link.Flush();
                if (inner.Sent.Count > 0)
                {
                    sentAt = before;
                }

                Thread.Sleep(1);
            }

            // Never before the latency has passed (the check read the clock before flushing); here, not much later.
            Assert.InRange(sentAt, 119, 2000);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, inner.Sent.Single().Bytes);
            Assert.Equal(Peer, inner.Sent.Single().To);
            Assert.Equal(1, link.Released);
        }

        [Theory]
        [InlineData(10.0, 1)]
        [InlineData(25.0, 2)]
        [InlineData(50.0, 3)]
        public void LossDropsAboutThatShareOfDatagrams(double loss, int seed)
        {
            var inner = new RecordingTransport();
            var link = new ImpairedTransport(inner, latencyMs: 0, jitterMs: 0, lossPercent: loss, seed: seed);
            const int count = 4000;
            for (int i = 0; i < count; i++)
            {
                link.TrySend(Peer, BitConverter.GetBytes(i));
            }

            Assert.Equal(count, link.Offered);
            Assert.Equal(count, link.Dropped + inner.Sent.Count);
            double share = 100.0 * link.Dropped / count;
            Assert.InRange(share, loss - 3, loss + 3);
        }

        [Fact]
        public void JitterReordersButDeliversEverything()
        {
            var inner = new RecordingTransport();
            var link = new ImpairedTransport(inner, latencyMs: 30, jitterMs: 25, lossPercent: 0, seed: 4);
            for (int i = 0; i < 200; i++)
            {
                link.TrySend(Peer, BitConverter.GetBytes(i));
            }

            var clock = Stopwatch.StartNew();
            while (link.Waiting > 0 && clock.ElapsedMilliseconds < 3000)
            {
                Thread.Sleep(2);
                link.Flush();
            }

            int[] order = inner.Sent.Select(s => BitConverter.ToInt32(s.Bytes)).ToArray();
            Assert.Equal(Enumerable.Range(0, 200), order.OrderBy(i => i));
            Assert.NotEqual(Enumerable.Range(0, 200), order);
        }

        [Fact]
        public void WithoutImpairmentsDatagramsGoStraightThrough()
        {
            var inner = new RecordingTransport();
            var link = new ImpairedTransport(inner, 0, 0, 0, seed: 1);
            link.TrySend(Peer, new byte[] { 9 });
            Assert.Single(inner.Sent);
            inner.Inbox.Enqueue((new byte[] { 4, 2 }, Peer));
            var buffer = new byte[16];
            Assert.True(link.TryReceive(buffer, out int length, out PeerAddress from));
            Assert.Equal(2, length);
            Assert.Equal(Peer, from);
        }

        [Fact]
        public void NegativeDelaysOrALossAbove100PercentAreRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ImpairedTransport(new RecordingTransport(), -1, 0, 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ImpairedTransport(new RecordingTransport(), 0, -5, 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ImpairedTransport(new RecordingTransport(), 0, 0, 101, 1));
            Assert.Throws<ArgumentNullException>(() => new ImpairedTransport(null!, 0, 0, 0, 1));
        }

        private sealed class RecordingTransport : IDatagramTransport
        {
            public List<(PeerAddress To, byte[] Bytes)> Sent { get; } = new List<(PeerAddress, byte[])>();

            public Queue<(byte[] Bytes, PeerAddress From)> Inbox { get; } = new Queue<(byte[], PeerAddress)>();

            public bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram)
            {
                Sent.Add((to, datagram.ToArray()));
                return true;
            }

            public bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from)
            {
                if (Inbox.Count == 0)
                {
                    length = 0;
                    from = default;
                    return false;
                }

                (byte[] bytes, PeerAddress sender) = Inbox.Dequeue();
                bytes.CopyTo(buffer);
                length = bytes.Length;
                from = sender;
                return true;
            }
        }
    }
}
