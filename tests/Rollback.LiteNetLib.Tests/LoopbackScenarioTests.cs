using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.LiteNetLib.Tests
{
    /// <summary>
    /// The scenario checks the built-in UDP transport passes, over LiteNetLib on loopback: every peer finishes, confirms
    /// every frame once and in order with StepNum counting the episode's steps, ends every episode on the same frame,
    /// and exports rows byte-identical to the other peers' and to an oracle stepped once with the true inputs.
    /// </summary>
    public class LoopbackScenarioTests
    {
        private readonly ITestOutputHelper _output;

        public LoopbackScenarioTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(2, 7UL, 2)]
        [InlineData(2, 31UL, 3)]
        [InlineData(3, 5UL, 2)]
        public void PeersOverLiteNetLibExportIdenticalRowsEqualToTheOracle(int peers, ulong seed, int inputDelay)
        {
            MatchResult r = new LoopbackMatch { Peers = peers, Seed = seed, Frames = 1000, InputDelay = inputDelay }.Run();
            AssertParity(r, 1000, minEpisodeEnds: 2);
            Assert.All(r.Counters, c => Assert.Equal(0, c.TooLarge + c.QueueFull));
        }

        [Fact]
        public void WithoutInputDelayEveryRemoteInputIsPredictedAndRollbacksStillEndIdentical()
        {
            // No input delay: the remote input for the current frame is never there in time, so a changed input always
            // costs a rollback; the exports must still be exact.
            MatchResult r = new LoopbackMatch { Peers = 2, Seed = 3, Frames = 600, InputDelay = 0 }.Run();
            AssertParity(r, 600, minEpisodeEnds: 1);
            // On a real clock the peer that runs behind often has the other's inputs in time, so the rollbacks can all fall on
            // one side; what must hold is that the match was stressed by them.
            Assert.True(r.Rollbacks.Sum() > 10, "rollbacks: " + string.Join(", ", r.Rollbacks));
        }

        private void AssertParity(MatchResult r, int frames, int minEpisodeEnds)
        {
            _output.WriteLine(r.Summary());
            Assert.All(r.Finished, Assert.True);
            Assert.Empty(r.TimelineErrors);
            Assert.Equal(0, r.Desyncs);
            Assert.Equal(0, r.Disconnects);
            Assert.All(r.Counters, c => Assert.True(c.Sent > frames / 2 && c.Received > frames / 2, "too little traffic: " + r.Summary()));
            Assert.All(r.Counters, c => Assert.Equal(0, c.Disconnections));
            Assert.Equal(frames, r.OracleCsv.Split('\n').Length - 1);
            Assert.True(r.OracleEpisodeEnds.Count >= minEpisodeEnds, "episode ends: " + r.OracleEpisodeEnds.Count);
            for (int i = 0; i < r.Csv.Length; i++)
            {
                Assert.Equal(r.OracleEpisodeEnds, r.EpisodeEnds[i]);
                string csv = r.Csv[i].ToString();
                if (csv != r.OracleCsv)
                {
                    string[] a = csv.Split('\n');
                    string[] b = r.OracleCsv.Split('\n');
                    int first = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(k => a[k] != b[k], Math.Min(a.Length, b.Length));
                    Assert.Fail($"peer {i}'s export differs from the oracle's at row {first} ({a.Length} vs {b.Length} rows):\n  peer:   {(first < a.Length ? a[first] : "-")}\n  oracle: {(first < b.Length ? b[first] : "-")}");
                }
            }
        }
    }
}
