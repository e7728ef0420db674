using System.Collections.Generic;
using CsCheck;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Engine
{
    /// <summary>
    /// The oracle: whatever the input schedule and however late remote inputs arrive, every confirmed frame
    /// equals that of one replica stepped once with the true inputs.
    /// </summary>
    public class OracleTests
    {
        public static IEnumerable<object[]> Seeds()
        {
            for (int seed = 1; seed <= 30; seed++)
            {
                yield return new object[] { seed };
            }
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void ConfirmedFramesEqualTheOracle(int seed)
        {
            var rng = new DeterministicRandom((ulong)seed);
            int players = rng.NextInt(2, 5);
            var scenario = new LateScenario
            {
                Seed = seed,
                Players = players,
                LocalPlayers = rng.NextBool() ? new[] { 0 } : new[] { 0, players - 1 },
                PredictionWindow = rng.NextInt(6, 13),
                InputDelay = rng.NextInt(0, 4),
                MinLate = 0,
                MaxLate = rng.NextInt(3, 12),
                Frames = 500,
                MaxSteps = rng.NextInt(20, 60),
                TargetScore = rng.NextInt(15, 50),
                DefaultInput = new TestInput(2, -1),
            };
            if (scenario.LocalPlayers.Length == 2 && players == 2)
            {
                scenario.LocalPlayers = new[] { 0 };
            }

            scenario.Build().Run();

            AssertMatchesOracle(scenario);
            Assert.True(scenario.Engine.Statistics.Rollbacks > 0, $"seed {seed}: no rollback happened ({scenario.Engine.Statistics})");
            Assert.True(scenario.Engine.Statistics.MaxRollbackDepth >= 2, $"seed {seed}: no rollback of depth >= 2 ({scenario.Engine.Statistics})");
        }

        [Fact]
        public void PropertyOverRandomSchedulesAndLateness()
        {
            Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[2, 4], Gen.Int[0, 3], Gen.Int[1, 14], Gen.Int[4, 16])
                .Sample((seed, players, delay, maxLate, window) =>
                {
                    var scenario = new LateScenario
                    {
                        Seed = seed,
                        Players = players,
                        LocalPlayers = new[] { players - 1 },
                        PredictionWindow = window,
                        InputDelay = delay,
                        MaxLate = maxLate,
                        Frames = 200,
                        MaxSteps = 25,
                        TargetScore = 20,
                    }.Build().Run();
                    AssertMatchesOracle(scenario);
                }, iter: 60);
        }

        internal static void AssertMatchesOracle(LateScenario scenario)
        {
            ConfirmedLog log = scenario.Log;
            ConfirmedLog oracle = scenario.RunOracle();
            Assert.Equal(0, log.OrderViolations);
            Assert.Equal(0, log.PredictedViolations);
            Assert.Equal(scenario.Frames, scenario.Engine.CurrentFrame);
            Assert.Equal(scenario.Frames, log.Count);
            for (int f = 0; f < log.Count; f++)
            {
                string where = $"seed {scenario.Seed}, frame {f}";
                Assert.True(oracle.Checksum[f] == log.Checksum[f], $"{where}: checksum differs from the oracle");
                Assert.True(oracle.Episode[f] == log.Episode[f], $"{where}: episode {log.Episode[f]}, oracle {oracle.Episode[f]}");
                Assert.True(oracle.StepNum[f] == log.StepNum[f], $"{where}: StepNum {log.StepNum[f]}, oracle {oracle.StepNum[f]}");
                Assert.True(oracle.StateStepNum[f] == log.StateStepNum[f], $"{where}: state StepNum {log.StateStepNum[f]}, oracle {oracle.StateStepNum[f]}");
                Assert.True(oracle.StateEpisode[f] == log.StateEpisode[f], $"{where}: state Episode");
                Assert.True(f + 1 == log.StateFrame[f], $"{where}: confirmed state Frame {log.StateFrame[f]}");
                Assert.True(oracle.Score[f] == log.Score[f], $"{where}: score");
                Assert.True(oracle.Reward[f] == log.Reward[f], $"{where}: reward");
                for (int p = 0; p < log.Players; p++)
                {
                    Assert.True(oracle.Input(f, p).Equals(log.Input(f, p)), $"{where}: input of player {p} {log.Input(f, p)}, true {oracle.Input(f, p)}");
                }
            }
        }
    }
}
