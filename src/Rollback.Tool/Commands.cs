using System;
using System.IO;
using System.Linq;
using Rollback.Forensics;
using Rollback.Reports;

namespace Rollback.Tool
{
    /// <summary>The three commands. Each returns the process exit code: 0 agreement, 1 divergence found.</summary>
    internal static class Commands
    {
        public const int Ok = 0;
        public const int Diverged = 1;

        public static int Verify(CommandLine line, TextWriter output, TextWriter error)
        {
            if (line.Arguments.Count != 1)
            {
                throw new UsageException("verify takes one replay file: rollback verify <replay> --assembly Game.dll");
            }

            string path = line.Arguments[0];
            if (InputKinds.Of(path) != InputKind.Replay)
            {
                throw new ReportInputException($"{path} is not a replay file (verify checks replays recorded with InputRecorder).");
            }

            GameAssembly game = RequireGame(line, "verify");
            var bar = new ProgressBar(error, !line.Quiet && !Console.IsErrorRedirected);
            ForensicReport report = ReportBuilder.FromReplay(game, path, stopAtFirstMismatch: true, line.Quiet ? null : bar.Report);
            bar.Finish();
            if (report.DivergentFrame is null)
            {
                output.WriteLine($"ok: {report.Frames.Count} frames replayed, every checksum matches the recording ({Path.GetFileName(path)})");
                return Ok;
            }

            output.WriteLine($"MISMATCH at frame {report.DivergentFrame}: {report.DivergenceSummary}");
            foreach (StateDifference d in report.Differences)
            {
                output.WriteLine($"  member {d.Path}: {d.Left} vs {d.Right}");
            }

            if (report.DifferencesNote is not null)
            {
                output.WriteLine("  member: unknown. " + report.DifferencesNote);
            }

            foreach (string note in report.Notes)
            {
                output.WriteLine("  " + note);
            }

            return Diverged;
        }

        public static int Diff(CommandLine line, TextWriter output)
        {
            ForensicReport report = Build(line, "diff", allowMany: false);
            output.Write(TextReport.Render(report));
            return report.DivergentFrame is null ? Ok : Diverged;
        }

        public static int Report(CommandLine line, TextWriter output, TextWriter error)
        {
            if (line.Output is null)
            {
                throw new UsageException("report needs an output file: rollback report <inputs…> -o report.html");
            }

            var bar = new ProgressBar(error, !line.Quiet && !Console.IsErrorRedirected);
            ForensicReport report = Build(line, "report", allowMany: true, line.Quiet ? null : bar.Report);
            bar.Finish();
            string written = HtmlReport.Write(report, line.Output);
            output.WriteLine(report.DivergentFrame is int frame
                ? $"divergence at frame {frame}{(report.Differences.Count > 0 ? ", first member " + report.Differences[0].Path : string.Empty)}"
                : $"no divergence in {report.Frames.Count} frames");
            output.WriteLine("report: " + written);
            return Ok;
        }

        private static ForensicReport Build(CommandLine line, string command, bool allowMany, ProgressHandler? progress = null)
        {
            if (line.Arguments.Count == 0)
            {
                throw new UsageException($"{command} needs input files: a desync bundle, two replays or two CSV exports");
            }

            InputKind[] kinds = line.Arguments.Select(InputKinds.Of).ToArray();
            if (kinds.Distinct().Count() > 1)
            {
                throw new UsageException($"{command} compares inputs of one kind; got {string.Join(", ", kinds.Select(k => k.ToString().ToLowerInvariant()))}");
            }

            switch (kinds[0])
            {
                case InputKind.Bundle:
                    if (line.Arguments.Count != 1)
                    {
                        throw new UsageException($"{command} reads one desync bundle at a time");
                    }

                    return ReportBuilder.FromBundle(InputKinds.BundleFolder(line.Arguments[0]), line.Assembly is null ? null : GameAssembly.Load(line.Assembly));

                case InputKind.Export:
                    if (line.Arguments.Count < 2 || (!allowMany && line.Arguments.Count != 2))
                    {
                        throw new UsageException(allowMany ? $"{command} compares two or more CSV exports" : $"{command} compares two CSV exports");
                    }

                    return ReportBuilder.FromExports(line.Arguments);

                default:
                    if (line.Arguments.Count == 1 && allowMany)
                    {
                        return ReportBuilder.FromReplay(RequireGame(line, command), line.Arguments[0], stopAtFirstMismatch: false, progress);
                    }

                    if (line.Arguments.Count != 2)
                    {
                        throw new UsageException($"{command} compares two replays");
                    }

                    return ReportBuilder.FromReplays(RequireGame(line, command), line.Arguments[0], line.Arguments[1]);
            }
        }

        private static GameAssembly RequireGame(CommandLine line, string command)
        {
            if (line.Assembly is null)
            {
                throw new UsageException($"{command} needs the game's assembly to replay: --assembly Game.dll");
            }

            return GameAssembly.Load(line.Assembly);
        }
    }
}
