using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Arena.Play;
using Rollback.Network;
using Xunit;

namespace Rollback.Play.Tests
{
    /// <summary>The lobby that gathers the processes of a match before the session starts (here in one process, over loopback).</summary>
    public class LobbyTests
    {
        [Theory]
        [InlineData(2, 0)]
        [InlineData(3, 1)]
        [InlineData(4, 0)]
        public async Task EveryMemberGetsTheSamePlanWithEverySeatAtItsRealAddress(int players, int spectators)
        {
            using var hostSocket = UdpTransport.BindLoopback();
            int port = hostSocket.LocalEndPoint.Port;
            var joinSockets = Enumerable.Range(0, players - 1 + spectators).Select(_ => UdpTransport.BindLoopback()).ToArray();
            try
            {
                PlayOptions hostOptions = PlayOptions.Parse(new[] { "--host", port.ToString(), "--players", players.ToString(), "--spectators", spectators.ToString(), "--frames", "777", "--delay", "3", "--bot" });
                Task<MatchPlan> host = Task.Run(() => new Lobby(hostSocket, _ => { }, () => false).Host(hostOptions, TimeSpan.FromSeconds(20)));
                Task<MatchPlan>[] joins = joinSockets.Select((socket, i) =>
                {
                    string role = i < players - 1 ? "--join" : "--spectate";
                    PlayOptions o = PlayOptions.Parse(new[] { role, $"127.0.0.1:{port}" });
                    return Task.Run(() => new Lobby(socket, _ => { }, () => false).Join(o, TimeSpan.FromSeconds(20)));
                }).ToArray();
                MatchPlan[] all = await Task.WhenAll(joins.Append(host)).WaitAsync(TimeSpan.FromSeconds(30));
                MatchPlan h = all[^1];
                Assert.Equal(0, h.Seat);
                Assert.Equal(players, h.Seats.Count);
                Assert.Equal(spectators, h.Spectators.Count);
                Assert.All(all, p =>
                {
                    Assert.Equal(h.SessionId, p.SessionId);
                    Assert.Equal(players, p.Players);
                    Assert.Equal(777, p.Frames);
                    Assert.Equal(0, p.Episodes);
                    Assert.Equal(3, p.InputDelay);
                });

                MatchPlan[] joiners = all.Take(players - 1).ToArray();
                Assert.Equal(Enumerable.Range(1, players - 1), joiners.Select(p => p.Seat).OrderBy(s => s));
                PeerAddress hostAddress = PeerAddress.FromIPEndPoint(new IPEndPoint(IPAddress.Loopback, port));
                for (int j = 0; j < joiners.Length; j++)
                {
                    MatchPlan plan = joiners[j];
                    Assert.Equal(PeerAddress.None, plan.Seats[plan.Seat]);
                    Assert.Equal(hostAddress, plan.Seats[0]);
                    for (int seat = 1; seat < players; seat++)
                    {
                        if (seat != plan.Seat)
                        {
                            // The seat's address is the socket of the joiner the host gave that seat to.
                            int owner = Array.FindIndex(joiners, other => other.Seat == seat);
                            Assert.Equal(joinSockets[owner].LocalAddress, plan.Seats[seat]);
                        }
                    }

                    Assert.Equal(joinSockets[j].LocalAddress, h.Seats[plan.Seat]);
                }

                foreach (MatchPlan spectator in all.Skip(players - 1).Take(spectators))
                {
                    Assert.True(spectator.IsSpectator);
                    Assert.Equal(hostAddress, spectator.Host);
                }
            }
            finally
            {
                foreach (UdpTransport socket in joinSockets)
                {
                    socket.Dispose();
                }
            }
        }

        [Fact]
        public void AJoinerGivesUpWhenNobodyAnswers()
        {
            using var socket = UdpTransport.BindLoopback();
            using var silent = UdpTransport.BindLoopback();
            PlayOptions o = PlayOptions.Parse(new[] { "--join", $"127.0.0.1:{silent.LocalEndPoint.Port}" });
            var error = Assert.Throws<LobbyException>(() => new Lobby(socket, _ => { }, () => false).Join(o, TimeSpan.FromMilliseconds(600)));
            Assert.Contains("no answer from a match", error.Message);
        }

        [Fact]
        public async Task CancellingTheLobbyStopsWaiting()
        {
            using var socket = UdpTransport.BindLoopback();
            PlayOptions o = PlayOptions.Parse(new[] { "--host", socket.LocalEndPoint.Port.ToString(), "--bot" });
            bool cancel = false;
            Task<MatchPlan> host = Task.Run(() => new Lobby(socket, _ => { }, () => Volatile.Read(ref cancel)).Host(o, Timeout.InfiniteTimeSpan));
            await Task.Delay(200);
            Volatile.Write(ref cancel, true);
            await Assert.ThrowsAsync<OperationCanceledException>(() => host.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
