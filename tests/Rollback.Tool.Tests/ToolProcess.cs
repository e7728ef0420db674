using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Rollback.Tool.Tests
{
    /// <summary>Runs the built <c>rollback</c> tool as a separate process, the way a person runs it.</summary>
    internal static class ToolProcess
    {
        public sealed record Result(int ExitCode, string Output, string Error)
        {
            public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
        }

        public static Result Run(params string[] args)
        {
            string tool = Path.Combine(AppContext.BaseDirectory, "rollback.dll");
            if (!File.Exists(tool))
            {
                throw new FileNotFoundException("The tool was not built next to the tests.", tool);
            }

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(tool);
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
                throw new TimeoutException("rollback " + string.Join(" ", args) + " did not finish in 3 minutes.");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }

        /// <summary>Bad input ends with exactly one line on stderr, no stack trace, exit code 2.</summary>
        public static void AssertOneLineError(Result result, string expectedFragment)
        {
            Xunit.Assert.True(result.ExitCode == 2, result.ToString());
            string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Xunit.Assert.True(lines.Length == 1, result.ToString());
            Xunit.Assert.StartsWith("rollback: ", lines[0]);
            Xunit.Assert.Contains(expectedFragment, lines[0]);
            Xunit.Assert.DoesNotContain("   at ", result.Error);
        }
    }
}
