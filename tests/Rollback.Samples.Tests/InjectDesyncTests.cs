using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Arena.Game;
using Rollback.Forensics;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Samples.Tests
{
    /// <summary>The sample's <c>--inject-desync FRAME</c>, run as a process the way a person runs it.</summary>
    public class InjectDesyncTests
    {
        private readonly ITestOutputHelper _output;

        public InjectDesyncTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(200, 1, 15)]
        [InlineData(77, 4, 30)]
        public void InjectDesync_EndsWithVerdictMemberBundlesAndReport_AndExitsNonZero(int frame, int seed, int loss)
        {
            string outDir = Path.Combine(Path.GetTempPath(), "arena-desync-" + Guid.NewGuid().ToString("N"));
            try
            {
                (int exit, string stdout) = RunSample(
                    "--inject-desync", frame.ToString(), "--episodes", "1", "--sync-test", "0", "--quiet",
                    "--seed", seed.ToString(), "--loss", loss.ToString(), "--out", outDir);
                _output.WriteLine(stdout);
                Assert.Equal(1, exit);

                string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
                int verdictAt = Array.FindIndex(lines, l => l.StartsWith("VERDICT:", StringComparison.Ordinal));
                Assert.True(verdictAt >= 0, "no VERDICT line");
                Match verdict = Regex.Match(lines[verdictAt], @"^VERDICT: DESYNC at frame (\d+): TotalScore\[1\] = (\d+) on peer 0, (\d+) on player 1's peer$");
                Assert.True(verdict.Success, lines[verdictAt]);
                int reported = int.Parse(verdict.Groups[1].Value);
                Assert.InRange(reported, frame, frame + 30);
                Assert.Equal(1000, int.Parse(verdict.Groups[3].Value) - int.Parse(verdict.Groups[2].Value));

                // Then the bundle folders, then the report; nothing after it.
                string[] bundles = lines.Skip(verdictAt + 1).TakeWhile(l => l.StartsWith("bundle: ", StringComparison.Ordinal)).Select(l => l.Substring("bundle: ".Length)).ToArray();
                Assert.Equal(2, bundles.Length);
                Assert.Equal(verdictAt + 1 + bundles.Length, lines.Length - 1);
                Match report = Regex.Match(lines[^1], @"^report: (.+\.html)$");
                Assert.True(report.Success, lines[^1]);

                foreach (string folder in bundles)
                {
                    DesyncBundle bundle = DesyncBundle.Load(folder);
                    Assert.Equal(reported, bundle.Frame);
                    Assert.True(bundle.HasRemoteSnapshot);
                    Assert.Equal(DesyncInjectingRules.MemberPath, Assert.Single(bundle.Differences).Path);
                    Assert.True(File.Exists(Path.Combine(folder, DesyncBundle.SummaryFileName)));
                }

                DesyncBundle a = DesyncBundle.Load(bundles[0]);
                DesyncBundle b = DesyncBundle.Load(bundles[1]);
                Assert.Equal(a.Differences[0].Left, b.Differences[0].Right);
                Assert.Equal(a.Differences[0].Right, b.Differences[0].Left);

                string html = File.ReadAllText(report.Groups[1].Value);
                Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
                Assert.Contains(DesyncInjectingRules.MemberPath, html);
                Assert.Contains(reported.ToString(), html);
                Assert.Contains(verdict.Groups[2].Value, html);
                Assert.Contains(verdict.Groups[3].Value, html);
            }
            finally
            {
                if (Directory.Exists(outDir))
                {
                    Directory.Delete(outDir, recursive: true);
                }
            }
        }

        [Fact]
        public void WithoutInjection_TheRunHasNoDesyncVerdict()
        {
            string outDir = Path.Combine(Path.GetTempPath(), "arena-nodesync-" + Guid.NewGuid().ToString("N"));
            try
            {
                (int exit, string stdout) = RunSample("--frames", "300", "--sync-test", "0", "--quiet", "--out", outDir);
                Assert.Equal(0, exit);
                Assert.Contains("VERDICT: OK", stdout);
                Assert.DoesNotContain("DESYNC", stdout);
                Assert.False(Directory.Exists(Path.Combine(outDir, "desync")));
            }
            finally
            {
                if (Directory.Exists(outDir))
                {
                    Directory.Delete(outDir, recursive: true);
                }
            }
        }

        private static (int Exit, string Stdout) RunSample(params string[] args)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "Arena.Sample.dll");
            Assert.True(File.Exists(dll), "the sample was not built next to the tests: " + dll);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using Process process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the sample did not finish in 3 minutes");
            }

            Assert.True(stderr.Result.Length == 0, stderr.Result);
            return (process.ExitCode, stdout.Result);
        }
    }
}
