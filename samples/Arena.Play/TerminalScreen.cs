using System;
using System.IO;
using System.Text;

namespace Arena.Play
{
    /// <summary>
    /// Owns the terminal while the arena is drawn: the alternate screen with the cursor hidden, each frame written in one
    /// piece from the top-left corner over the last (no clearing, so no flicker), and everything restored on
    /// <see cref="Dispose"/> or process exit (Ctrl+C included).
    /// </summary>
    public sealed class TerminalScreen : IDisposable
    {
        private const string Enter = "\u001b[?1049h\u001b[?25l\u001b[2J\u001b[H";
        private const string Leave = "\u001b[0m\u001b[?25h\u001b[?1049l";
        private readonly Stream _out;
        private readonly object _gate = new object();
        private bool _active;

        public TerminalScreen()
        {
            _out = Console.OpenStandardOutput();
            Write(Enter);
            _active = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        }

        /// <summary>Draws one frame: the text of every line, each erased to its end.</summary>
        public void Draw(StringBuilder frame)
        {
            lock (_gate)
            {
                if (_active)
                {
                    Write("\u001b[H" + frame.ToString());
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_active)
                {
                    _active = false;
                    Write(Leave);
                }
            }
        }

        private void Write(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            _out.Write(bytes, 0, bytes.Length);
            _out.Flush();
        }
    }
}
