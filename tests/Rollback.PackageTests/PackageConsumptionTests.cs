using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.PackageTests
{
    /// <summary>
    /// Packs the one <c>Rollback</c> package into the repository's local feed, then builds and runs a
    /// fresh project outside the solution that restores it through its own NuGet.config, declares a
    /// <c>[RollbackState]</c> type with LangVersion 9 and runs a save/restore.
    /// </summary>
    public class PackageConsumptionTests
    {
        private readonly ITestOutputHelper _output;

        public PackageConsumptionTests(ITestOutputHelper output) => _output = output;

        private static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rollback.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Rollback.sln not found above " + AppContext.BaseDirectory);
        }

        private (int Code, string Output) Run(string workingDirectory, string arguments)
        {
            var info = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
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
                throw new TimeoutException("dotnet " + arguments);
            }

            string output = stdout.Result + stderr.Result;
            _output.WriteLine($"$ dotnet {arguments}\n{output}");
            return (process.ExitCode, output);
        }

        [Fact]
        public void AFreshProjectRestoresThePackageAndRunsASaveRestore()
        {
            string root = RepositoryRoot();
            string feed = Path.Combine(root, "local-feed");
            string version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

            var pack = Run(root, $"pack src/Rollback.Runtime/Rollback.Runtime.csproj -c Release -o \"{feed}\" -p:Version={version}");
            Assert.True(pack.Code == 0, pack.Output);

            string package = Path.Combine(feed, $"Rollback.{version}.nupkg");
            using (ZipArchive zip = ZipFile.OpenRead(package))
            {
                string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
                Assert.Contains("lib/netstandard2.1/Rollback.Runtime.dll", entries);
                Assert.Contains("lib/net8.0/Rollback.Runtime.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/Rollback.Generators.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/Rollback.Analyzers.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/Rollback.Analyzers.CodeFixes.dll", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators"));
            }

            string consumer = Path.Combine(Path.GetTempPath(), "rollback-consumer-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(consumer);
            try
            {
                string templates = Path.Combine(AppContext.BaseDirectory, "Consumer");
                File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), File.ReadAllText(Path.Combine(templates, "Consumer.csproj.template")).Replace("$VERSION$", version));
                File.Copy(Path.Combine(templates, "Program.cs.template"), Path.Combine(consumer, "Program.cs"));
                // Its own NuGet.config: the local feed plus the machine's default source (no <clear/>).
                File.WriteAllText(Path.Combine(consumer, "NuGet.config"),
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"rollback-local\" value=\"{feed}\" />\n  </packageSources>\n</configuration>\n");
                // Keep the consumer out of the repository's Directory.Build.props and central package versions.
                File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
                File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");

                var run = Run(consumer, "run -c Release");
                Assert.True(run.Code == 0, run.Output);
                Assert.Contains("ROUNDTRIP OK", run.Output);
            }
            finally
            {
                try
                {
                    Directory.Delete(consumer, recursive: true);
                }
                catch (IOException)
                {
                }

                File.Delete(package);
            }
        }
    }
}
