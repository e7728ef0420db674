using System;
using System.IO;

namespace Rollback.Tool
{
    /// <summary>
    /// A progress bar on standard error for long replays: redrawn in place on a terminal, a line per quarter when
    /// the output is redirected (logs stay readable).
    /// </summary>
    internal sealed class ProgressBar
    {
        /// <summary>Replays shorter than this show no progress.</summary>
        public const int MinimumFrames = 1000;

        private const int Width = 30;
        private readonly TextWriter _out;
        private readonly bool _inPlace;
        private int _lastQuarter = -1;
        private bool _drawn;

        public ProgressBar(TextWriter output, bool inPlace)
        {
            _out = output;
            _inPlace = inPlace;
        }

        public void Report(int done, int total)
        {
            if (total < MinimumFrames)
            {
                return;
            }

            int percent = (int)(100L * done / total);
            if (_inPlace)
            {
                int filled = Width * done / total;
                _out.Write($"\rreplaying [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%  frame {done}/{total}");
                _drawn = true;
                return;
            }

            int quarter = percent / 25;
            if (quarter != _lastQuarter)
            {
                _lastQuarter = quarter;
                _out.WriteLine($"replaying: {percent}% ({done}/{total} frames)");
            }
        }

        public void Finish()
        {
            if (_drawn)
            {
                _out.WriteLine();
                _drawn = false;
            }
        }
    }
}
