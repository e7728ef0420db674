using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>The figures of a batch of runs.</summary>
    public sealed class BatchSummary
    {
        /// <summary>Runs done.</summary>
        public int Runs { get; set; }

        /// <summary>Runs whose exports differ between peers or from the oracle (a divergence).</summary>
        public int Divergences { get; set; }

        /// <summary>Runs with any failure.</summary>
        public int Failed { get; set; }

        /// <summary>Failed runs by the kind of their first failure.</summary>
        public SortedDictionary<FailureKind, int> ByKind { get; } = new SortedDictionary<FailureKind, int>();

        /// <summary>The first failed run of each kind.</summary>
        public Dictionary<FailureKind, RunReport> FirstOfKind { get; } = new Dictionary<FailureKind, RunReport>();

        /// <summary>Rollbacks over every run.</summary>
        public long Rollbacks { get; set; }

        /// <summary>Frames confirmed by the oracle over every run.</summary>
        public long Frames { get; set; }

        /// <summary>Wall time of the batch.</summary>
        public TimeSpan Elapsed { get; set; }

        /// <summary>One line: runs, divergences, failures by kind, time.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{Runs} runs, {Divergences} divergences, {Failed} failed");
            if (ByKind.Count > 0)
            {
                sb.Append(" (").Append(string.Join(", ", ByKind.Select(kv => kv.Key + " " + kv.Value))).Append(')');
            }

            sb.Append(CultureInfo.InvariantCulture, $", {Frames} frames, {Rollbacks} rollbacks, {Elapsed.TotalSeconds:F1} s");
            return sb.ToString();
        }
    }

    /// <summary>Runs batches of drawn scenarios.</summary>
    public static class Explorer
    {
        /// <summary>Runs <paramref name="runs"/> scenarios of <paramref name="space"/> from <paramref name="baseSeed"/>.</summary>
        /// <param name="space">The dimensions.</param>
        /// <param name="baseSeed">The base seed.</param>
        /// <param name="runs">How many runs.</param>
        /// <param name="progress">Called after each run (optional).</param>
        /// <returns>The summary.</returns>
        public static BatchSummary Run(ExplorationSpace space, ulong baseSeed, int runs, Action<int, RunReport>? progress = null)
        {
            var summary = new BatchSummary();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < runs; i++)
            {
                ScenarioSpec spec = ScenarioGenerator.Draw(space, baseSeed, i);
                RunReport report = ScenarioRunner.Run(spec);
                summary.Runs++;
                summary.Rollbacks += report.Rollbacks;
                summary.Frames += Math.Max(0, report.FinalFrame + 1);
                if (!report.Passed)
                {
                    summary.Failed++;
                    FailureKind kind = report.Kind!.Value;
                    summary.ByKind[kind] = summary.ByKind.TryGetValue(kind, out int c) ? c + 1 : 1;
                    summary.FirstOfKind.TryAdd(kind, report);
                    if (report.Failures.Any(f => f.Kind is FailureKind.ExportsDiffer or FailureKind.OracleMismatch or FailureKind.RowsPastFinal or FailureKind.Spectator or FailureKind.EpisodeEnds))
                    {
                        summary.Divergences++;
                    }
                }

                progress?.Invoke(i, report);
            }

            summary.Elapsed = clock.Elapsed;
            return summary;
        }
    }
}
