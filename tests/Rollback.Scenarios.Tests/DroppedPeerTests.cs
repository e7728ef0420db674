using System;
using System.Linq;
using Rollback.Network;
using Rollback.Network.Simulation;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Scenarios.Tests
{
    /// <summary>
    /// A peer silent past the disconnect timeout (a stalled process) is dropped by the others; when it comes back it is
    /// told so and fails with <see cref="SessionFailureReason.DisconnectedByPeers"/> instead of playing on alone.
    /// A spectator that starts later than the disconnect timeout, within the handshake timeout, is still served.
    /// </summary>
    public class DroppedPeerTests
    {
        private readonly ITestOutputHelper _output;

        public DroppedPeerTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(1UL, 2, 40, 0.0)]
        [InlineData(2UL, 2, 300, 0.1)]
        [InlineData(3UL, 3, 150, 0.05)]
        [InlineData(4UL, 3, 10, 0.0)]
        public void APeerStalledPastTheDisconnectTimeout_IsToldItWasDropped_AndFails_NeverASplitSession(ulong seed, int peers, int stallStart, double loss)
        {
            const int timeoutMs = 1000;
            int stallTicks = (timeoutMs * Scenario.Fps / 1000) * 3;
            ScenarioResult r = new Scenario
            {
                Name = $"peer 1 stalled {stallTicks} ticks from tick {stallStart}",
                Seed = seed,
                Peers = peers,
                Frames = 600,
                DisconnectTimeoutMs = timeoutMs,
                StopWhenFinished = false,
                Network = n =>
                {
                    n.SetAllLinks(ScenarioTableTests.Ms(40, loss: loss));
                    n.AddStall(1, stallStart, stallStart + stallTicks);
                },
            }.Run();

            PeerRun dropped = r.Peers[1];
            _output.WriteLine($"dropped peer: failure {dropped.Failure}, {dropped.ConfirmedFrames} frames confirmed");
            Assert.Equal(SessionFailureReason.DisconnectedByPeers, dropped.Failure.Reason);
            Assert.True(dropped.Finished);
            Assert.Equal(PeerSessionState.Failed, dropped.Session!.SessionState);

            PeerRun[] others = r.Peers.Where((_, i) => i != 1).ToArray();
            int agreed = others[0].DisconnectFrames[1];
            Assert.NotEqual(int.MaxValue, agreed);
            Assert.InRange(agreed, 0, stallStart + 10);
            foreach (PeerRun run in others)
            {
                Assert.True(run.Finished, $"{r.Scenario}: a remaining peer did not finish");
                Assert.False(run.Failure.HasFailed, run.Failure.ToString());
                Assert.Equal(agreed, run.DisconnectFrames[1]);
                Assert.Equal(int.MaxValue, run.DisconnectFrames[0]);
                Checks.AssertSameText(others[0].Csv, run.Csv, "remaining peers' exports differ");
            }

            // What the dropped peer confirmed before the agreed frame is the session's timeline.
            string[] mine = dropped.Csv.Split('\n');
            string[] theirs = others[0].Csv.Split('\n');
            for (int i = 0; i < mine.Length - 1 && i <= agreed; i++)
            {
                Assert.Equal(theirs[i], mine[i]);
            }
        }

        [Theory]
        [InlineData(1UL, 2)]
        [InlineData(2UL, 5)]
        public void ASpectatorStartingLaterThanTheDisconnectTimeout_WithinTheHandshakeTimeout_IsServed(ulong seed, int timeouts)
        {
            const int timeoutMs = 1000;
            long late = (long)timeouts * timeoutMs * Scenario.Fps / 1000;
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"spectator {late} ticks late, disconnect timeout {timeoutMs} ms",
                    Seed = seed,
                    Frames = 300,
                    Spectator = true,
                    SpectatorStartTick = late,
                    DisconnectTimeoutMs = timeoutMs,
                    StopWhenFinished = false,
                    Network = n => n.SetAllLinks(ScenarioTableTests.Ms(40, loss: 0.05)),
                },
                _output,
                minEpisodeEnds: 0);
            Assert.True(r.SpectatorFinished, r.SpectatorFailure.ToString());
            Assert.False(r.SpectatorFailure.HasFailed);
            Assert.Empty(r.SpectatorsDropped);
            Checks.AssertSameText(r.Peers[0].Csv, r.SpectatorCsv!, "spectator export differs");
        }
    }
}
