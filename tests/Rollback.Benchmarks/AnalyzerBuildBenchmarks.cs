using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Rollback.Benchmarks.Roslyn;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// What the Rollback analyzers add to a real build: the SDK's command-line compiler on the generated simulation
    /// project (the same modules as <see cref="AnalyzerBenchmarks"/>), with everything a default net10.0 build passes it
    /// (reference pack, the SDK's code-analysis rules at their default level, the reference pack's analyzers and
    /// generators, the Rollback generator). Baseline: that build; the other row adds the Rollback analyzers. The ratio is the
    /// build-time cost users see. Each invocation is one compiler process (start-up included in both rows).
    /// <c>ROLLBACK_BUILD_LINES</c> (e.g. <c>50000</c>) picks one project size.
    /// </summary>
    [RoslynJob]
    public class AnalyzerBuildBenchmarks
    {
        private CommandLineBuild _build = null!;

        [ParamsSource(nameof(LineCounts))]
        public int Lines { get; set; }

        /// <summary>The project sizes: 10k and 50k lines, or the one in <c>ROLLBACK_BUILD_LINES</c>.</summary>
        public static IEnumerable<int> LineCounts =>
            Environment.GetEnvironmentVariable("ROLLBACK_BUILD_LINES") is { Length: > 0 } lines
                ? new[] { int.Parse(lines, CultureInfo.InvariantCulture) }
                : new[] { 10_000, 50_000 };

        [GlobalSetup]
        public void Setup()
        {
            var sources = new List<string>();
            int written = 0;
            for (int i = 0; written < Lines; i++)
            {
                string module = SourceFactory.SimulationModule(i);
                written += module.Count(c => c == '\n');
                sources.Add(module);
            }

            _build = CommandLineBuild.Create(
                sources,
                typeof(RollbackStateAttribute).Assembly.Location,
                typeof(Rollback.Generators.RollbackStateGenerator).Assembly.Location,
                RoslynSupport.RollbackAnalyzersPath());
            Console.WriteLine("// " + _build.Description);
            int without = _build.Run(withRollbackAnalyzers: false);
            int with = _build.Run(withRollbackAnalyzers: true);
            Console.WriteLine($"// Rollback diagnostics: {without} without the analyzers, {with} with them");
            if (without != 0 || with == 0)
            {
                throw new InvalidOperationException("the build with the Rollback analyzers must report the planted violations, and only that build");
            }
        }

        [Benchmark(Baseline = true, Description = "csc with the SDK's default analyzers (a default build)")]
        public int Build() => _build.Run(withRollbackAnalyzers: false);

        [Benchmark(Description = "the same build with the Rollback analyzers")]
        public int BuildWithRollbackAnalyzers() => _build.Run(withRollbackAnalyzers: true);
    }
}
