using System.Collections.Generic;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Engine
{
    /// <summary>
    /// StepNum is the number of steps since the episode began on every confirmed frame, under cascading
    /// rollbacks and with episode ends inside the rollback window (the failure this guards against: snapshots
    /// refreshed during replay stamped with the step count of the frame the rollback restored).
    /// </summary>
    public class StepNumTests
    {
        public static IEnumerable<object[]> Seeds()
        {
            for (int seed = 100; seed < 120; seed++)
            {
                yield return new object[] { seed };
            }
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void StepNumIsStepsSinceEpisodeBegan_UnderCascadingRollbacksAndEpisodeEndsInTheWindow(int seed)
        {
            var scenario = new LateScenario
            {
                Seed = seed,
                Players = 3,
                LocalPlayers = new[] { 1 },
                PredictionWindow = 16,
                InputDelay = 1,
                MinLate = 0,
                MaxLate = 15,
                Frames = 600,
                MaxSteps = 13,      // short episodes: boundaries fall inside most rollback windows
                TargetScore = 9,    // and depend on the inputs, so predicted and real ends differ
            }.Build().Run();

            OracleTests.AssertMatchesOracle(scenario);
            AssertStepNumIsStepsSinceEpisodeBegan(scenario.Log);
            Assert.True(scenario.Game.CascadingRollbacks > 0, $"no rollback landed inside a window just replayed ({scenario.Engine.Statistics})");
            int confirmedEpisodes = scenario.Log.Episode[scenario.Log.Count - 1];
            Assert.True(scenario.Game.Resets > confirmedEpisodes, "no episode boundary was simulated more than once (none lay inside a rollback window)");
        }

        /// <summary>
        /// A cascading rollback over refreshed snapshots: roll back to 100 and replay to 110 (refreshing the snapshots of 101..110,
        /// with an episode boundary at 106 inside the window), then a later rollback to 105 restores one of those
        /// refreshed snapshots. With snapshots stamped with the anchor's StepNum, 105 would restore StepNum of 100
        /// and every later row would drift.
        /// </summary>
        [Fact]
        public void CascadingRollback_100To110ThenTo105_RestoresTheRefreshedStepNum()
        {
            var game = new TestGame { MaxSteps = 53, TargetScore = int.MaxValue, RollbackLog = new List<(int, int)>() };
            var options = new RollbackOptions<TestInput> { PlayerCount = 2, LocalPlayers = new[] { 0 }, PredictionWindow = 16 };
            var engine = new RollbackEngine<ManualState, TestInput>(game, () => new ManualState(), options);
            var log = new ConfirmedLog(2, 200);
            log.Attach(engine);
            var local = new InputSchedule(1, 200, 73);
            static TestInput Remote(int f) => f < 100 ? new TestInput(0, 0) : f < 105 ? new TestInput(1, 1) : new TestInput(3, -1);
            TestInput Truth(int p, int f) => p == 0 ? local[0, f] : Remote(f);

            void Advance() => Assert.Equal(Rollback.Advance.Simulated, engine.AdvanceFrame(new[] { local[0, engine.CurrentFrame] }));

            // Remote inputs up to 99 arrive on time; from 100 on they are held back, so 100..109 are predicted.
            while (engine.CurrentFrame < 110)
            {
                if (engine.CurrentFrame < 100)
                {
                    engine.AddRemoteInput(1, engine.CurrentFrame, Remote(engine.CurrentFrame));
                }

                Advance();
            }

            Assert.Equal(0, engine.Statistics.Rollbacks);

            // Inputs 100..104 arrive and contradict the prediction: rollback to 100, replay to 110.
            for (int f = 100; f < 105; f++)
            {
                engine.AddRemoteInput(1, f, Remote(f));
            }

            Advance();
            Assert.Equal((100, 110), game.RollbackLog[0]);
            Assert.Equal(1, engine.Statistics.DepthHistogram[10]);

            ConfirmedLog oracle = Oracle.Run(new TestGame { MaxSteps = 53, TargetScore = int.MaxValue }, 2, 160, Truth);

            // The snapshot of 105 refreshed during that replay carries the StepNum of 105 (steps 53..104 of episode 1 = 52), not 100's.
            Assert.True(engine.TryGetSnapshot(105, out System.ReadOnlySpan<byte> bytes, out _));
            var at105 = new ManualState();
            at105.Restore(bytes);
            Assert.Equal(oracle.StateStepNum[104], at105.StepNum);
            Assert.Equal(52, at105.StepNum);
            Assert.Equal(1, at105.Episode);

            Advance(); // present is 112
            for (int f = 105; f < 112; f++)
            {
                engine.AddRemoteInput(1, f, Remote(f));
            }

            Advance();
            Assert.Equal((105, 112), game.RollbackLog[1]);
            Assert.Equal(1, engine.Statistics.DepthHistogram[7]);
            Assert.Equal(2, engine.Statistics.Rollbacks);

            engine.AddRemoteInput(1, 112, Remote(112));
            while (engine.CurrentFrame < 160)
            {
                engine.AddRemoteInput(1, engine.CurrentFrame, Remote(engine.CurrentFrame));
                Advance();
            }

            engine.Synchronize();
            Assert.Equal(160, log.Count);
            for (int f = 0; f < 160; f++)
            {
                Assert.True(oracle.Checksum[f] == log.Checksum[f], $"frame {f}: checksum");
                Assert.True(oracle.StepNum[f] == log.StepNum[f], $"frame {f}: StepNum {log.StepNum[f]}, expected {oracle.StepNum[f]}");
                Assert.True(oracle.Episode[f] == log.Episode[f], $"frame {f}: Episode {log.Episode[f]}, expected {oracle.Episode[f]}");
            }

            // Episode 1 ends on the same row as the oracle: its last step is frame 105 (StepNum 53), then 106 starts episode 2.
            Assert.Equal((1, 53), (log.Episode[105], log.StepNum[105]));
            Assert.Equal((2, 1), (log.Episode[106], log.StepNum[106]));
            AssertStepNumIsStepsSinceEpisodeBegan(log);
        }

        /// <summary>
        /// An episode end that only the prediction reached is undone by the rollback, and an end that only the
        /// real inputs reach is found by it.
        /// </summary>
        [Fact]
        public void EpisodeBoundaryCrossedSpeculatively_IsUndoneOrFound_InBothDirections()
        {
            var game = new TestGame { MaxSteps = 20, TargetScore = 5 };
            var engine = new RollbackEngine<ManualState, TestInput>(game, () => new ManualState(), new RollbackOptions<TestInput>
            {
                PlayerCount = 2,
                LocalPlayers = new[] { 0 },
                PredictionWindow = 12,
            });
            var log = new ConfirmedLog(2, 200);
            log.Attach(engine);

            // The remote player presses (2 points a step, an episode every 3 steps) until 50, idles until 80, presses again.
            static TestInput Remote(int f) => f < 50 || f >= 80 ? new TestInput(1, 0) : new TestInput(0, 0);
            const int Late = 8;
            var idle = new[] { new TestInput(0, 0) };
            long resetsAt50 = 0;
            while (engine.CurrentFrame < 150)
            {
                int f = engine.CurrentFrame - Late;
                if (f >= 0)
                {
                    engine.AddRemoteInput(1, f, Remote(f));
                }

                if (engine.CurrentFrame == 58)
                {
                    resetsAt50 = game.Resets;
                }

                engine.AdvanceFrame(idle);
            }

            for (int f = 150 - Late; f < 150; f++)
            {
                engine.AddRemoteInput(1, f, Remote(f));
            }

            engine.Synchronize();
            ConfirmedLog oracle = Oracle.Run(new TestGame { MaxSteps = 20, TargetScore = 5 }, 2, 150, (p, f) => p == 0 ? new TestInput(0, 0) : Remote(f));
            Assert.Equal(150, log.Count);
            for (int f = 0; f < 150; f++)
            {
                Assert.True(oracle.Checksum[f] == log.Checksum[f], $"frame {f}: checksum");
                Assert.True((oracle.Episode[f], oracle.StepNum[f]) == (log.Episode[f], log.StepNum[f]), $"frame {f}: ({log.Episode[f]}, {log.StepNum[f]}) expected ({oracle.Episode[f]}, {oracle.StepNum[f]})");
            }

            Assert.True(resetsAt50 > oracle.Episode[49], "the prediction should have ended episodes the real inputs did not");
            Assert.True(engine.Statistics.MaxRollbackDepth >= Late);
            AssertStepNumIsStepsSinceEpisodeBegan(log);
        }

        internal static void AssertStepNumIsStepsSinceEpisodeBegan(ConfirmedLog log)
        {
            int episode = 0;
            int steps = 0;
            for (int f = 0; f < log.Count; f++)
            {
                if (log.Episode[f] != episode)
                {
                    Assert.True(log.Episode[f] == episode + 1, $"frame {f}: episode jumped from {episode} to {log.Episode[f]}");
                    episode++;
                    steps = 0;
                }

                steps++;
                Assert.True(steps == log.StepNum[f], $"frame {f}: StepNum {log.StepNum[f]}, steps since episode {episode} began {steps}");
                Assert.True(steps == log.StateStepNum[f], $"frame {f}: state StepNum {log.StateStepNum[f]}, steps {steps}");
            }
        }
    }
}
