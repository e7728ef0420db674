using Rollback.Network;
using Rollback.Network.Simulation;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Scenarios.Tests
{
    /// <summary>
    /// Every row of docs/scenarios.md, several seeds each: two peers over the seeded simulated network at 30 ticks/s, input
    /// delay 2, prediction window 8, 1,500 frames (at least three episode ends of the 450-step arena). Each run asserts
    /// the five checks (see <see cref="Checks.AssertAllFive"/>).
    /// </summary>
    public class ScenarioTableTests
    {
        private const int Fps = Scenario.Fps;
        private readonly ITestOutputHelper _output;

        public ScenarioTableTests(ITestOutputHelper output) => _output = output;

        internal static LinkConditions Ms(int latency, int jitter = 0, int redraw = 0, double loss = 0) =>
            LinkConditions.FromMilliseconds(Fps, latency, jitter, redraw, loss);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void ActiveInputParity(ulong seed) =>
            Checks.RunAndAssert(new Scenario { Name = "active input parity", Seed = seed }, _output);

        [Theory]
        [InlineData(1UL, 100)]
        [InlineData(2UL, 100)]
        [InlineData(3UL, 100)]
        [InlineData(1UL, 200)]
        [InlineData(2UL, 200)]
        [InlineData(3UL, 200)]
        public void ActiveInputWithLatency(ulong seed, int latencyMs) =>
            Checks.RunAndAssert(
                new Scenario { Name = $"active input with latency {latencyMs} ms", Seed = seed, Network = n => n.SetLink(1, 0, Ms(latencyMs)) },
                _output,
                minRollbacks: 1);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        [InlineData(5UL)]
        public void ActiveInputWithPacketLoss(ulong seed) =>
            Checks.RunAndAssert(
                new Scenario { Name = "active input with packet loss", Seed = seed, Network = n => n.SetAllLinks(Ms(50, loss: 0.15)) },
                _output,
                minRollbacks: 1,
                minRollbacksEachPeer: 1);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        public void ExportParityIdle(ulong seed) =>
            Checks.RunAndAssert(new Scenario { Name = "export parity, idle", Seed = seed, Idle = true }, _output, zeroRollbacks: true);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void ExportParityWithLatencyIdle(ulong seed) =>
            Checks.RunAndAssert(new Scenario { Name = "export parity with latency, idle", Seed = seed, Idle = true, Network = n => n.SetAllLinks(Ms(100)) }, _output);

        [Theory]
        [InlineData(1UL, 0)]
        [InlineData(2UL, 1)]
        [InlineData(3UL, 0)]
        public void FocusLossMidEpisode(ulong seed, int stalledPeer)
        {
            // One peer stops ticking for 5 s (150 ticks) in the middle of the first episode, then resumes.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"focus loss mid-episode (peer {stalledPeer})",
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetAllLinks(Ms(50));
                        n.AddStall(stalledPeer, 200, 350);
                    },
                },
                _output);
            PeerRun stalled = r.Peers[stalledPeer];
            Assert.Equal(150, stalled.StalledTicks);

            // The resumed peer caught up: both finished, and the other peer waited rather than dropping it.
            Assert.True(r.Peers[1 - stalledPeer].Network!.Dropped == 0);
            Assert.Equal(int.MaxValue, r.AgreedDisconnect[stalledPeer]);
            Assert.True(r.Peers[1 - stalledPeer].Session!.Statistics.Waits > 100, "the running peer should have waited for the stalled one");
            Assert.True(r.Ticks < 1500 + 150 + 100, $"the resumed peer should catch up: {r.Ticks} ticks for 1,500 frames and a 150-tick stall");
        }

        [Theory]
        [InlineData(1UL, 100)]
        [InlineData(2UL, 100)]
        [InlineData(1UL, 200)]
        [InlineData(2UL, 200)]
        public void EpisodeCompletionUnderFixedLatency(ulong seed, int latencyMs)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario { Name = $"episode completion under fixed latency {latencyMs} ms", Seed = seed, Frames = 1800, Network = n => n.SetAllLinks(Ms(latencyMs)) },
                _output,
                minEpisodeEnds: 3);
            Assert.Equal(r.Peers[0].EpisodeEnds, r.Peers[1].EpisodeEnds);
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        public void PacketLossTriggersRollback(ulong seed) =>
            Checks.RunAndAssert(
                new Scenario { Name = "packet loss triggers rollback", Seed = seed, Network = n => n.SetAllLinks(Ms(50, loss: 0.15)) },
                _output,
                minRollbacks: 1,
                minDepth: 2,
                minRollbacksEachPeer: 1);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        [InlineData(5UL)]
        public void CascadingRollbacksAcrossAnEpisodeEnd(ulong seed)
        {
            // 150 ± 100 ms drawn per datagram (so datagrams overtake each other) and 10 % loss: corrections arrive
            // out of order, each rollback starts inside the window of the previous one, and episode ends fall in it.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "cascading rollbacks across an episode end",
                    Seed = seed,
                    Frames = 1800,
                    Network = n => n.SetAllLinks(Ms(150, jitter: 100, loss: 0.10)),
                },
                _output,
                minRollbacks: 100,
                minDepth: 5,
                minEpisodeEnds: 3);
            foreach (PeerRun run in r.Peers)
            {
                Assert.True(run.Session!.Statistics.RollbacksAtLeast(3) > 20, "rollbacks should overlap (many of depth >= 3)");
            }
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        [InlineData(5UL)]
        public void Jitter(ulong seed) =>
            Checks.RunAndAssert(
                new Scenario { Name = "jitter", Seed = seed, Network = n => n.SetAllLinks(Ms(100, jitter: 75, redraw: 200)) },
                _output,
                minRollbacks: 1);

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void AsymmetricLatency(ulong seed) =>
            Checks.RunAndAssert(
                new Scenario
                {
                    Name = "asymmetric latency",
                    Seed = seed,
                    Network = n =>
                    {
                        n.SetLink(0, 1, Ms(50));
                        n.SetLink(1, 0, Ms(200));
                    },
                },
                _output,
                minRollbacks: 1);
    }
}
