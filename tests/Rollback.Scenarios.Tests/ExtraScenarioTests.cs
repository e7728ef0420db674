using System;
using System.Linq;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;
using static Rollback.Scenarios.Tests.ScenarioTableTests;

namespace Rollback.Scenarios.Tests
{
    /// <summary>Beyond the table: 3 and 4 peers, partitions, stalls across an episode end, disconnects, spectators, episodes as the limit, time sync.</summary>
    public class ExtraScenarioTests
    {
        private readonly ITestOutputHelper _output;

        public ExtraScenarioTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void ThreePeersWithDifferentLinks(ulong seed) =>
            Checks.RunAndAssert(
                new Scenario
                {
                    Name = "3 peers, different links",
                    Peers = 3,
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetLinkBothWays(0, 1, Ms(30));
                        n.SetLinkBothWays(0, 2, Ms(100, loss: 0.10));
                        n.SetLink(1, 2, Ms(200));
                        n.SetLink(2, 1, Ms(60, jitter: 40));
                    },
                },
                _output,
                minRollbacks: 1,
                minDepth: 2);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void FourPeersWithDifferentLinks(ulong seed) =>
            Checks.RunAndAssert(
                new Scenario
                {
                    Name = "4 peers, different links",
                    Peers = 4,
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetLinkBothWays(0, 1, Ms(20));
                        n.SetLinkBothWays(0, 2, Ms(100));
                        n.SetLinkBothWays(0, 3, Ms(50, loss: 0.10));
                        n.SetLinkBothWays(1, 2, Ms(150, jitter: 50));
                        n.SetLink(1, 3, Ms(200));
                        n.SetLink(3, 1, Ms(50));
                        n.SetLinkBothWays(2, 3, Ms(80, loss: 0.15));
                    },
                },
                _output,
                minRollbacks: 1,
                minDepth: 2);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void PartitionLongerThanThePredictionWindow(ulong seed)
        {
            // 2 s without any datagram either way (60 ticks, the window is 8): both peers wait, nobody is dropped.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "partition longer than the prediction window",
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(50, loss: 0.05));
                        n.AddPartitionBothWays(0, 1, 300, 360);
                    },
                },
                _output,
                minRollbacks: 1);
            foreach (PeerRun run in r.Peers)
            {
                Assert.True(run.Session!.Statistics.Waits >= 40, $"waits {run.Session.Statistics.Waits}");
            }

            Assert.True(r.NetworkCounters.DroppedPartition > 0);
            Assert.All(r.AgreedDisconnect, d => Assert.Equal(int.MaxValue, d));
        }

        [Theory]
        [InlineData(1UL, 0)]
        [InlineData(2UL, 1)]
        [InlineData(3UL, 1)]
        public void APeerThatStopsTickingAcrossAnEpisodeEnd(ulong seed, int stalledPeer)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "stall across an episode end",
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(100, loss: 0.05));
                        n.AddStall(stalledPeer, 380, 560);
                    },
                },
                _output);
            Assert.Contains(r.OracleEpisodeEnds, f => f >= 370 && f <= 560);
        }

        [Theory]
        [InlineData(1UL, false)]
        [InlineData(2UL, true)]
        public void TwoPeers_OneLeaves_TheOtherFinishesWithTheAgreedDefault(ulong seed, bool politely)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = politely ? "2 peers, one leaves" : "2 peers, one goes silent",
                    Seed = seed,
                    QuitPeer = 1,
                    QuitAtTick = 600,
                    QuitPolitely = politely,
                    DisconnectTimeoutMs = 2000,
                    Network = n => n.SetAllLinks(Ms(50, loss: 0.10)),
                },
                _output);
            int agreed = r.Peers[0].DisconnectFrames[1];
            Assert.InRange(agreed, 570, 620);
            Assert.True(r.Peers[0].Finished);
        }

        [Theory]
        [InlineData(1UL, 3, false)]
        [InlineData(2UL, 3, false)]
        [InlineData(3UL, 3, true)]
        [InlineData(4UL, 4, false)]
        public void SeveralPeers_OneDrops_SurvivorsAgreeOnTheFrame(ulong seed, int peers, bool politely)
        {
            // Lossy links so the survivors hold different amounts of the leaver's inputs when it drops: the agreed frame
            // is the largest proposal, and the survivor that has the inputs relays them to the other.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"{peers} peers, the last drops",
                    Peers = peers,
                    Seed = seed,
                    QuitPeer = peers - 1,
                    QuitAtTick = 500,
                    QuitPolitely = politely,
                    DisconnectTimeoutMs = 1500,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(60, loss: 0.2));
                        n.SetLink(peers - 1, 0, Ms(200, loss: 0.3));
                    },
                },
                _output);
            int agreed = r.AgreedDisconnect[peers - 1];
            Assert.InRange(agreed, 400, 520);
            foreach (PeerRun run in r.Survivors())
            {
                Assert.Equal(agreed, run.DisconnectFrames[peers - 1]);
            }
        }

        [Theory]
        [InlineData(1UL, 3)]
        [InlineData(2UL, 4)]
        public void SurvivorsHoldDifferentInputsOfTheLeaver_TheMissingOnesAreRelayed(ulong seed, int peers)
        {
            // The leaver's datagrams to peer 0 are cut for its last 40 ticks: peer 0 lacks inputs the others have. The
            // agreed frame is the largest proposal, and a peer that has the missing inputs relays them to peer 0.
            int leaver = peers - 1;
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"{peers} peers, relay of the leaver's inputs",
                    Peers = peers,
                    Seed = seed,
                    QuitPeer = leaver,
                    QuitAtTick = 600,
                    DisconnectTimeoutMs = 3000,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(50, loss: 0.05));
                        n.AddPartition(leaver, 0, 560, 100000);
                    },
                },
                _output);
            int agreed = r.AgreedDisconnect[leaver];
            Assert.InRange(agreed, 550, 610);
            Assert.True(r.Peers.Take(peers - 1).Skip(1).Sum(p => p.Network!.InputsRelayed) >= 5, "the other survivors relay what peer 0 lacks");
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        public void SpectatorFollowsTheHostsConfirmedTimeline(ulong seed)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "spectator",
                    Seed = seed,
                    Spectator = true,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(50, loss: 0.15));
                    },
                },
                _output,
                minRollbacks: 1);
            Assert.True(r.SpectatorFinished);
            Checks.AssertSameText(r.Peers[0].Csv, r.SpectatorCsv!, "spectator export differs");
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void EpisodesAsTheLimit_EveryPeerEndsOnTheLastFrameOfTheLastEpisode(ulong seed)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "2 episodes under loss",
                    Seed = seed,
                    Episodes = 2,
                    Network = n => n.SetAllLinks(Ms(100, jitter: 50, loss: 0.15)),
                },
                _output,
                minRollbacks: 1,
                minEpisodeEnds: 1);
            foreach (PeerRun run in r.Peers)
            {
                Assert.Equal(r.FinalFrame, run.Session!.FinalFrame);
                Assert.Equal(2, run.Session.EpisodesCompleted);
                Assert.True(run.Session.CurrentFrame > r.FinalFrame);
            }

            Assert.Single(r.OracleEpisodeEnds);
        }

        [Theory]
        [InlineData(1UL, 2)]
        [InlineData(2UL, 2)]
        [InlineData(3UL, 3)]
        [InlineData(4UL, 3)]
        [InlineData(5UL, 2)]
        public void EpisodesAsTheLimit_WhenTheEndDependsOnMispredictedInputs(ulong seed, int peers)
        {
            // Episode ends depend on player 1's dash (a remote input for everyone else): the last episode's end is
            // predicted at the wrong frame, crossed speculatively, and found only on the confirmed timeline. No peer may
            // confirm (export) a frame past it.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"{peers} peers, 3 episodes ending on a dash",
                    Peers = peers,
                    Seed = seed,
                    Episodes = 3,
                    Rules = _ => new DashEndsEpisodeRules(),
                    Spectator = true,
                    Network = n => n.SetAllLinks(Ms(150, jitter: 60, loss: 0.15)),
                },
                _output,
                minRollbacks: 1,
                minEpisodeEnds: 2);
            Assert.Equal(2, r.OracleEpisodeEnds.Count);
            Assert.True(r.FinalFrame < 3 * 450 - 1, "the dash ends some episode early");
            Assert.True(r.SpectatorFinished);
            Checks.AssertSameText(r.Peers[0].Csv, r.SpectatorCsv!, "spectator export differs");
            foreach (PeerRun run in r.Peers)
            {
                Assert.Equal(r.FinalFrame, run.Session!.FinalFrame);
                Assert.Equal(3, run.Session.EpisodesCompleted);
            }
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        public void ASlowerPeer_TheFasterOneFollowsTheTimeSyncAdvice(ulong seed)
        {
            // Peer 1 misses every 8th tick (a slower machine): peer 0 drifts ahead and the advice makes it wait.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "slower peer, time sync",
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(60));
                        for (int t = 0; t < 3000; t += 8)
                        {
                            n.AddStall(1, t + 7, t + 8);
                        }
                    },
                },
                _output);
            Assert.True(r.Peers[0].Network!.TimeSyncWaits > 50, $"time-sync waits {r.Peers[0].Network!.TimeSyncWaits}");
            Assert.True(r.Peers[1].Network!.TimeSyncWaits < r.Peers[0].Network!.TimeSyncWaits);
        }

        [Theory]
        [InlineData(1UL, 2)]
        [InlineData(2UL, 3)]
        public void TheEnd_NoPeerFinishesBeforeEveryPeerConfirmedTheFinalFrame(ulong seed, int peers)
        {
            // Everything is cut for 2 s around the final frame, then 40 % loss: the last inputs are lost again and
            // again. A peer may only report finished once every peer has confirmed the final frame.
            string? violation = null;
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"end of session under a partition, {peers} peers",
                    Peers = peers,
                    Seed = seed,
                    Frames = 1000,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(50, loss: 0.4));
                        for (int a = 0; a < peers; a++)
                        {
                            n.Isolate(a, 990, 1050);
                        }
                    },
                    EachTick = (tick, net, sessions) =>
                    {
                        foreach (var s in sessions)
                        {
                            if (s.IsFinished && violation is null)
                            {
                                foreach (var other in sessions)
                                {
                                    if (other.LastConfirmedFrame < other.FinalFrame)
                                    {
                                        violation = $"tick {tick}: a peer finished while another had confirmed only frame {other.LastConfirmedFrame}";
                                    }
                                }
                            }
                        }
                    },
                },
                _output,
                minEpisodeEnds: 1);
            Assert.Null(violation);
            Assert.True(r.Ticks > 1050);
        }

        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        public void UdpLoopback(int peers)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario { Name = $"UDP loopback, {peers} peers", Peers = peers, Seed = 7, Frames = 1000, Udp = true, MaxTicks = 20000 },
                _output,
                minEpisodeEnds: 1);
            Assert.True(r.WallTime < TimeSpan.FromSeconds(60));
            Assert.All(r.Peers, p => Assert.Equal(0, p.Network!.Dropped));
        }
    }
}
