using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using Rollback.Network;
using Xunit;

namespace Rollback.LiteNetLib.Tests
{
    /// <summary>The <see cref="IDatagramTransport"/> contract over LiteNetLib: never blocks or throws for network conditions, whole datagrams, false when it cannot.</summary>
    public class TransportContractTests
    {
        [Fact]
        public void DatagramsArriveWholeWithTheSendersAddressOnceConnected()
        {
            using var a = LiteNetLibTransport.StartLoopback("contract");
            using var b = LiteNetLibTransport.StartLoopback("contract");
            var payload = new byte[300];
            new Random(5).NextBytes(payload);

            // The first send starts the connection and is refused; keep sending as the protocol does.
            Assert.False(a.TrySend(b.LocalAddress, payload));
            var buffer = new byte[2048];
            int length = 0;
            PeerAddress from = default;
            var clock = Stopwatch.StartNew();
            bool received = false;
            while (!received && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                a.TrySend(b.LocalAddress, payload);
                a.Poll();
                received = b.TryReceive(buffer, out length, out from);
                Thread.Sleep(2);
            }

            Assert.True(received, "nothing arrived within 10 s");
            Assert.Equal(payload.Length, length);
            Assert.True(payload.AsSpan().SequenceEqual(buffer.AsSpan(0, length)));
            Assert.Equal(a.LocalAddress, from);
            Assert.True(a.IsConnected(b.LocalAddress));
            Assert.True(b.IsConnected(a.LocalAddress));
            Assert.True(a.Counters.NotConnected >= 1);
        }

        [Fact]
        public void OversizedDatagramsUnknownAddressKindsAndDisposedTransportsReturnFalse()
        {
            var a = LiteNetLibTransport.StartLoopback("contract2");
            using var b = LiteNetLibTransport.StartLoopback("contract2");
            var clock = Stopwatch.StartNew();
            while (!a.IsConnected(b.LocalAddress) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                a.TrySend(b.LocalAddress, new byte[8]);
                b.Poll();
                Thread.Sleep(2);
            }

            Assert.True(a.IsConnected(b.LocalAddress));
            Assert.False(a.TrySend(b.LocalAddress, new byte[5000]));
            Assert.True(a.Counters.TooLarge >= 1);
            Assert.False(a.TrySend(PeerAddress.FromId(7), new byte[8]));
            Assert.Throws<ArgumentException>(() => a.Connect(PeerAddress.FromId(7)));
            a.Dispose();
            Assert.False(a.TrySend(b.LocalAddress, new byte[8]));
            Assert.False(a.TryReceive(new byte[64], out _, out _));
            Assert.Throws<ObjectDisposedException>(() => a.Connect(b.LocalAddress));
        }

        [Fact]
        public void AWrongConnectionKeyNeverConnects()
        {
            using var a = LiteNetLibTransport.StartLoopback("key-one");
            using var b = LiteNetLibTransport.StartLoopback("key-two");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
            {
                a.TrySend(b.LocalAddress, new byte[8]);
                Assert.False(b.TryReceive(new byte[64], out _, out _));
                Thread.Sleep(5);
            }

            Assert.False(a.IsConnected(b.LocalAddress));
            Assert.Equal(0, b.Counters.Connections);
        }

        [Fact]
        public void OptionsOutOfRangeAreRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new LiteNetLibTransport(new LiteNetLibTransportOptions { Port = 70000 }));
            Assert.Throws<ArgumentException>(() => new LiteNetLibTransport(new LiteNetLibTransportOptions { ConnectionKey = string.Empty }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new LiteNetLibTransport(new LiteNetLibTransportOptions { ReceiveQueueCapacity = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new LiteNetLibTransport(new LiteNetLibTransportOptions { MaxDatagramSize = 10 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new NatIntroducer(-1));
        }
    }
}
