using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.PackageTests
{
    /// <summary>
    /// Packs <c>templates/Rollback.Templates.csproj</c>, installs it into a private template hive, creates a game with
    /// <c>dotnet new rollback-game</c> against the locally packed <c>Rollback</c> package, builds it with zero warnings,
    /// runs its own tests, plays its two-process UDP main, and checks that its analyzers would catch nondeterminism.
    /// </summary>
    public class TemplatePackageTests
    {
        private readonly ITestOutputHelper _output;

        public TemplatePackageTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void TheRollbackGameTemplateCreatesAGameThatBuildsCleanAndPassesItsOwnTests()
        {
            string root = RepositoryRoot();
            string feed = Path.Combine(root, "local-feed");
            string version = "0.1.0-tpltest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
            string work = Path.Combine(Path.GetTempPath(), "rollback-template-" + Guid.NewGuid().ToString("N"));
            string package = Path.Combine(feed, $"Rollback.{version}.nupkg");
            Directory.CreateDirectory(work);
            try
            {
                Ok(Run(root, $"pack src/Rollback.Runtime/Rollback.Runtime.csproj -c Release -o \"{feed}\" -p:Version={version}"));
                Ok(Run(root, $"pack templates/Rollback.Templates.csproj -c Release -o \"{work}/packages\""));
                string templates = Directory.GetFiles(Path.Combine(work, "packages"), "Rollback.Templates.*.nupkg").Single();
                using (ZipArchive zip = ZipFile.OpenRead(templates))
                {
                    Assert.Contains("content/RollbackGame/.template.config/template.json", zip.Entries.Select(e => e.FullName));
                    Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("/bin/", StringComparison.Ordinal) || e.FullName.Contains("/obj/", StringComparison.Ordinal));
                }

                string hive = Path.Combine(work, "hive");
                Ok(Run(work, $"new install \"{templates}\" --debug:custom-hive \"{hive}\""));
                string game = Path.Combine(work, "MyGame");
                Ok(Run(work, $"new rollback-game -n MyGame -o \"{game}\" --RollbackVersion {version} --debug:custom-hive \"{hive}\""));

                string state = File.ReadAllText(Path.Combine(game, "src", "MyGame", "GameState.cs"));
                string rules = File.ReadAllText(Path.Combine(game, "src", "MyGame", "GameRules.cs"));
                Assert.Contains("[RollbackState]", state);
                Assert.Contains("namespace MyGame", state);
                Assert.Contains("ISimulation<GameState, GameInput>", rules);
                Assert.Contains("Fixed64", rules);
                Assert.Contains("DeterministicRandom", rules);

                // The local feed plus the machine's default source, like a user with the package on their feed.
                File.WriteAllText(Path.Combine(game, "NuGet.config"),
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"rollback-local\" value=\"{feed}\" />\n  </packageSources>\n</configuration>\n");

                var build = Run(game, "build MyGame.sln -c Release");
                Ok(build);
                Assert.Matches(@"\b0 Warning\(s\)", build.Output);
                Assert.DoesNotMatch(@"\bRB\d{4}\b", build.Output);

                var test = Run(game, "test MyGame.sln -c Release --no-build");
                Ok(test);
                Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", test.Output);

                PlayTwoProcesses(Path.Combine(game, "src", "MyGame", "bin", "Release", "net10.0", "MyGame.dll"), work);

                // Zero diagnostics means something only if the analyzers run: a System.Random in the rules must fail the build.
                File.WriteAllText(Path.Combine(game, "src", "MyGame", "GameRules.cs"),
                    rules.Replace("state.LastReward[p] = 0;", "state.LastReward[p] = new System.Random().Next(1);", StringComparison.Ordinal));
                var broken = Run(game, "build MyGame.sln -c Release --no-restore");
                Assert.NotEqual(0, broken.Code);
                Assert.Contains("RB2002", broken.Output);
            }
            finally
            {
                TryDelete(work);
                File.Delete(package);
            }
        }

        [Fact]
        public void TheTemplateDefaultsToTheRepositoryPackageVersion()
        {
            string root = RepositoryRoot();
            string props = File.ReadAllText(Path.Combine(root, "Directory.Build.props"));
            string template = File.ReadAllText(Path.Combine(root, "templates", "content", "RollbackGame", ".template.config", "template.json"));
            string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
            Assert.NotEmpty(version);
            Assert.Matches("\"defaultValue\": \"" + Regex.Escape(version) + "\"", template);
        }

        private void PlayTwoProcesses(string dll, string work)
        {
            int port0 = FreeUdpPort();
            int port1 = FreeUdpPort();
            using Process a = Start(dll, $"--player 0 --port {port0} --peer 127.0.0.1:{port1} --frames 120 --bot", work);
            using Process b = Start(dll, $"--player 1 --port {port1} --peer 127.0.0.1:{port0} --frames 120 --bot", work);
            string outA = Finish(a);
            string outB = Finish(b);
            _output.WriteLine(outA + outB);
            Assert.Equal(0, a.ExitCode);
            Assert.Equal(0, b.ExitCode);
            string shaA = Regex.Match(outA, "export sha256:([0-9a-f]{64})").Groups[1].Value;
            Assert.NotEmpty(shaA);
            Assert.Equal(shaA, Regex.Match(outB, "export sha256:([0-9a-f]{64})").Groups[1].Value);
        }

        private static Process Start(string dll, string arguments, string workingDirectory)
        {
            var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            return Process.Start(info)!;
        }

        private static string Finish(Process process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the generated game did not finish 120 frames within 60 s");
            }

            return stdout.Result + stderr.Result;
        }

        private static int FreeUdpPort()
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
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

        private (int Code, string Output) Run(string workingDirectory, string arguments)
        {
            var info = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
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
                throw new TimeoutException("dotnet " + arguments);
            }

            string output = stdout.Result + stderr.Result;
            _output.WriteLine($"$ dotnet {arguments}\n{output}");
            return (process.ExitCode, output);
        }

        private static void Ok((int Code, string Output) result) => Assert.True(result.Code == 0, result.Output);

        private static void TryDelete(string path)
        {
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    Directory.Delete(path, recursive: true);
                    return;
                }
                catch (IOException)
                {
                    Thread.Sleep(200);
                }
                catch (UnauthorizedAccessException)
                {
                    return;
                }
            }
        }
    }
}
