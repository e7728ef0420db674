using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using Rollback.Network;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.LiteNetLib.Tests
{
    /// <summary>
    /// NAT punch-through as a game would use it: a <see cref="NatIntroducer"/> pairs two peers that send the same token,
    /// each learns the other's address only from the introduction, punches through, connects, and the session then
    /// runs over that connection. On loopback the "routers" are absent, but every message of the exchange is real.
    /// </summary>
    public class NatPunchThroughTests
    {
        private readonly ITestOutputHelper _output;

        public NatPunchThroughTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void TwoPeersIntroducedByTokenConnectAndPlayAMatchEqualToTheOracle()
        {
            using var introducer = new NatIntroducer(0, IPAddress.Loopback);
            var a = LiteNetLibTransport.StartLoopback("nat-test");
            var b = LiteNetLibTransport.StartLoopback("nat-test");
            var stranger = LiteNetLibTransport.StartLoopback("nat-test");
            try
            {
                var introducerEndPoint = new IPEndPoint(IPAddress.Loopback, introducer.LocalPort);
                a.RequestIntroduction(introducerEndPoint, "match-42");
                stranger.RequestIntroduction(introducerEndPoint, "match-other");
                PeerAddress aSeesB = default, bSeesA = default;
                var clock = Stopwatch.StartNew();
                bool requestedB = false;
                while (clock.Elapsed < TimeSpan.FromSeconds(20) && !(a.TryGetIntroducedPeer("match-42", out aSeesB) & b.TryGetIntroducedPeer("match-42", out bSeesA) && a.IsConnected(aSeesB) && b.IsConnected(bSeesA)))
                {
                    introducer.Poll();
                    stranger.Poll();
                    if (!requestedB && clock.ElapsedMilliseconds > 200)
                    {
                        // The second peer asks later: the first one's request waits at the introducer for it.
                        Assert.Equal(2, introducer.PendingCount);
                        b.RequestIntroduction(introducerEndPoint, "match-42");
                        requestedB = true;
                    }

                    Thread.Sleep(5);
                }

                _output.WriteLine($"introduced after {clock.ElapsedMilliseconds} ms: a sees {aSeesB}, b sees {bSeesA}");
                Assert.Equal(b.LocalAddress, aSeesB);
                Assert.Equal(a.LocalAddress, bSeesA);
                Assert.True(a.IsConnected(aSeesB) && b.IsConnected(bSeesA), "the introduced peers did not connect");
                Assert.Equal(1, introducer.Introductions);
                Assert.False(stranger.TryGetIntroducedPeer("match-other", out _), "a token without a partner must not be introduced");
                Assert.False(a.TryGetIntroducedPeer("match-other", out _));

                MatchResult r = new LoopbackMatch
                {
                    Peers = 2, Seed = 9, Frames = 600, InputDelay = 2,
                    Network = _ => (new[] { a, b }, new[] { new[] { a.LocalAddress, aSeesB }, new[] { bSeesA, b.LocalAddress } }),
                }.Run();
                _output.WriteLine(r.Summary());
                Assert.All(r.Finished, Assert.True);
                Assert.Empty(r.TimelineErrors);
                Assert.Equal(r.OracleCsv, r.Csv[0].ToString());
                Assert.Equal(r.OracleCsv, r.Csv[1].ToString());
                Assert.Equal(600, r.OracleCsv.Split('\n').Length - 1);
                Assert.All(r.Counters, c => Assert.Equal(1, c.Connections));
                Assert.Equal(0, r.Disconnects);
                Assert.All(r.Counters, c => Assert.True(c.Sent > 300 && c.Received > 300, r.Summary()));
            }
            finally
            {
                a.Dispose();
                b.Dispose();
                stranger.Dispose();
            }
        }

        [Fact]
        public void BadTokensAndDisabledPunchThroughAreRefusedClearly()
        {
            using var transport = new LiteNetLibTransport(new LiteNetLibTransportOptions { BindAddress = IPAddress.Loopback, EnableNatPunch = false });
            var introducer = new IPEndPoint(IPAddress.Loopback, 9);
            Assert.Throws<ArgumentException>(() => transport.RequestIntroduction(introducer, string.Empty));
            Assert.Throws<ArgumentException>(() => transport.RequestIntroduction(introducer, new string('x', NatIntroducer.MaxTokenLength + 1)));
            Assert.Throws<ArgumentNullException>(() => transport.RequestIntroduction(null!, "t"));
            Assert.Throws<InvalidOperationException>(() => transport.RequestIntroduction(introducer, "t"));
        }
    }
}
