using System.Linq;
using System.Text.RegularExpressions;
using Arena.Game;
using Arena.Play;
using Rollback;
using Xunit;

namespace Rollback.Play.Tests
{
    /// <summary>The screen: the arena drawn from the state, the status line from the session's figures.</summary>
    public class ArenaViewTests
    {
        private static string Plain(string ansi) => Regex.Replace(ansi, "\u001b\\[[0-9;?]*[A-Za-z]", string.Empty);

        [Theory]
        [InlineData(2, 0, 10, 90, 55, 20)]
        [InlineData(3, 1, 0, 99, 50, 50)]
        [InlineData(4, 3, 33, 66, 5, 95)]
        public void PlayersAndTheCoinAreDrawnWhereTheStateHasThem(int players, int seat, int x0, int y0, int coinX, int coinY)
        {
            ArenaState state = ArenaSetup.NewState(players);
            state.Players[0].Position = new FixedVector2(Fixed64.FromInt(x0), Fixed64.FromInt(y0));
            state.Coin = new FixedVector2(Fixed64.FromInt(coinX), Fixed64.FromInt(coinY));
            state.Players[players - 1].Score = 7;
            var view = new ArenaView(seat, players, "3 rounds", "help text");
            var figures = new StatusFigures(1234, 1229, 187, -2, 12.5, 99, 6);
            string screen = Plain(view.Render(state, figures, "playing", false).ToString());
            string[] lines = screen.Split('\n');

            Assert.Equal(1 + 1 + ArenaView.Height + 1 + 4, lines.Length);
            string[] arena = lines.Skip(2).Take(ArenaView.Height).ToArray();
            Assert.All(arena, l => Assert.Equal(ArenaView.Width + 2, l.Length));
            int Col(int x) => ArenaView.Column(Fixed64.FromInt(x)) + 1;
            int Row(int y) => ArenaView.Row(Fixed64.FromInt(y));
            Assert.Equal('1', arena[Row(y0)][Col(x0)]);
            Assert.Equal('$', arena[Row(coinY)][Col(coinX)]);
            for (int p = 1; p < players; p++)
            {
                Player player = state.Players[p];
                Assert.Equal((char)('1' + p), arena[ArenaView.Row(player.Position.Y)][ArenaView.Column(player.Position.X) + 1]);
            }

            Assert.Equal(players + 1, string.Concat(arena).Count(c => c != ' ' && c != '|'));
            Assert.Contains($"you are player {seat + 1}", lines[0]);
            Assert.Matches(@"frame\s+1234\s+confirmed\s+1229\s+ping\s+187 ms\s+advantage\s+-2\s+rollbacks/s\s+12\.5\s+max depth 6", screen);
            Assert.Contains($"P{players} 7 (total 0)", screen);
            Assert.Contains("help text", screen);
        }

        [Fact]
        public void EveryLineErasesItsRestAndTheFrameEndsByClearingBelowSoRedrawsLeaveNoTrace()
        {
            var view = new ArenaView(0, 2, "600 frames", "h");
            string raw = view.Render(ArenaSetup.NewState(2), new StatusFigures(0, -1, -1, 0, 0, 0, 0), "a much longer message than the last one", true).ToString();
            string[] lines = raw.Split('\n');
            Assert.All(lines.Take(lines.Length - 1), l => Assert.EndsWith("\u001b[K", l));
            Assert.EndsWith("\u001b[J", raw);
            Assert.Contains("\u001b[1;37;41m", raw); // an alarm stands out
            Assert.Contains("ping   -- ms", Plain(raw));
        }
    }
}
