using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>
    /// The tool as a user gets it: packed from this repository, installed with <c>dotnet tool install</c> into a
    /// tool folder, and run by its command name <c>rollback</c> on a desync bundle.
    /// </summary>
    public class ToolPackageTests : IClassFixture<ArenaRuns>
    {
        private readonly ArenaRuns _runs;

        public ToolPackageTests(ArenaRuns runs)
        {
            _runs = runs;
        }

        [Fact]
        public void DotnetToolInstallGivesTheRollbackCommand()
        {
            string root = RepositoryRoot();
            string feed = Path.Combine(_runs.Folder, "feed");
            string tools = Path.Combine(_runs.Folder, "tools");
            // A version of its own so a package cached by an earlier run is never picked instead of this build.
            string version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            // The tool was built with this test project; pack that build (a fresh build of everything takes minutes here).
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            var pack = Run(root, "dotnet", "pack", Path.Combine(root, "src", "Rollback.Tool", "Rollback.Tool.csproj"), "-c", configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + version);
            Assert.True(pack.Code == 0, pack.Output);
            Assert.True(File.Exists(Path.Combine(feed, $"Rollback.Tool.{version}.nupkg")), pack.Output);

            var install = Run(root, "dotnet", "tool", "install", "--tool-path", tools, "Rollback.Tool", "--add-source", feed, "--version", version);
            Assert.True(install.Code == 0, install.Output);
            Assert.Contains("rollback", install.Output);

            var diff = Run(root, Path.Combine(tools, "rollback"), "diff", _runs.BundlePath);
            Assert.True(diff.Code == 1, diff.Output);
            Assert.Contains($"DIVERGENCE at frame {ArenaRuns.PerturbedFrame}", diff.Output);
            Assert.Contains("Players[1].Position.X", diff.Output);

            var help = Run(root, Path.Combine(tools, "rollback"), "--version");
            Assert.True(help.Code == 0, help.Output);
            Assert.StartsWith("rollback 0.1.0", help.Output);
        }

        private static (int Code, string Output) Run(string directory, string file, params string[] args)
        {
            var info = new ProcessStartInfo(file)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            // The test host runs under MSBuild-related variables that would leak into the nested build.
            foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(key);
            }

            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            using Process process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(600_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(file + " " + string.Join(" ", args));
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        private static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rollback.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Rollback.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
