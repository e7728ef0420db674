using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Play.Tests
{
    /// <summary>
    /// A person's seat, driven through a real terminal: the game runs inside a detached tmux session (100 × 40), keys are
    /// sent with <c>send-keys</c> and the screen is read back with <c>capture-pane</c>. A bot plays the other seat in a
    /// second process.
    /// </summary>
    [Collection("processes")]
    public class TmuxTests
    {
        private readonly ITestOutputHelper _log;

        public TmuxTests(ITestOutputHelper log) => _log = log;

        [Fact]
        public void TheArenaAndStatusLineAreDrawnAndArrowKeysMoveThePlayer()
        {
            using var dir = new TempFolder("arena-play-tmux");
            string socket = "rollback-play-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            int port = GameProcess.FreeUdpPort();
            string command = $"dotnet '{GameProcess.GameDll}' --host {port} --frames 3600 --latency 100 --loss 10 --out '{dir.Path}/host'; echo \"exit code $?\"; sleep 60";
            Tmux(socket, $"new-session -d -x 100 -y 40 -s play \"{command.Replace("\"", "\\\"")}\"");
            try
            {
                using var bot = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --seed 5 --out bot --latency 100 --loss 10");
                string screen = WaitForScreen(socket, s => FrameOf(s) >= 30 && PlayerColumn(s) >= 0, TimeSpan.FromSeconds(20));
                _log.WriteLine(screen);

                string[] lines = screen.Split('\n');
                string border = "+" + new string('-', 60) + "+";
                Assert.Equal(2, lines.Count(l => l.TrimEnd() == border));
                Assert.Equal(22, lines.Count(l => l.StartsWith('|') && l.TrimEnd().EndsWith('|') && l.TrimEnd().Length == 62));
                Assert.Contains("you are player 1", screen);
                Assert.Equal("1 0", Tmux(socket, "display-message -p -t play \"#{alternate_on} #{cursor_flag}\"").Trim()); // own screen, cursor hidden
                Assert.Contains(lines, l => l.Contains("frame", StringComparison.Ordinal) && l.Contains("confirmed", StringComparison.Ordinal)
                    && l.Contains("ping", StringComparison.Ordinal) && l.Contains("advantage", StringComparison.Ordinal) && l.Contains("rollbacks/s", StringComparison.Ordinal));
                Assert.Contains(lines, l => l.Contains("score", StringComparison.Ordinal) && l.Contains("P1", StringComparison.Ordinal) && l.Contains("P2", StringComparison.Ordinal));
                Assert.Contains('$', string.Concat(lines.Where(l => l.StartsWith('|'))));
                Assert.Contains('2', string.Concat(lines.Where(l => l.StartsWith('|'))));

                // Player 1 starts at the left and has not been touched: one second later it is still there.
                int before = PlayerColumn(screen);
                Thread.Sleep(1000);
                Assert.Equal(before, PlayerColumn(Capture(socket)));

                for (int i = 0; i < 8; i++)
                {
                    Tmux(socket, "send-keys -t play Right");
                    Thread.Sleep(80);
                }

                string moved = WaitForScreen(socket, s => PlayerColumn(s) >= before + 10, TimeSpan.FromSeconds(5));
                _log.WriteLine(moved);
                int after = PlayerColumn(moved);
                Assert.True(after >= before + 10, $"player 1 went from column {before} to {after}");

                // q leaves: this process ends with the quit code, the bot's process reports that the player left.
                Tmux(socket, "send-keys -t play q");
                string end = WaitForScreen(socket, s => s.Contains("exit code", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
                _log.WriteLine(end);
                Assert.Contains("exit code 5", end);
                Assert.Contains("export sha256:", end);

                // 100 ms each way with 10 % loss while the bot moves: the keyboard seat's screen rolled back.
                var summary = System.Text.RegularExpressions.Regex.Match(end, @"; rollbacks (\d+) \(max depth (\d+)\)");
                Assert.True(summary.Success, end);
                Assert.True(int.Parse(summary.Groups[1].Value) > 5 && int.Parse(summary.Groups[2].Value) >= 2, summary.Value);
                Assert.Equal(3, bot.WaitForExit(TimeSpan.FromSeconds(20)));
                Assert.Contains("player 1 left", bot.Output);
            }
            finally
            {
                Tmux(socket, "kill-server", check: false);
            }
        }

        [Fact]
        public void CtrlCEndsTheMatchAndRestoresTheTerminal()
        {
            using var dir = new TempFolder("arena-play-ctrlc");
            string socket = "rollback-play-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            int port = GameProcess.FreeUdpPort();
            string command = $"dotnet '{GameProcess.GameDll}' --host {port} --bot --frames 3600 --out '{dir.Path}/host'; echo \"exit code $?\"; sleep 60";
            Tmux(socket, $"new-session -d -x 100 -y 40 -s play \"{command.Replace("\"", "\\\"")}\"");
            try
            {
                using var other = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --seed 6 --out other");
                WaitForScreen(socket, s => FrameOf(s) >= 30 && PlayerColumn(s) >= 0, TimeSpan.FromSeconds(20));
                Assert.Equal("1 0", Tmux(socket, "display-message -p -t play \"#{alternate_on} #{cursor_flag}\"").Trim());

                Tmux(socket, "send-keys -t play C-c");
                string end = WaitForScreen(socket, s => s.Contains("exit code", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
                _log.WriteLine(end);
                Assert.Contains("exit code 5", end);
                Assert.Contains("hosting on port", end); // the lines printed before the match: the normal screen is back
                Assert.Contains("you left the match", end);
                Assert.Equal("0 1", Tmux(socket, "display-message -p -t play \"#{alternate_on} #{cursor_flag}\"").Trim());
                Assert.Equal(3, other.WaitForExit(TimeSpan.FromSeconds(20)));
            }
            finally
            {
                Tmux(socket, "kill-server", check: false);
            }
        }

        /// <summary>The current frame on the status line, or -1 before the match runs.</summary>
        private static int FrameOf(string screen)
        {
            var m = System.Text.RegularExpressions.Regex.Match(screen, @"frame\s+(\d+)\s+confirmed");
            return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        }

        /// <summary>The arena column of player 1's digit (0-based inside the border), or -1.</summary>
        private static int PlayerColumn(string screen)
        {
            foreach (string line in screen.Split('\n'))
            {
                if (line.StartsWith('|') && line.TrimEnd().Length == 62)
                {
                    int i = line.IndexOf('1', StringComparison.Ordinal);
                    if (i > 0)
                    {
                        return i - 1;
                    }
                }
            }

            return -1;
        }

        private string WaitForScreen(string socket, Func<string, bool> ready, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            string screen = string.Empty;
            while (clock.Elapsed < timeout)
            {
                screen = Capture(socket);
                if (ready(screen))
                {
                    return screen;
                }

                Thread.Sleep(100);
            }

            throw new TimeoutException("The screen never got there. Last capture:\n" + screen);
        }

        private static string Capture(string socket) => Tmux(socket, "capture-pane -p -t play");

        private static string Tmux(string socket, string arguments, bool check = true)
        {
            var info = new ProcessStartInfo("tmux", $"-L {socket} {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["TERM"] = "xterm-256color";
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("tmux is not installed (.ci/run installs it: apt-get install tmux).", ex);
            }

            using (process)
            {
                string output = process.StandardOutput.ReadToEnd();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (check && process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"tmux {arguments} failed: {error}");
                }

                return output;
            }
        }
    }
}
