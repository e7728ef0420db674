using System.Linq;
using Arena.Game;
using Arena.Play;
using Rollback;
using Xunit;

namespace Rollback.Play.Tests
{
    /// <summary>The arena's rules for 2 to 4 players.</summary>
    public class ArenaPlayRulesTests
    {
        [Theory]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void EveryPlayerStartsInsideTheWallsOnASpotOfTheirOwn(int players)
        {
            ArenaState state = ArenaSetup.NewState(players);
            Assert.Equal(players, state.Players.Length);
            Assert.All(state.Players, p =>
            {
                Assert.InRange(p.Position.X, Fixed64.FromInt(4), Fixed64.FromInt(96));
                Assert.InRange(p.Position.Y, Fixed64.FromInt(4), Fixed64.FromInt(96));
            });
            Assert.Equal(players, state.Players.Select(p => (ArenaView.Column(p.Position.X), ArenaView.Row(p.Position.Y))).Distinct().Count());
        }

        [Theory]
        [InlineData(2, 1UL)]
        [InlineData(3, 2UL)]
        [InlineData(4, 3UL)]
        public void TheRulesSurviveARollbackEveryFrameAcrossEpisodes(int players, ulong seed)
        {
            var session = new SyncTestSession<ArenaState, Pad>(new ArenaPlayRules(), () => ArenaSetup.NewState(players), players, checkDistance: 3);
            session.RunRandom(1000, seed, Bot.RandomPad);
            Assert.True(session.State.Episode >= 2, $"episode {session.State.Episode} after 1000 frames");
            Assert.True(session.Statistics.Rollbacks >= 990);
        }

        [Fact]
        public void ANewEpisodePutsTheExtraPlayersBackOnTheirSpots()
        {
            ArenaState fresh = ArenaSetup.NewState(4);
            ArenaState state = ArenaSetup.NewState(4);
            foreach (Player p in state.Players)
            {
                p.Position = new FixedVector2(Fixed64.FromInt(7), Fixed64.FromInt(9));
            }

            new ArenaPlayRules().ResetEpisode(state);
            Assert.Equal(fresh.Players.Select(p => p.Position), state.Players.Select(p => p.Position));
        }
    }
}
