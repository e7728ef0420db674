using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>The tool on the bundles two peers wrote over the network (the sample's <c>--inject-desync</c>).</summary>
    public sealed class SampleBundleTests : IDisposable
    {
        private readonly string _out = Path.Combine(Path.GetTempPath(), "rollback-sample-bundles-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_out))
            {
                Directory.Delete(_out, recursive: true);
            }
        }

        [Fact]
        public void DiffAndReportOnBothPeersBundles_NameTheMember_AndTheInputsReplayOnlyToTheHonestPeersState()
        {
            string[] bundles = RunSampleWithDesync(150);
            Assert.Equal(2, bundles.Length);
            foreach (string bundle in bundles)
            {
                var diff = ToolProcess.Run("diff", bundle, "--assembly", ArenaRuns.GameAssemblyPath);
                Assert.True(diff.ExitCode == 1, diff.ToString());
                Assert.Contains("TotalScore[1]", diff.Output);
                if (bundle.Contains("player0-vs", StringComparison.Ordinal))
                {
                    // Peer 0 ran the game's rules: its stored inputs replay from the anchor to its own state.
                    Assert.Contains("reproduces player 0's peer's checksum", diff.Output);
                }
                else
                {
                    // Peer 1 perturbed its state: the game's rules replayed from the anchor do not give its state.
                    Assert.Contains("not player 1's peer's", diff.Output);
                }

                string html = Path.Combine(_out, Path.GetFileName(bundle) + ".tool.html");
                var report = ToolProcess.Run("report", bundle, "-o", html);
                Assert.True(report.ExitCode == 0 || report.ExitCode == 1, report.ToString());
                Assert.Contains("TotalScore[1]", File.ReadAllText(html));
            }
        }

        private string[] RunSampleWithDesync(int frame)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "Arena.Sample.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { dll, "--inject-desync", frame.ToString(), "--episodes", "1", "--sync-test", "0", "--quiet", "--out", _out })
            {
                start.ArgumentList.Add(a);
            }

            using Process process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(180_000), "the sample did not finish");
            Assert.True(process.ExitCode == 1, stdout.Result + stderr.Result);
            return stdout.Result.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("bundle: ", StringComparison.Ordinal)).Select(l => l.Substring(8)).ToArray();
        }
    }
}
