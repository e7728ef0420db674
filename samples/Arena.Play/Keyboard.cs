using System;
using Arena.Game;

namespace Arena.Play
{
    /// <summary>
    /// Turns terminal key presses into pads without blocking. A terminal reports presses (and auto-repeats of a held key)
    /// but never releases, so a press of a direction moves the player on that axis for <see cref="HoldFrames"/> frames;
    /// holding the key keeps renewing it through auto-repeat, and presses on both axes combine into a diagonal. A space
    /// dashes on the next simulated frame. q or Escape asks to quit.
    /// </summary>
    public sealed class Keyboard
    {
        /// <summary>Frames a direction press lasts: a quarter second at 60 Hz, longer than the usual auto-repeat gap.</summary>
        public const int HoldFrames = 15;

        private sbyte _x;
        private sbyte _y;
        private int _holdX;
        private int _holdY;
        private bool _dash;

        /// <summary>Whether q or Escape was pressed.</summary>
        public bool QuitRequested { get; private set; }

        /// <summary>Presses seen so far.</summary>
        public long Presses { get; private set; }

        /// <summary>Reads every key waiting in the terminal, never blocking.</summary>
        public void Drain()
        {
            while (Console.KeyAvailable)
            {
                Press(Console.ReadKey(intercept: true).Key);
            }
        }

        /// <summary>Applies one key press.</summary>
        public void Press(ConsoleKey key)
        {
            Presses++;
            switch (key)
            {
                case ConsoleKey.LeftArrow:
                case ConsoleKey.A: _x = -1; _holdX = HoldFrames; break;
                case ConsoleKey.RightArrow:
                case ConsoleKey.D: _x = 1; _holdX = HoldFrames; break;
                case ConsoleKey.UpArrow:
                case ConsoleKey.W: _y = -1; _holdY = HoldFrames; break;
                case ConsoleKey.DownArrow:
                case ConsoleKey.S: _y = 1; _holdY = HoldFrames; break;
                case ConsoleKey.Spacebar: _dash = true; break;
                case ConsoleKey.Q:
                case ConsoleKey.Escape: QuitRequested = true; break;
            }
        }

        /// <summary>The pad for the next frame, as the keys stand now.</summary>
        public Pad Current => new Pad(_holdX > 0 ? _x : (sbyte)0, _holdY > 0 ? _y : (sbyte)0, _dash);

        /// <summary>The frame using <see cref="Current"/> was simulated: count the holds down and spend the dash.</summary>
        public void Consumed()
        {
            _holdX = Math.Max(0, _holdX - 1);
            _holdY = Math.Max(0, _holdY - 1);
            _dash = false;
        }
    }
}
