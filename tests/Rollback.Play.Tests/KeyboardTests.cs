using System;
using Arena.Game;
using Arena.Play;
using Xunit;

namespace Rollback.Play.Tests
{
    /// <summary>Controls designed for a terminal, which reports presses and auto-repeats but never releases.</summary>
    public class KeyboardTests
    {
        [Theory]
        [InlineData(ConsoleKey.RightArrow, 1, 0)]
        [InlineData(ConsoleKey.D, 1, 0)]
        [InlineData(ConsoleKey.LeftArrow, -1, 0)]
        [InlineData(ConsoleKey.A, -1, 0)]
        [InlineData(ConsoleKey.UpArrow, 0, -1)]
        [InlineData(ConsoleKey.W, 0, -1)]
        [InlineData(ConsoleKey.DownArrow, 0, 1)]
        [InlineData(ConsoleKey.S, 0, 1)]
        public void APressHoldsItsDirectionForHoldFramesThenReleases(ConsoleKey key, int x, int y)
        {
            var keys = new Keyboard();
            keys.Press(key);
            for (int frame = 0; frame < Keyboard.HoldFrames; frame++)
            {
                Assert.Equal(x, keys.Current.X);
                Assert.Equal(y, keys.Current.Y);
                keys.Consumed();
            }

            Assert.Equal(default(Pad), keys.Current);
        }

        [Fact]
        public void AutoRepeatKeepsTheDirectionGoing()
        {
            var keys = new Keyboard();
            for (int frame = 0; frame < 120; frame++)
            {
                if (frame % 4 == 0)
                {
                    keys.Press(ConsoleKey.RightArrow); // a held key repeats about every 33-50 ms
                }

                Assert.Equal(1, keys.Current.X);
                keys.Consumed();
            }
        }

        [Fact]
        public void PressesOnBothAxesMakeADiagonalAndTheLatestPressOnAnAxisWins()
        {
            var keys = new Keyboard();
            keys.Press(ConsoleKey.RightArrow);
            keys.Press(ConsoleKey.UpArrow);
            Assert.Equal(new Pad(1, -1, false), keys.Current);
            keys.Press(ConsoleKey.LeftArrow);
            Assert.Equal(new Pad(-1, -1, false), keys.Current);
        }

        [Fact]
        public void AFrameTheSessionDidNotSimulateDoesNotUseUpTheHoldOrTheDash()
        {
            var keys = new Keyboard();
            keys.Press(ConsoleKey.Spacebar);
            keys.Press(ConsoleKey.DownArrow);
            for (int wait = 0; wait < 50; wait++)
            {
                Assert.Equal(new Pad(0, 1, true), keys.Current); // the session said Wait: nothing consumed
            }

            keys.Consumed();
            Assert.Equal(new Pad(0, 1, false), keys.Current);
        }

        [Theory]
        [InlineData(ConsoleKey.Q)]
        [InlineData(ConsoleKey.Escape)]
        public void QOrEscapeAsksToQuit(ConsoleKey key)
        {
            var keys = new Keyboard();
            keys.Press(ConsoleKey.X);
            Assert.False(keys.QuitRequested);
            keys.Press(key);
            Assert.True(keys.QuitRequested);
        }
    }
}
