using System;
using System.IO;
using Arena.Game;
using Xunit;

namespace Rollback.Samples.Tests
{
    /// <summary>The sample game's determinism, checked the way a user would: sync tests and repeated exports.</summary>
    public class ArenaSampleTests
    {
        [Theory]
        [InlineData(1UL, 1)]
        [InlineData(2UL, 2)]
        [InlineData(3UL, 7)]
        public void SyncTestPassesOverSeveralEpisodes(ulong seed, int checkDistance)
        {
            var session = new SyncTestSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, 2, checkDistance);
            session.RunRandom(1200, seed, Bot.RandomPad);
            Assert.True(session.Statistics.Rollbacks >= 1100, $"only {session.Statistics.Rollbacks} rollbacks");
            Assert.True(session.State.Episode >= 2, $"episode {session.State.Episode}");
        }

        [Fact]
        public void SyncTestCatchesNondeterminismInTheSampleRules()
        {
            var session = new SyncTestSession<ArenaState, Pad>(new LeakyRules(), ArenaRules.NewState, 2, 2);
            var ex = Assert.Throws<DesyncException>(() => session.RunRandom(200, 1, Bot.RandomPad));
            Assert.Equal("Bumps", ex.Report.MemberPath);
        }

        [Fact]
        public void TwoRunsExportByteIdenticalCsv()
        {
            Assert.Equal(Export(5), Export(5));
            Assert.NotEqual(Export(5), Export(6));
        }

        [Fact]
        public void EpisodesEndOnTheRulesAndStepNumRestarts()
        {
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, 2);
            int lastEpisode = 0, lastStep = 0, lastTopScore = 0, ends = 0;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
            {
                if (f.Episode != lastEpisode)
                {
                    Assert.Equal(lastEpisode + 1, f.Episode);
                    Assert.Equal(1, f.StepNum);
                    Assert.True(lastStep == ArenaRules.EpisodeSteps || lastTopScore >= ArenaRules.WinningScore, $"episode ended after {lastStep} steps at top score {lastTopScore}");
                    ends++;
                }
                else
                {
                    Assert.Equal(lastStep + 1, f.StepNum);
                }

                lastEpisode = f.Episode;
                lastStep = f.StepNum;
                lastTopScore = Math.Max(f.State.Players[0].Score, f.State.Players[1].Score);
            };
            var pads = new Pad[2];
            var bots = new[] { new Bot(9, 0), new Bot(9, 1) };
            for (int i = 0; i < 1000; i++)
            {
                pads[0] = bots[0].Next();
                pads[1] = bots[1].Next();
                session.AdvanceFrame(pads);
            }

            Assert.True(ends >= 2);
        }

        private static string Export(ulong seed)
        {
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, 2);
            var text = new StringWriter();
            using (var csv = new CsvExporter<ArenaState, Pad>(session, text, leaveOpen: true)
                .AddColumn("reward0", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.LastReward[0])))
            {
                var bots = new[] { new Bot(seed, 0), new Bot(seed, 1) };
                var pads = new Pad[2];
                for (int i = 0; i < 600; i++)
                {
                    pads[0] = bots[0].Next();
                    pads[1] = bots[1].Next();
                    session.AdvanceFrame(pads);
                }
            }

            return text.ToString();
        }

        /// <summary>The sample rules plus a hidden static counter: what the sync test exists to catch.</summary>
        private sealed class LeakyRules : ISimulation<ArenaState, Pad>
        {
            private static int s_calls;
            private readonly ArenaRules _rules = new ArenaRules();

            public void Step(ArenaState state, ReadOnlySpan<Pad> inputs)
            {
                _rules.Step(state, inputs);
                state.Bumps += s_calls++ % 3 == 0 ? 1 : 0;
            }

            public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

            public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
        }
    }
}
