using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Scenarios.Tests.Harness
{
    /// <summary>The five checks of docs/scenarios.md, applied to a scenario result.</summary>
    public static class Checks
    {
        /// <summary>Runs the scenario and asserts all five checks.</summary>
        /// <param name="scenario">The scenario.</param>
        /// <param name="output">Test output.</param>
        /// <param name="minRollbacks">Check 5: minimum rollbacks over all peers together (null: no minimum).</param>
        /// <param name="minDepth">Check 5: the deepest rollback over the peers must reach this.</param>
        /// <param name="zeroRollbacks">Check 5: no peer may roll back.</param>
        /// <param name="minEpisodeEnds">The run must cross at least this many episode boundaries.</param>
        public static ScenarioResult RunAndAssert(Scenario scenario, ITestOutputHelper output, long? minRollbacks = null, int minDepth = 0, bool zeroRollbacks = false, int minEpisodeEnds = 2, long minRollbacksEachPeer = 0)
        {
            ScenarioResult r = scenario.Run();
            output.WriteLine(r.Summary());
            AssertAllFive(r, minRollbacks, minDepth, zeroRollbacks, minEpisodeEnds, minRollbacksEachPeer);
            return r;
        }

        public static void AssertAllFive(ScenarioResult r, long? minRollbacks, int minDepth, bool zeroRollbacks, int minEpisodeEnds, long minRollbacksEachPeer = 0)
        {
            PeerRun[] survivors = r.Survivors().ToArray();
            Assert.True(survivors.Length >= 1);
            foreach (PeerRun run in survivors)
            {
                Assert.True(run.Finished, $"{r.Scenario}: a peer did not finish within {r.Ticks} ticks. {r.Summary()}");
                Assert.False(run.Failure.HasFailed, $"{r.Scenario}: a peer failed: {run.Failure}");
                Assert.Empty(run.Desyncs);
            }

            Assert.Empty(r.OracleTimelineErrors);

            // Every surviving peer applied the same disconnect frame to every player.
            for (int p = 0; p < r.Peers.Length; p++)
            {
                foreach (PeerRun run in survivors)
                {
                    Assert.Equal(r.AgreedDisconnect[p], run.DisconnectFrames[p]);
                }
            }

            // (1) same number of episodes, each ending on the same frame (and where the oracle's end).
            Assert.True(r.OracleEpisodeEnds.Count >= minEpisodeEnds, $"{r.Scenario}: only {r.OracleEpisodeEnds.Count} episode ends; the scenario must cross episode boundaries");
            foreach (PeerRun run in survivors)
            {
                Assert.Equal(r.OracleEpisodeEnds, run.EpisodeEnds);
            }

            // (2) byte-identical exports: same row count, same rows.
            string first = survivors[0].Csv;
            int rows = first.Count(c => c == '\n');
            Assert.Equal(r.FinalFrame + 2, rows); // header + frames 0..final
            foreach (PeerRun run in survivors)
            {
                AssertSameText(first, run.Csv, "peer exports differ");
            }

            // (3) every confirmed state equals the oracle's (the checksum column and every exported value).
            AssertSameText(r.OracleCsv, first, "export differs from the oracle");

            // (4) StepNum = steps since the episode began on every confirmed frame (checked record by record).
            foreach (PeerRun run in survivors)
            {
                Assert.True(run.TimelineErrors.Count == 0, string.Join("; ", run.TimelineErrors));
            }

            // (5) stressed as intended.
            foreach (PeerRun run in survivors)
            {
                if (zeroRollbacks)
                {
                    Assert.True(run.Rollbacks == 0, $"{r.Scenario}: {run.Rollbacks} rollbacks where none were expected");
                }

                Assert.True(run.Rollbacks >= minRollbacksEachPeer, $"{r.Scenario}: a peer rolled back {run.Rollbacks} times, expected at least {minRollbacksEachPeer}");
            }

            if (minRollbacks is long min)
            {
                long total = survivors.Sum(s => s.Rollbacks);
                Assert.True(total >= min, $"{r.Scenario}: {total} rollbacks in all, expected at least {min}");
            }

            if (minDepth > 0)
            {
                int depth = survivors.Max(s => s.MaxDepth);
                Assert.True(depth >= minDepth, $"{r.Scenario}: max rollback depth {depth}, expected at least {minDepth}");
            }

            // Quitters exported a prefix of the survivors' timeline up to the agreed frame.
            foreach (PeerRun run in r.Peers.Where(p => p.Quit))
            {
                int agreed = r.AgreedDisconnect.Min();
                string[] mine = run.Csv.Split('\n');
                string[] theirs = first.Split('\n');
                for (int i = 0; i < mine.Length - 1 && i <= agreed; i++)
                {
                    Assert.Equal(theirs[i], mine[i]);
                }
            }
        }

        public static void AssertSameText(string expected, string actual, string what)
        {
            if (string.Equals(expected, actual, StringComparison.Ordinal))
            {
                return;
            }

            string[] a = expected.Split('\n');
            string[] b = actual.Split('\n');
            int i = 0;
            while (i < a.Length && i < b.Length && a[i] == b[i])
            {
                i++;
            }

            Assert.Fail($"{what}: {a.Length} vs {b.Length} lines; first difference at line {i}:\n  {(i < a.Length ? a[i] : "<end>")}\n  {(i < b.Length ? b[i] : "<end>")}");
        }
    }
}
