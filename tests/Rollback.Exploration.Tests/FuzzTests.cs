using Rollback.Exploration.Tests.Core;
using Rollback.Exploration.Tests.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Exploration.Tests
{
    /// <summary>
    /// Hostile datagrams (random, truncated, mutated and replayed real traffic, other sessions, strangers) against the
    /// decoder and against a live 2-peer session: no exception, no failed check, exports identical to an undisturbed run.
    /// CI injects 50,000 into the live session; <c>ROLLBACK_FUZZ_DATAGRAMS=1000000</c> runs the big one.
    /// </summary>
    public class FuzzTests
    {
        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void A_live_session_under_hostile_datagrams_exports_exactly_what_an_undisturbed_one_does()
        {
            int datagrams = ExploreSettings.FuzzDatagrams;
            FuzzReport report = DatagramFuzzer.FuzzLiveSession(ExploreSettings.Seed, datagrams);
            string line = "live fuzz: " + report;
            _output.WriteLine(line);
            ExploreSettings.Report(line);
            Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
            Assert.True(report.Datagrams >= datagrams * 9L / 10, $"only {report.Datagrams} of {datagrams} datagrams reached the sessions");
            Assert.True(report.Dropped >= report.Datagrams / 2, $"the sessions dropped only {report.Dropped} of {report.Datagrams} hostile datagrams");
            for (int k = 0; k < HostileDatagrams.KindCount; k++)
            {
                Assert.True(report.ByKind[k] > 0, $"no datagram of kind {(HostileKind)k}");
            }

            Assert.True(report.FromPeer > 0 && report.FromStrangers > 0);
        }

        [Fact]
        public void The_decoder_never_throws_on_hostile_datagrams()
        {
            int datagrams = ExploreSettings.FuzzDatagrams * 4;
            FuzzReport report = DatagramFuzzer.FuzzDecoder(ExploreSettings.Seed, datagrams);
            string line = "decoder fuzz: " + report;
            _output.WriteLine(line);
            ExploreSettings.Report(line);
            Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
            Assert.True(report.Decoded > 0, "no hostile datagram decoded: the corpus of real traffic is empty");
            Assert.True(report.Decoded < datagrams / 2, "most hostile datagrams decoded: the mutations do nothing");
        }
    }
}
