using System;
using System.IO;
using Arena.Game;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>The rollback tool's commands, run as processes on files made by running the sample game.</summary>
    public class ToolCommandTests : IClassFixture<ArenaRuns>
    {
        private readonly ArenaRuns _runs;

        public ToolCommandTests(ArenaRuns runs)
        {
            _runs = runs;
        }

        private static string Expected(Fixed64 value) => value.ToString();

        [Fact]
        public void VerifyReplaysAnUntouchedRecordingAndShowsProgress()
        {
            var r = ToolProcess.Run("verify", _runs.Normal.ReplayPath, "--assembly", ArenaRuns.GameAssemblyPath);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains($"ok: {ArenaRuns.Frames} frames replayed, every checksum matches", r.Output);
            Assert.Contains("replaying: 100% (1200/1200 frames)", r.Error);
            Assert.Contains("replaying: 50%", r.Error);
        }

        [Fact]
        public void VerifyFailsOnAMismatchWithTheFrame()
        {
            var r = ToolProcess.Run("verify", _runs.TamperedReplayPath, "--assembly", ArenaRuns.GameAssemblyPath, "--quiet");
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains($"MISMATCH at frame {ArenaRuns.TamperedFrame}: frame {ArenaRuns.TamperedFrame}: recorded checksum", r.Output);
            Assert.Contains("member: unknown", r.Output);
            Assert.Contains("replays deterministically", r.Output);
            Assert.Equal(string.Empty, r.Error);
        }

        [Fact]
        public void VerifyNamesTheMemberANondeterministicSimulationChanges()
        {
            // The recording was made with the correct rules; the assembly given has rules with hidden static state.
            var r = ToolProcess.Run("verify", _runs.Normal.ReplayPath, "--assembly", ArenaRuns.LeakyAssemblyPath, "--quiet");
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains($"MISMATCH at frame {ArenaRuns.PerturbedFrame}", r.Output);
            Fixed64 good = _runs.Normal.Player1XAfterPerturbedFrame;
            Assert.Contains($"member Players[1].Position.X: {Expected(good)} vs {Expected(good + PerturbedArenaRules.Nudge)}", r.Output);
            Assert.Contains("not deterministic", r.Output);
        }

        [Fact]
        public void DiffOfTwoExportsNamesTheFrameTheColumnsAndTheInputs()
        {
            var r = ToolProcess.Run("diff", _runs.Normal.CsvPath, _runs.Perturbed.CsvPath);
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains($"DIVERGENCE at frame {ArenaRuns.PerturbedFrame} — frame {ArenaRuns.PerturbedFrame}: normal.csv and perturbed.csv differ in checksum, x1", r.Output);
            Fixed64 good = _runs.Normal.Player1XAfterPerturbedFrame;
            AssertMatches($@"\n  x1 +{Regex(Expected(good))} +{Regex(Expected(good + PerturbedArenaRules.Nudge))}\n", r);
            Pad p0 = _runs.Normal.Inputs[ArenaRuns.PerturbedFrame * 2];
            Pad p1 = _runs.Normal.Inputs[(ArenaRuns.PerturbedFrame * 2) + 1];
            AssertMatches($@"\n >   {ArenaRuns.PerturbedFrame}   0   {ArenaRuns.PerturbedFrame + 1}  {Regex(p0.ToString())} +{Regex(p1.ToString())} ", r);
        }

        [Fact]
        public void DiffOfIdenticalExportsExitsZero()
        {
            var r = ToolProcess.Run("diff", _runs.Normal.CsvPath, _runs.Normal.CsvPath);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains($"IDENTICAL: {ArenaRuns.Frames} frames agree", r.Output);
        }

        [Fact]
        public void DiffOfTwoReplaysFindsTheFrameOfTheRecordedChecksums()
        {
            var r = ToolProcess.Run("diff", _runs.Normal.ReplayPath, _runs.Perturbed.ReplayPath, "--assembly", ArenaRuns.GameAssemblyPath);
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains($"DIVERGENCE at frame {ArenaRuns.PerturbedFrame} — frame {ArenaRuns.PerturbedFrame}: checksums 0x", r.Output);
            // The game given is deterministic, so replaying both recordings cannot reproduce the perturbation: said plainly.
            Assert.Contains("the recorded checksums themselves differ", r.Output);
        }

        [Fact]
        public void DiffOfABundleShowsTheMemberBothValuesAndTheInputsWithoutTheAssembly()
        {
            var r = ToolProcess.Run("diff", _runs.BundlePath);
            Assert.True(r.ExitCode == 1, r.ToString());
            Fixed64 good = _runs.Normal.Player1XAfterPerturbedFrame;
            Assert.Contains($"DIVERGENCE at frame {ArenaRuns.PerturbedFrame} — frame {ArenaRuns.PerturbedFrame}: peer 0 checksum 0x{_runs.Normal.ChecksumAfterPerturbedFrame:x16}, peer 1 0x{_runs.Perturbed.ChecksumAfterPerturbedFrame:x16}", r.Output);
            AssertMatches($@"\n  Players\[1\]\.Position\.X +{Regex(Expected(good))} +{Regex(Expected(good + PerturbedArenaRules.Nudge))}\n", r);
            Assert.Contains(_runs.Normal.Inputs[(ArenaRuns.PerturbedFrame - 1) * 2].ToString(), r.Output);
        }

        [Fact]
        public void DiffOfABundleWithoutStoredMembersDecodesThemWithTheAssembly()
        {
            var without = ToolProcess.Run("diff", _runs.UndecodedBundlePath);
            Assert.True(without.ExitCode == 1, without.ToString());
            Assert.Contains("pass --assembly Game.dll", without.Output);

            var with = ToolProcess.Run("diff", _runs.UndecodedBundlePath, "--assembly", ArenaRuns.GameAssemblyPath);
            Assert.True(with.ExitCode == 1, with.ToString());
            Fixed64 good = _runs.Normal.Player1XAfterPerturbedFrame;
            AssertMatches($@"\n  Players\[1\]\.Position\.X +{Regex(Expected(good))} +{Regex(Expected(good + PerturbedArenaRules.Nudge))}\n", with);
            Assert.Contains($"reproduces peer 0's checksum 0x{_runs.Normal.ChecksumAfterPerturbedFrame:x16}", with.Output);
        }

        [Fact]
        public void ReportWritesOneSelfContainedPage()
        {
            string html = Path.Combine(_runs.Folder, "exports-report.html");
            var r = ToolProcess.Run("report", _runs.Normal.CsvPath, _runs.Perturbed.CsvPath, "-o", html);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains("report: " + html, r.Output);
            string page = File.ReadAllText(html);
            Assert.Contains("Divergence at frame <span id=\"divergent-frame\">150</span>", page);
            Assert.DoesNotContain("http://", page);
            Assert.DoesNotContain("https://", page);
            Assert.DoesNotContain("<script", page);
            Assert.DoesNotContain("<link", page);
        }

        [Fact]
        public void ReportOfAGoodReplaySaysNoDivergence()
        {
            string html = Path.Combine(_runs.Folder, "replay-report.html");
            var r = ToolProcess.Run("report", _runs.Normal.ReplayPath, "--assembly", ArenaRuns.GameAssemblyPath, "-o", html, "-q");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Contains($"no divergence in {ArenaRuns.Frames} frames", r.Output);
            Assert.Contains("No divergence", File.ReadAllText(html));
        }

        private static void AssertMatches(string pattern, ToolProcess.Result result) =>
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(result.Output, pattern), "pattern " + pattern + " not in\n" + result);

        private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
    }
}
