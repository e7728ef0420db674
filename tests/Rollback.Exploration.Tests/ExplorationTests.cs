using System;
using System.Linq;
using System.Text;
using Rollback.Exploration.Tests.Core;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Exploration.Tests
{
    /// <summary>
    /// The randomized scenario sample: every drawn run applies the five checks against the oracle plus the finish bound.
    /// CI runs a bounded sample with a fixed base seed; <c>ROLLBACK_EXPLORE_RUNS=10000</c> runs the big one.
    /// </summary>
    public class ExplorationTests
    {
        private readonly ITestOutputHelper _output;

        public ExplorationTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Drawn_scenarios_agree_with_the_oracle_on_every_peer()
        {
            int runs = ExploreSettings.Runs;
            ulong seed = ExploreSettings.Seed;
            ExplorationSpace space = ExploreSettings.Space;
            BatchSummary summary = Explorer.Run(space, seed, runs);
            string line = $"exploration: base seed {seed}, {(ExploreSettings.All ? "all dimensions" : "passing dimensions")}: {summary}";
            _output.WriteLine(line);
            Console.WriteLine(line);
            ExploreSettings.Report(line);

            // The sample must really stress the session: rollbacks happened and many frames were confirmed.
            Assert.True(summary.Rollbacks > 0, "the sample caused no rollback");
            Assert.True(summary.Frames >= runs * 40L, $"only {summary.Frames} frames over {runs} runs");
            if (summary.Failed == 0)
            {
                return;
            }

            var message = new StringBuilder(line).AppendLine();
            foreach (RunReport first in summary.FirstOfKind.Values)
            {
                RunReport minimal = Shrinker.Shrink(first, space);
                message.AppendLine(Shrinker.Message(first, minimal));
            }

            ExploreSettings.Report(message.ToString());
            Assert.Fail(message.ToString());
        }

        [Fact]
        public void Every_dimension_is_drawn_and_a_dimension_that_is_off_keeps_its_baseline()
        {
            var all = Enumerable.Range(0, 3000).Select(i => ScenarioGenerator.Draw(ExplorationSpace.All, 99, i)).ToList();
            Assert.Contains(all, s => s.PlayerCount == 8);
            Assert.Contains(all, s => s.PlayersPerPeer.Any(c => c >= 2));
            Assert.Equal(Enumerable.Range(0, 9), all.Select(s => s.InputDelay).Distinct().OrderBy(x => x));
            Assert.Equal(Enumerable.Range(0, 13), all.Select(s => s.PredictionWindow).Distinct().OrderBy(x => x));
            Assert.Equal(new[] { 1, 3, 4, 16, 64, 256, 1024 }, all.Select(s => s.InputSize).Distinct().OrderBy(x => x));
            Assert.Contains(all, s => s.FrameCount > 0 && s.Episodes == 0);
            Assert.Contains(all, s => s.FrameCount == 0 && s.Episodes > 0);
            Assert.Contains(all, s => s.FrameCount > 0 && s.Episodes > 0);
            Assert.Contains(all, s => s.Game == GameKind.Arena);
            Assert.Contains(all, s => s.Idle);
            Assert.Contains(all, s => s.StopPollingAtFinish);
            Assert.Contains(all, s => !s.StopPollingAtFinish);
            Assert.Contains(all, s => s.PatternedDefaultInput && s.LeavePeer >= 0);
            Assert.Contains(all, s => s.LatencyTicks > 0 && s.AsymmetryTicks > 0);
            Assert.Contains(all, s => s.JitterTicks > 0 && s.JitterRedrawTicks > 0);
            Assert.Contains(all, s => s.Loss > 0);
            Assert.Contains(all, s => s.Duplicate > 0);
            Assert.Contains(all, s => s.Reorder > 0);
            Assert.Contains(all, s => s.PartitionPeer >= 0);
            Assert.Contains(all, s => s.StallPeer >= 0);
            Assert.Contains(all, s => s.LatePeer >= 0);
            Assert.Contains(all, s => s.LeavePeer >= 0 && s.LeavePolitely);
            Assert.Contains(all, s => s.LeavePeer >= 0 && !s.LeavePolitely);
            Assert.Contains(all, s => s.RestartPeer >= 0);
            Assert.Contains(all, s => s.Spectator && s.SpectatorDelayTicks == 0);
            Assert.Contains(all, s => s.Spectator && s.SpectatorDelayTicks >= 100);
            Assert.Contains(all, s => s.Handshake == HandshakeFault.MismatchedConfig);
            Assert.Contains(all, s => s.Handshake == HandshakeFault.NeverStarts);
            Assert.Contains(all, s => s.PredictionWindow == 0 && s.InputDelay == 0);
            Assert.All(all, s => Assert.InRange(s.PlayerCount, 2, 8));
            Assert.All(all, s => Assert.True(s.EpisodeMinSteps > s.InputDelay + s.PredictionWindow));

            var latencyOnly = Enumerable.Range(0, 1000).Select(i => ScenarioGenerator.Draw(ExplorationSpace.Only(Dimension.Latency), 99, i)).ToList();
            Assert.Contains(latencyOnly, s => s.LatencyTicks > 0);
            Assert.All(latencyOnly, s =>
            {
                Assert.Equal(2, s.PlayerCount);
                Assert.Equal(2, s.InputDelay);
                Assert.Equal(8, s.PredictionWindow);
                Assert.Equal(4, s.InputSize);
                Assert.Equal(0, s.Loss);
                Assert.Equal(0, s.JitterTicks);
                Assert.True(s.Episodes == 0 && s.FrameCount > 0);
                Assert.True(s.LeavePeer < 0 && s.PartitionPeer < 0 && s.RestartPeer < 0 && !s.Spectator);
                Assert.Equal(HandshakeFault.None, s.Handshake);
                Assert.False(s.StopPollingAtFinish);
            });

            var passing = Enumerable.Range(0, 2000).Select(i => ScenarioGenerator.Draw(ExplorationSpace.Passing, 99, i)).ToList();
            foreach (Dimension d in ExplorationSpace.KnownFailing.Keys)
            {
                Assert.False(ExplorationSpace.Passing.Has(d));
            }

            Assert.All(passing, s => Assert.True(ExplorationSpace.Passing.Admits(s), s.ToString()));
            Assert.Contains(all, s => ExplorationSpace.LongestSilence(s) >= ExplorationSpace.MaxSilence);
            Assert.Contains(all, s => s.LeavePeer >= 0 && s.Episodes > 0);
        }

        [Fact]
        public void The_shrinker_keeps_the_failure_and_drops_everything_that_does_not_cause_it()
        {
            // A stand-in runner: the run "fails" exactly when 3 or more players meet at least 5 % loss.
            static RunReport Fake(ScenarioSpec s)
            {
                var r = new RunReport(s);
                if (s.PlayerCount >= 3 && s.Loss >= 0.05)
                {
                    r.Fail(FailureKind.Desync, "synthetic");
                }

                return r;
            }

            var noisy = new ScenarioSpec
            {
                Seed = 42, PlayersPerPeer = new[] { 2, 1, 3, 1 }, InputSize = 64, InputDelay = 6, PredictionWindow = 11, FrameCount = 300,
                LatencyTicks = 7, JitterTicks = 3, Loss = 0.2, Duplicate = 0.1, Reorder = 0.2, Spectator = true,
                StallPeer = 2, StallStart = 40, StallTicks = 30, LeavePeer = 3, LeaveTick = 100,
            };
            RunReport minimal = Shrinker.Shrink(Fake(noisy), Fake, ExplorationSpace.All);
            ScenarioSpec m = minimal.Spec;
            Assert.Equal(FailureKind.Desync, minimal.Kind);
            Assert.Equal(3, m.PlayerCount);
            Assert.True(m.Loss >= 0.05 && m.Loss < 0.1, m.ToString());
            Assert.True(m.LatencyTicks == 0 && m.JitterTicks == 0 && m.Duplicate == 0 && m.Reorder == 0 && !m.Spectator, m.ToString());
            Assert.True(m.StallPeer < 0 && m.LeavePeer < 0 && m.InputSize == 1 && m.InputDelay == 2 && m.PredictionWindow == 8, m.ToString());
            Assert.True(m.FrameCount <= 20, m.ToString());

            string test = Shrinker.Message(Fake(noisy), minimal);
            Assert.Contains("[Fact]", test);
            Assert.Contains("public void Minimal_Desync()", test);
            Assert.Contains(m.ToInitializer(), test);
            Assert.Contains("Loss = " + m.Loss.ToString("R", System.Globalization.CultureInfo.InvariantCulture), m.ToInitializer());
        }

        [Fact]
        public void The_shrinker_never_leaves_the_space_the_failure_was_drawn_from()
        {
            static RunReport Fake(ScenarioSpec s)
            {
                var r = new RunReport(s);
                r.Fail(FailureKind.DidNotFinish, "always");
                return r;
            }

            var lockstep = new ScenarioSpec { Seed = 1, InputDelay = 3, PredictionWindow = 0, FrameCount = 100, StopPollingAtFinish = false };
            ScenarioSpec m = Shrinker.Shrink(Fake(lockstep), Fake, ExplorationSpace.Passing).Spec;
            Assert.Equal(0, m.PredictionWindow);
            Assert.True(m.InputDelay >= 1, m.ToString());
            Assert.True(ExplorationSpace.Passing.Admits(m));
        }

        [Theory]
        [InlineData(0, 40)]
        [InlineData(1, 75)]
        [InlineData(2, 3)]
        public void A_peer_whose_simulation_drifts_is_caught_by_the_checks(int peer, int frame)
        {
            var spec = new ScenarioSpec { Seed = 11, PlayersPerPeer = new[] { 1, 2, 1 }, LatencyTicks = 3, Loss = 0.05, FrameCount = 150 };
            RunReport clean = ScenarioRunner.Run(spec);
            Assert.True(clean.Passed, clean.Describe());

            RunReport drifted = ScenarioRunner.Run(spec, new RunHooks { DriftingPeer = peer, DriftFrame = frame });
            Assert.False(drifted.Passed);
            Assert.Contains(drifted.Failures, f => f.Kind == FailureKind.OracleMismatch && f.Message.Contains($"peer {peer}", StringComparison.Ordinal));
            Assert.Contains(drifted.Failures, f => f.Kind == FailureKind.ExportsDiffer);
        }

        [Fact]
        public void A_spec_replays_bit_for_bit()
        {
            // Draws that play a session (not a handshake drawn to fail, nor a spectator refused for 1 KB frames).
            var specs = Enumerable.Range(0, 200).Select(i => ScenarioGenerator.Draw(ExplorationSpace.Passing, 5, i))
                .Where(s => s.Handshake == HandshakeFault.None && !(s.Spectator && s.InputSize >= 1024)).Take(6).ToList();
            Assert.Equal(6, specs.Count);
            foreach (ScenarioSpec spec in specs)
            {
                RunReport a = ScenarioRunner.Run(spec);
                RunReport b = ScenarioRunner.Run(spec.Clone());
                Assert.Equal(a.Describe(), b.Describe());
                Assert.True(a.FinalFrame >= 0);
            }
        }

        [Fact]
        public void A_scenario_with_latency_rolls_back_and_an_idle_one_does_not()
        {
            RunReport busy = ScenarioRunner.Run(new ScenarioSpec { Seed = 3, LatencyTicks = 6, Loss = 0.1, FrameCount = 300 });
            Assert.True(busy.Passed, busy.Describe());
            Assert.True(busy.Rollbacks > 0, busy.Describe());

            RunReport idle = ScenarioRunner.Run(new ScenarioSpec { Seed = 3, LatencyTicks = 6, Idle = true, FrameCount = 300 });
            Assert.True(idle.Passed, idle.Describe());
            Assert.Equal(0, idle.Rollbacks);
        }
    }
}
