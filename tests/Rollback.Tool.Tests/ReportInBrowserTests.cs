using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>
    /// The HTML report as a person sees it: the page the tool writes for a desync bundle is opened in headless
    /// Chromium (Debian's package; .ci/run installs it); the rendered DOM must show the frame, the member and both
    /// values, and a laptop-sized screenshot is kept as a test artifact (TestResults/artifacts/desync-report.png).
    /// </summary>
    public class ReportInBrowserTests : IClassFixture<ArenaRuns>
    {
        private const string Chromium = "/usr/bin/chromium";
        private readonly ArenaRuns _runs;

        public ReportInBrowserTests(ArenaRuns runs)
        {
            _runs = runs;
        }

        [Fact]
        public void TheRenderedReportShowsTheFrameTheMemberAndBothValues()
        {
            Assert.True(File.Exists(Chromium), "Chromium is needed for this test: apt-get install -y chromium (as .ci/run does).");
            string html = Path.Combine(_runs.Folder, "desync-report.html");
            var tool = ToolProcess.Run("report", _runs.BundlePath, "-o", html);
            Assert.True(tool.ExitCode == 0, tool.ToString());

            string dom = RunChromium("--dump-dom", new Uri(html).AbsoluteUri).Output;
            Fixed64 good = _runs.Normal.Player1XAfterPerturbedFrame;
            Assert.Contains("Divergence at frame <span id=\"divergent-frame\">150</span>", dom);
            Assert.Contains("<code>Players[1].Position.X</code>", dom);
            Assert.Contains("<td class=\"left\"><code>" + good + "</code></td>", dom);
            Assert.Contains("<td class=\"right\"><code>" + (good + PerturbedArenaRules.Nudge) + "</code></td>", dom);
            Assert.Contains("<th>checksum<br>peer 0</th>", dom);
            Assert.Contains($"0x{_runs.Perturbed.ChecksumAfterPerturbedFrame:x16}", dom);
            Assert.Contains("<tr class=\"divergent\"><td>150</td>", dom);
            Assert.Contains(_runs.Normal.Inputs[(ArenaRuns.PerturbedFrame * 2) + 1].ToString(), dom);

            string artifacts = ArtifactsFolder();
            string png = Path.Combine(artifacts, "desync-report.png");
            File.Delete(png);
            RunChromium("--screenshot=" + png, "--window-size=1366,900", "--hide-scrollbars", new Uri(html).AbsoluteUri);
            byte[] image = File.ReadAllBytes(png);
            Assert.True(image.Length > 10_000, $"screenshot is only {image.Length} bytes");
            Assert.Equal(0x89504E47u, BinaryPrimitives.ReadUInt32BigEndian(image));
            Assert.Equal(1366, BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)));
            Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20)));
            File.Copy(html, Path.Combine(artifacts, "desync-report.html"), overwrite: true);
        }

        [Fact]
        public void TheExportsReportShowsTheWholeTimelineAndTheDifferingColumn()
        {
            Assert.True(File.Exists(Chromium), "Chromium is needed for this test: apt-get install -y chromium (as .ci/run does).");
            string html = Path.Combine(_runs.Folder, "exports-report.html");
            var tool = ToolProcess.Run("report", _runs.Normal.CsvPath, _runs.Perturbed.CsvPath, "-o", html);
            Assert.True(tool.ExitCode == 0, tool.ToString());

            string dom = RunChromium("--dump-dom", new Uri(html).AbsoluteUri).Output;
            Fixed64 good = _runs.Normal.Player1XAfterPerturbedFrame;
            Assert.Contains("Divergence at frame <span id=\"divergent-frame\">150</span>", dom);
            Assert.Contains("<td class=\"member\"><code>x1</code></td><td class=\"left\"><code>" + good + "</code></td><td class=\"right\"><code>" + (good + PerturbedArenaRules.Nudge) + "</code></td>", dom);
            Assert.Contains("aria-label=\"frames 0 to 1199\"", dom);
            Assert.Contains("<th>checksum<br>perturbed.csv</th>", dom);

            string png = Path.Combine(ArtifactsFolder(), "exports-report.png");
            File.Delete(png);
            RunChromium("--screenshot=" + png, "--window-size=1366,900", "--hide-scrollbars", new Uri(html).AbsoluteUri);
            Assert.True(new FileInfo(png).Length > 10_000);
        }

        private (string Output, string Error) RunChromium(params string[] args)
        {
            string profile = Path.Combine(_runs.Folder, "chromium-profile-" + Guid.NewGuid().ToString("N"));
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile })
            {
                start.ArgumentList.Add(flag);
            }

            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            using Process process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish in 2 minutes.");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
            return (stdout.Result, stderr.Result);
        }

        private static string ArtifactsFolder()
        {
            string? directory = AppContext.BaseDirectory;
            while (directory is not null && !File.Exists(Path.Combine(directory, "Rollback.sln")))
            {
                directory = Path.GetDirectoryName(directory);
            }

            string folder = Path.Combine(directory ?? AppContext.BaseDirectory, "TestResults", "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
