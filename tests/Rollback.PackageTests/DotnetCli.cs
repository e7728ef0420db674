using System;
using System.Diagnostics;
using System.Linq;
using Xunit.Abstractions;

namespace Rollback.PackageTests
{
    /// <summary>Runs <c>dotnet</c> (or a published binary) as a child process, outside the MSBuild of the test run.</summary>
    internal static class DotnetCli
    {
        public static (int Code, string Output, TimeSpan Elapsed) Run(ITestOutputHelper? log, string workingDirectory, string arguments, int timeoutMs = 900_000) =>
            Exec(log, "dotnet", workingDirectory, arguments, timeoutMs);

        public static (int Code, string Output, TimeSpan Elapsed) Exec(ITestOutputHelper? log, string program, string workingDirectory, string arguments, int timeoutMs = 900_000)
        {
            var info = new ProcessStartInfo(program, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };

            // The test host runs inside `dotnet test`: its MSBuild variables would leak into the child build.
            foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(key);
            }

            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

            // Run inside `dotnet test Rollback.sln`, a child build must not attach to that build's reusable MSBuild
            // nodes or build server (it would share and then lose them: MSB4166 "child node exited prematurely").
            info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            info.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
            var clock = Stopwatch.StartNew();
            using Process process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMs))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(program + " " + arguments);
            }

            process.WaitForExit();
            TimeSpan elapsed = clock.Elapsed;
            string output = stdout.Result + stderr.Result;
            log?.WriteLine($"$ {program} {arguments}   ({elapsed.TotalSeconds:F1} s, exit {process.ExitCode})\n{output}");
            return (process.ExitCode, output, elapsed);
        }
    }
}
