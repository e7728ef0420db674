using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Arena.Game;
using Rollback.Forensics;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;
using static Rollback.Scenarios.Tests.ScenarioTableTests;

namespace Rollback.Scenarios.Tests
{
    /// <summary>Peer-to-peer desync reports: the divergent frame's snapshots are exchanged over the session protocol under loss.</summary>
    public class DesyncReportTests
    {
        private const int Amount = 1000;
        private readonly ITestOutputHelper _output;

        public DesyncReportTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(95, 0.0, 11UL)]
        [InlineData(140, 0.2, 12UL)]
        [InlineData(263, 0.35, 13UL)]
        [InlineData(400, 0.5, 14UL)]
        [InlineData(31, 0.3, 15UL)]
        public void OnePeerPerturbsOneMember_BothReportsNameExactlyThatMember_WithTheValuesSwapped_AndBothBundlesLoad(int frame, double loss, ulong seed)
        {
            string folder = Path.Combine(Path.GetTempPath(), "rollback-desync-" + Guid.NewGuid().ToString("N"));
            try
            {
                var scenario = new Scenario
                {
                    Name = "desync report",
                    Seed = seed,
                    Frames = 600,
                    Network = n => n.SetAllLinks(Ms(50, jitter: 10, loss: loss)),
                    Rules = peer => peer == 1 ? new DesyncInjectingRules(frame, Amount) : new ArenaRules(),
                    Configure = (peer, o) => o.DesyncBundleFolder = folder,
                };
                ScenarioResult r = scenario.Run();
                _output.WriteLine(r.Summary());
                PeerRun[] peers = r.Peers.ToArray();
                foreach (PeerRun run in peers)
                {
                    Assert.True(run.Finished, "every peer finishes: the exchange never blocks the session");
                    Assert.NotEmpty(run.Desyncs);
                    PeerDesyncReport report = Assert.Single(run.DesyncReports);
                    _output.WriteLine(report.ToString());
                    Assert.Equal(DesyncSnapshotOutcome.Exchanged, report.Outcome);
                    Assert.Equal(run.Desyncs[0].Frame, report.Frame);
                    Assert.InRange(report.Frame, frame, frame + 30);
                    Assert.NotEqual(report.LocalChecksum, report.RemoteChecksum);
                    StateDifference d = Assert.Single(report.Differences);
                    Assert.Equal(DesyncInjectingRules.MemberPath, d.Path);
                    Assert.NotNull(report.BundlePath);
                    Assert.Null(report.BundleError);
                }

                PeerDesyncReport honest = peers[0].DesyncReports[0];
                PeerDesyncReport perturbed = peers[1].DesyncReports[0];
                Assert.Equal(honest.Frame, perturbed.Frame);
                Assert.Equal(honest.LocalChecksum, perturbed.RemoteChecksum);
                Assert.Equal(honest.RemoteChecksum, perturbed.LocalChecksum);
                int honestValue = int.Parse(honest.Differences[0].Left, CultureInfo.InvariantCulture);
                int perturbedValue = int.Parse(honest.Differences[0].Right, CultureInfo.InvariantCulture);
                Assert.Equal(Amount, perturbedValue - honestValue);
                Assert.Equal(honest.Differences[0].Left, perturbed.Differences[0].Right);
                Assert.Equal(honest.Differences[0].Right, perturbed.Differences[0].Left);
                Assert.Equal(1, honest.RemotePlayer);
                Assert.Equal(0, perturbed.RemotePlayer);

                // Both bundles load, name the same member, and hold the inputs from an older snapshot up to the frame.
                DesyncBundle a = DesyncBundle.Load(honest.BundlePath!);
                DesyncBundle b = DesyncBundle.Load(perturbed.BundlePath!);
                Assert.NotEqual(Path.GetFullPath(honest.BundlePath!), Path.GetFullPath(perturbed.BundlePath!));
                foreach (DesyncBundle bundle in new[] { a, b })
                {
                    Assert.Equal(honest.Frame, bundle.Frame);
                    Assert.True(bundle.HasRemoteSnapshot);
                    Assert.Equal(DesyncInjectingRules.MemberPath, Assert.Single(bundle.Differences).Path);
                    Assert.True(bundle.AnchorFrame <= bundle.Frame + 1);
                    Assert.Equal(bundle.Frame + 1 - bundle.AnchorFrame, bundle.Inputs.FrameCount);
                    Assert.Contains(bundle.Settings, kv => kv.Key == "input delay" && kv.Value == "2");
                }

                Assert.True(a.LocalSnapshot.SequenceEqual(b.RemoteSnapshot));
                Assert.True(a.RemoteSnapshot.SequenceEqual(b.LocalSnapshot));
                Assert.Equal(a.Differences[0].Left, b.Differences[0].Right);

                // The anchor replayed with the stored inputs reproduces the honest peer's snapshot of the frame (within an episode).
                ArenaState state = ArenaSetup.Factory(2)();
                state.Restore(a.AnchorSnapshot);
                ArenaState local = ArenaSetup.Factory(2)();
                local.Restore(a.LocalSnapshot);
                if (a.AnchorFrame <= a.Frame && state.Episode == local.Episode)
                {
                    var rules = new ArenaRules();
                    for (int f = a.AnchorFrame; f <= a.Frame; f++)
                    {
                        rules.Step(state, a.Inputs.Inputs<Pad>(f));
                    }

                    Assert.DoesNotContain(StateDifferences.Between(state, local), x => x.Path != "Frame" && x.Path != "StepNum" && x.Path != "Episode");
                }
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        [Theory]
        [InlineData(120, 0.2, 41UL)]
        [InlineData(250, 0.4, 42UL)]
        public void ThreePeers_ThePerturbingPeerGetsOneReportPerPeer_TheOthersOneEach(int frame, double loss, ulong seed)
        {
            var scenario = new Scenario
            {
                Name = "desync report, 3 peers",
                Peers = 3,
                Seed = seed,
                Frames = 500,
                Network = n => n.SetAllLinks(Ms(40, jitter: 10, loss: loss)),
                Rules = peer => peer == 2 ? new DesyncInjectingRules(frame, Amount) : new ArenaRules(),
            };
            ScenarioResult r = scenario.Run();
            _output.WriteLine(r.Summary());
            Assert.All(r.Peers, run => Assert.True(run.Finished));
            for (int i = 0; i < 2; i++)
            {
                PeerDesyncReport report = Assert.Single(r.Peers[i].DesyncReports);
                Assert.Equal(2, report.RemotePlayer);
                Assert.Equal(DesyncSnapshotOutcome.Exchanged, report.Outcome);
                StateDifference d = Assert.Single(report.Differences);
                Assert.Equal(DesyncInjectingRules.MemberPath, d.Path);
                Assert.Equal(Amount, int.Parse(d.Right, CultureInfo.InvariantCulture) - int.Parse(d.Left, CultureInfo.InvariantCulture));
            }

            PeerDesyncReport[] perturbed = r.Peers[2].DesyncReports.OrderBy(x => x.RemotePlayer).ToArray();
            Assert.Equal(new[] { 0, 1 }, perturbed.Select(x => x.RemotePlayer));
            foreach (PeerDesyncReport report in perturbed)
            {
                StateDifference d = Assert.Single(report.Differences);
                Assert.Equal(DesyncInjectingRules.MemberPath, d.Path);
                Assert.Equal(Amount, int.Parse(d.Left, CultureInfo.InvariantCulture) - int.Parse(d.Right, CultureInfo.InvariantCulture));
                Assert.Equal(r.Peers[report.RemotePlayer].DesyncReports[0].Frame, report.Frame);
                Assert.InRange(report.Frame, frame, frame + 30);
                Assert.Null(report.BundlePath); // no folder configured: nothing written
            }
        }

        [Theory]
        [InlineData(0.0, 21UL)]
        [InlineData(0.3, 22UL)]
        public void StateLargerThanTheBound_ReportSaysTheSnapshotWasTooLarge_AndTheSessionFinishes(double loss, ulong seed)
        {
            var scenario = new Scenario
            {
                Name = "desync report over the bound",
                Seed = seed,
                Frames = 400,
                Network = n => n.SetAllLinks(Ms(50, loss: loss)),
                Rules = peer => peer == 1 ? new DesyncInjectingRules(100, Amount) : new ArenaRules(),
                Configure = (peer, o) => o.MaxDesyncSnapshotBytes = peer == 0 ? 64 : 1 << 20,
            };
            ScenarioResult r = scenario.Run();
            _output.WriteLine(r.Summary());
            Assert.All(r.Peers, run => Assert.True(run.Finished));
            PeerDesyncReport small = Assert.Single(r.Peers[0].DesyncReports);
            PeerDesyncReport large = Assert.Single(r.Peers[1].DesyncReports);
            Assert.Equal(DesyncSnapshotOutcome.LocalSnapshotTooLarge, small.Outcome);
            Assert.Equal(DesyncSnapshotOutcome.RemoteSnapshotTooLarge, large.Outcome);
            Assert.Empty(small.Differences);
            Assert.Empty(large.Differences);
            Assert.Contains("too large", small.ToString());
            Assert.Contains("too large", large.ToString());
            Assert.Equal(small.Frame, large.Frame);
        }

        [Theory]
        [InlineData(0.0, 51UL)]
        [InlineData(0.4, 52UL)]
        public void DivergenceAtTheLastReportedFrame_IsReportedOnBothPeers_AndTheSessionsFinishOnlyAfterTheExchange(double loss, ulong seed)
        {
            var scenario = new Scenario
            {
                Name = "desync at the end",
                Seed = seed,
                Frames = 300,
                Network = n => n.SetAllLinks(Ms(60, loss: loss)),
                Rules = peer => peer == 1 ? new DesyncInjectingRules(266, Amount) : new ArenaRules(),
            };
            ScenarioResult r = scenario.Run();
            _output.WriteLine(r.Summary());
            foreach (PeerRun run in r.Peers)
            {
                Assert.True(run.Finished);
                PeerDesyncReport report = Assert.Single(run.DesyncReports);
                Assert.Equal(270, report.Frame);
                Assert.Equal(DesyncSnapshotOutcome.Exchanged, report.Outcome);
                Assert.Equal(DesyncInjectingRules.MemberPath, Assert.Single(report.Differences).Path);
            }
        }

        [Theory]
        [InlineData(0.0, 61UL)]
        [InlineData(0.3, 62UL)]
        public void RemoteHasTheExchangeOff_ReportSaysTimedOut_AndBothSessionsFinish(double loss, ulong seed)
        {
            var scenario = new Scenario
            {
                Name = "desync report, remote exchange off",
                Seed = seed,
                Frames = 300,
                DisconnectTimeoutMs = 2000,
                Network = n => n.SetAllLinks(Ms(50, loss: loss)),
                Rules = peer => peer == 1 ? new DesyncInjectingRules(100, Amount) : new ArenaRules(),
                Configure = (peer, o) => o.MaxDesyncSnapshotBytes = peer == 0 ? 1 << 20 : 0,
            };
            ScenarioResult r = scenario.Run();
            _output.WriteLine(r.Summary());
            Assert.All(r.Peers, run => Assert.True(run.Finished));
            PeerDesyncReport report = Assert.Single(r.Peers[0].DesyncReports);
            Assert.Equal(DesyncSnapshotOutcome.TimedOut, report.Outcome);
            Assert.Empty(report.Differences);
            Assert.Contains("did not arrive", report.ToString());
            Assert.Empty(r.Peers[1].DesyncReports);
            Assert.NotEmpty(r.Peers[1].Desyncs);
        }

        [Fact]
        public void ExchangeTurnedOff_OnlyDesyncDetectedIsRaised()
        {
            var scenario = new Scenario
            {
                Name = "desync report off",
                Seed = 31,
                Frames = 300,
                Rules = peer => peer == 1 ? new DesyncInjectingRules(100, Amount) : new ArenaRules(),
                Configure = (peer, o) => o.MaxDesyncSnapshotBytes = 0,
            };
            ScenarioResult r = scenario.Run();
            Assert.All(r.Peers, run =>
            {
                Assert.True(run.Finished);
                Assert.NotEmpty(run.Desyncs);
                Assert.Empty(run.DesyncReports);
            });
        }
    }
}
