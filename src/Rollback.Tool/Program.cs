using System;
using System.IO;
using System.Reflection;
using Rollback.Forensics;
using Rollback.Reports;

namespace Rollback.Tool
{
    /// <summary>
    /// <c>rollback</c>: verify a replay, diff two replays / exports or a desync bundle, write an HTML report. Bad
    /// input ends with one line on standard error and exit code 2; a divergence found exits with 1.
    /// </summary>
    internal static class Program
    {
        private const int BadInput = 2;
        private const int Failure = 3;

        private const string Usage = @"rollback — desync forensics for Rollback games

usage:
  rollback verify <replay> --assembly Game.dll        replay a recording, check every checksum
  rollback diff <bundle> [--assembly Game.dll]        what differs in a desync bundle
  rollback diff <a.csv> <b.csv>                       first divergent frame of two exports
  rollback diff <a.replay> <b.replay> --assembly Game.dll
  rollback report <replay|bundle|exports…> -o report.html [--assembly Game.dll]

options:
  -a, --assembly <dll>   the game's assembly: its state type is found by the schema id in the files
  -o, --output <file>    where report writes the HTML page
  -q, --quiet            no progress bar

exit codes: 0 no divergence (or report written), 1 divergence found, 2 bad input or usage";

        public static int Main(string[] args)
        {
            TextWriter output = Console.Out;
            TextWriter error = Console.Error;
            try
            {
                CommandLine line = CommandLine.Parse(args);
                switch (line.Command)
                {
                    case "verify": return Commands.Verify(line, output, error);
                    case "diff": return Commands.Diff(line, output);
                    case "report": return Commands.Report(line, output, error);
                    case "version":
                        output.WriteLine("rollback " + (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"));
                        return 0;
                    case "help":
                        output.WriteLine(Usage);
                        return 0;
                    case "":
                        error.WriteLine(Usage);
                        return BadInput;
                    default:
                        throw new UsageException($"unknown command {line.Command}");
                }
            }
            catch (UsageException ex)
            {
                error.WriteLine($"rollback: {ex.Message} (rollback --help)");
                return BadInput;
            }
            catch (Exception ex) when (ex is ReportInputException || ex is ReplayFormatException || ex is DesyncBundleFormatException
                || ex is SnapshotFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                error.WriteLine("rollback: error: " + OneLine(ex.Message));
                return BadInput;
            }
            catch (Exception ex)
            {
                Exception inner = ex is TargetInvocationException { InnerException: { } cause } ? cause : ex;
                error.WriteLine($"rollback: error: {inner.GetType().Name}: {OneLine(inner.Message)}");
                return Failure;
            }
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
    }
}
