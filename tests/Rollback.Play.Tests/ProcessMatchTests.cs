using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Arena.Game;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Play.Tests
{
    /// <summary>
    /// The game as it is used: separate OS processes with bots on every seat, over UDP on loopback and the wall clock.
    /// Each process writes its confirmed-frame export; all must be byte-identical, equal to an oracle stepped with the
    /// inputs every seat logged, and replayable from each process's recording.
    /// </summary>
    [Collection("processes")]
    public class ProcessMatchTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
        private readonly ITestOutputHelper _log;

        public ProcessMatchTests(ITestOutputHelper log) => _log = log;

        [Fact]
        public void TwoProcessesOverALossyDelayedLinkExportTheSameFramesAsTheOracle()
        {
            using var dir = new TempFolder("arena-play-2");
            int port = GameProcess.FreeUdpPort();
            const int frames = 600; // 10 s at 60 Hz
            using var host = new GameProcess(dir.Path, $"--host {port} --bot --seed 11 --frames {frames} --out host --latency 40 --jitter 20 --loss 10 --timeout 30");
            Thread.Sleep(300);
            using var guest = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --seed 12 --out guest --latency 60 --loss 10");
            int hostCode = host.WaitForExit(Limit);
            int guestCode = guest.WaitForExit(Limit);
            _log.WriteLine(host.Output);
            _log.WriteLine(guest.Output);
            Assert.Equal(0, hostCode);
            Assert.Equal(0, guestCode);

            string[] exports = { dir.File("host", "arena-seat1.csv"), dir.File("guest", "arena-seat2.csv") };
            AssertIdenticalAndEqualToOracle(exports, new[] { dir.File("host", "arena-seat1.inputs.csv"), dir.File("guest", "arena-seat2.inputs.csv") }, frames);
            Assert.Equal(host.ExportSha(), guest.ExportSha());
            Assert.Equal(Arena.Play.ExportFormat.Sha256(exports[0]), host.ExportSha());

            // 40-100 ms one way with 10 % loss at 60 Hz: predictions must have been wrong, and rolled back, somewhere.
            Assert.True(host.Rollbacks() + guest.Rollbacks() > 10, $"rollbacks: host {host.Rollbacks()}, guest {guest.Rollbacks()}");
            AssertRealTimePace(host.Output);
            AssertRealTimePace(guest.Output);
            AssertReplays(dir.File("host", "arena-seat1.replay"), frames);
            AssertReplays(dir.File("guest", "arena-seat2.replay"), frames);
        }

        [Fact]
        public void ThreeProcessesAndASpectatorExportTheSameFramesAsTheOracle()
        {
            using var dir = new TempFolder("arena-play-3");
            int port = GameProcess.FreeUdpPort();
            const int episodes = 1; // one round: 450 steps unless someone reaches 10 coins first
            using var host = new GameProcess(dir.Path, $"--host {port} --players 3 --spectators 1 --bot --seed 21 --episodes {episodes} --out host --latency 30 --timeout 30");
            Thread.Sleep(300);
            using var second = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --seed 22 --out second --latency 50 --jitter 30 --loss 5");
            using var watcher = new GameProcess(dir.Path, $"--spectate 127.0.0.1:{port} --out watcher");
            using var third = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --seed 23 --out third --latency 20 --loss 5");
            var all = new[] { host, second, third, watcher };
            int[] codes = all.Select(p => p.WaitForExit(Limit)).ToArray();
            foreach (GameProcess p in all)
            {
                _log.WriteLine($"$ {p.Arguments}\n{p.Output}");
            }

            Assert.All(codes, c => Assert.Equal(0, c));

            // Seats are handed out in the order the joiners reached the host.
            string[] seatDirs = new string[3];
            foreach ((GameProcess p, string name) in new[] { (host, "host"), (second, "second"), (third, "third") })
            {
                int seat = int.Parse(System.Text.RegularExpressions.Regex.Match(p.Output, @"playing seat (\d)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                seatDirs[seat - 1] = dir.File(name, $"arena-seat{seat}");
            }

            Assert.All(seatDirs, Assert.NotNull);
            string[] exports = seatDirs.Select(s => s + ".csv").Append(dir.File("watcher", "arena-spectator.csv")).ToArray();
            int rows = File.ReadAllLines(exports[0]).Length - 1;
            Assert.InRange(rows, 100, ArenaRules.EpisodeSteps);
            AssertIdenticalAndEqualToOracle(exports, seatDirs.Select(s => s + ".inputs.csv").ToArray(), rows);
            Assert.Single(all.Select(p => p.ExportSha()).Distinct());
            Assert.True(all.Sum(p => p.Rollbacks()) > 0, "three peers with 20-80 ms links and loss must roll back at least once");
        }

        private void AssertIdenticalAndEqualToOracle(IReadOnlyList<string> exports, IReadOnlyList<string> inputLogs, int frames)
        {
            byte[] first = File.ReadAllBytes(exports[0]);
            Assert.Equal(frames + 1, File.ReadAllLines(exports[0]).Length); // header + one row per frame
            foreach (string export in exports)
            {
                Assert.True(first.AsSpan().SequenceEqual(File.ReadAllBytes(export)), $"{export} differs from {exports[0]}");
            }

            byte[] oracle = Oracle.Export(inputLogs, frames);
            if (!oracle.AsSpan().SequenceEqual(first))
            {
                string[] a = System.Text.Encoding.UTF8.GetString(oracle).Split('\n');
                string[] b = File.ReadAllLines(exports[0]);
                int line = 0;
                while (line < a.Length && line < b.Length && a[line] == b[line])
                {
                    line++;
                }

                Assert.Fail($"the export differs from the oracle at line {line + 1}:\n oracle: {(line < a.Length ? a[line] : "<end>")}\n export: {(line < b.Length ? b[line] : "<end>")}");
            }

            // The bots moved: an export of idle players would prove little.
            string[] rows = File.ReadAllLines(exports[0]).Skip(1).ToArray();
            for (int player = 0; player < inputLogs.Count; player++)
            {
                int distinct = rows.Select(r => r.Split(',')[3 + player]).Distinct().Count();
                Assert.True(distinct >= 4, $"player {player} pressed only {distinct} different pads");
            }
        }

        /// <summary>
        /// The progress lines (every 2 s of wall time) show a 60 Hz fixed step: never ahead of the clock, and not far
        /// behind it (the steps the session declined are a few frames of time-sync waits, not a drift).
        /// </summary>
        private static void AssertRealTimePace(string output)
        {
            var lines = System.Text.RegularExpressions.Regex.Matches(output, @"^t=\s*([0-9.]+)s frame (\d+) ", System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(lines.Count >= 3, "expected a progress line every 2 s:\n" + output);
            foreach (System.Text.RegularExpressions.Match line in lines)
            {
                double seconds = double.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                int frame = int.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(frame, (45 * seconds) - 60, (60 * seconds) + 1); // a loaded machine may skip a few steps, never run ahead
            }
        }

        private static void AssertReplays(string replayPath, int frames)
        {
            var replay = ReplayFile<Pad>.Load(replayPath);
            Assert.Equal(frames, replay.FrameCount);
            var session = new ReplaySession<ArenaState, Pad>(new Arena.Play.ArenaPlayRules(), () => Arena.Play.ArenaSetup.NewState(replay.PlayerCount), replay, verifyChecksums: true);
            session.RunToEnd();
            Assert.True(session.IsFinished);
        }
    }
}
