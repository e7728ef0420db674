using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Entry point. Full suite (about 20 minutes on 2 cores):
    /// <c>dotnet run -c Release --project tests/Rollback.Benchmarks -- --filter "*"</c>.
    /// Quick check of one area: <c>dotnet run -c Release --project tests/Rollback.Benchmarks -- --filter "*Mixed*" --job short</c>.
    /// Where the analyzers' time goes: <c>dotnet run -c Release --project tests/Rollback.Benchmarks -- --profile-analyzers 50000</c>.
    /// See docs/performance.md.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--rollback-minimum")
            {
                // Not BenchmarkDotNet: the depth-8 rollback ratios from the fastest of interleaved rounds (see RollbackMinimumRun).
                RollbackMinimumRun.Run(rounds: 400);
                return;
            }

            if (args.Length > 0 && args[0] == "--profile-analyzers")
            {
                // Not a benchmark: where the analyzers' time goes, per analyzer (see docs/performance.md).
                AnalyzerBenchmarks.Profile(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000);
                return;
            }

            // BenchmarkDotNet prefers a default job of the given config over a --job from the command line,
            // so the suite's job is only added when none is given.
            bool jobGiven = args.Any(a => a == "--job" || a == "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, SuiteConfig(addSuiteJob: !jobGiven));
        }

        /// <summary>
        /// The suite's defaults: one launch, 3 warm-up and 8 measured iterations (used unless a job is
        /// given on the command line, e.g. <c>--job short</c>), median and op/s columns, and results under
        /// <c>tests/Rollback.Benchmarks/BenchmarkDotNet.Artifacts</c>.
        /// </summary>
        private static IConfig SuiteConfig(bool addSuiteJob)
        {
            ManualConfig config = ManualConfig.Create(DefaultConfig.Instance).AddColumn(StatisticColumn.Median);
            if (addSuiteJob)
            {
                config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithId("Suite").AsDefault());
            }

            string? artifacts = ArtifactsDirectory();
            return artifacts is null ? config : config.WithArtifactsPath(artifacts);
        }

        private static string? ArtifactsDirectory([CallerFilePath] string sourceFile = "")
        {
            string? project = Path.GetDirectoryName(sourceFile);
            return project is not null && Directory.Exists(project) && Directory.EnumerateFiles(project, "*.csproj").Any()
                ? Path.Combine(project, "BenchmarkDotNet.Artifacts")
                : null;
        }
    }
}
