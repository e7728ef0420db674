using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollback.Benchmarks.Roslyn;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Compile time of a generated simulation project of about 10k and 50k lines, with and without the Rollback
    /// determinism analyzers (every C# <c>DiagnosticAnalyzer</c> of Rollback.Analyzers, found by reflection).
    /// The project's <c>[RollbackState]</c> code is generated once in the setup; every iteration compiles a fresh
    /// compilation of the pre-parsed sources, single-threaded (compiler and analyzers alike).
    /// <list type="bullet">
    /// <item><description>Baseline: <c>Emit</c>, the compiler's work in a build without analyzers.</description></item>
    /// <item><description><c>GetDiagnostics()</c>: the semantic pass alone (declarations and every method body bound).</description></item>
    /// <item><description><c>WithAnalyzers(...).GetAllDiagnosticsAsync()</c>: the same pass with the analyzers attached,
    /// sharing the compilation as a build does. The analyzers' build-time overhead is
    /// (this − <c>GetDiagnostics</c>) / <c>Emit</c>, i.e. the difference of the two ratios.</description></item>
    /// <item><description>The floor: the same with one analyzer that only registers an operation-block action — what
    /// Roslyn charges any analyzer built on operation blocks before a rule runs.</description></item>
    /// </list>
    /// When the analyzer assembly has no analyzers, the setup prints "no analyzers found" and the analyzer
    /// benchmark fails with that message (the others still run). <c>--profile-analyzers</c> (see Program) breaks the
    /// cost down per analyzer.
    /// </summary>
    [MemoryDiagnoser]
    [RoslynJob]
    public class AnalyzerBenchmarks
    {
        private SyntaxTree[] _trees = null!;
        private ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private string _analyzerReport = "";
        private CSharpCompilation _compilation = null!;

        /// <summary>10k and 50k lines, or the one size in <c>ROLLBACK_BUILD_LINES</c>.</summary>
        [ParamsSource(typeof(AnalyzerBuildBenchmarks), nameof(AnalyzerBuildBenchmarks.LineCounts))]
        public int Lines { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _trees = BuildProject(Lines, out string description);
            Console.WriteLine("// " + description);
            _analyzers = RoslynSupport.LoadRollbackAnalyzers(out _analyzerReport);
            Console.WriteLine("// analyzers: " + _analyzerReport);
        }

        [IterationSetup]
        public void FreshCompilation() => _compilation = Fresh(_trees);

        [Benchmark(Baseline = true, Description = "Emit, no analyzers (the build)")]
        public bool Emit() => _compilation.Emit(Stream.Null).Success;

        [Benchmark(Description = "GetDiagnostics, no analyzers")]
        public int Bind() => _compilation.GetDiagnostics().Length;

        [Benchmark(Description = "GetAllDiagnostics with the Rollback analyzers")]
        public int BindWithAnalyzers() =>
            _compilation.WithAnalyzers(Analyzers(), Options()).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;

        [Benchmark(Description = "GetAllDiagnostics with an empty analyzer (the driver's floor)")]
        public int BindWithEmptyAnalyzer() =>
            _compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer()), Options()).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;

        [Benchmark(Description = "GetAllDiagnostics with a no-op operation-block analyzer (floor)")]
        public int BindWithFloorAnalyzer() =>
            _compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()), Options()).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;

        /// <summary>
        /// Not a benchmark: best of three cold compilations per configuration, with Roslyn's per-analyzer accounting, to see where the
        /// analyzers' time goes (each analyzer alone on a fresh compilation, then all together).
        /// </summary>
        public static void Profile(int lines)
        {
            SyntaxTree[] trees = BuildProject(lines, out string description);
            Console.WriteLine(description);
            ImmutableArray<DiagnosticAnalyzer> analyzers = RoslynSupport.LoadRollbackAnalyzers(out string report);
            Console.WriteLine(report);
            if (analyzers.IsEmpty)
            {
                return;
            }

            // warm up the JIT for both paths
            Fresh(trees).GetDiagnostics();
            Fresh(trees).WithAnalyzers(analyzers, Options()).GetAllDiagnosticsAsync().GetAwaiter().GetResult();

            // best of 3 cold-compilation runs (the machine is noisy; the minimum is the least disturbed), with the CPU time
            // of the process and the bytes this thread allocated (both barely move when other processes load the machine)
            long lastAllocated = 0;
            double lastCpu = 0;
            double Time(Action action)
            {
                double best = double.MaxValue;
                lastCpu = double.MaxValue;
                for (int run = 0; run < 3; run++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    long before = GC.GetTotalAllocatedBytes(true);
                    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    action();
                    best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                    lastCpu = Math.Min(lastCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                    lastAllocated = GC.GetTotalAllocatedBytes(true) - before;
                }

                return best;
            }

            double emit = Time(() => Fresh(trees).Emit(Stream.Null));
            double emitCpu = lastCpu;
            long emitBytes = lastAllocated;
            double bind = Time(() => Fresh(trees).GetDiagnostics());
            double bindCpu = lastCpu;
            long bindBytes = lastAllocated;
            Console.WriteLine($"Emit (no analyzers)                          {emit,8:F0} ms  cpu {emitCpu,6:F0} ms  {emitBytes / 1e6,6:F0} MB");
            Console.WriteLine($"GetDiagnostics (no analyzers)                {bind,8:F0} ms  cpu {bindCpu,6:F0} ms  {bindBytes / 1e6,6:F0} MB");
            void Row(string name, ImmutableArray<DiagnosticAnalyzer> set)
            {
                ImmutableArray<Diagnostic> diagnostics = default;
                double all = Time(() => diagnostics = Fresh(trees).WithAnalyzers(set, Options()).GetAllDiagnosticsAsync().GetAwaiter().GetResult());

                // Roslyn's own accounting of the time spent in the analyzers' callbacks (separate, untimed run).
                CompilationWithAnalyzers logged = Fresh(trees).WithAnalyzers(set, Options(logTime: true));
                logged.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                double own = set.Sum(a => logged.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
                string ids = string.Join(", ", diagnostics.Where(d => d.Id.StartsWith("RB", StringComparison.Ordinal) || d.Id.StartsWith("AD", StringComparison.Ordinal))
                    .GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
                double cpu = lastCpu;
                long bytes = lastAllocated;
                Console.WriteLine($"GetAllDiagnostics + {name,-24}{all,8:F0} ms  +{(all - bind) / emit,4:P0} of Emit; cpu +{(cpu - bindCpu) / emitCpu,4:P0}; allocated +{(double)(bytes - bindBytes) / emitBytes,4:P0}; in callbacks {own,5:F0} ms  {ids}");
                Console.WriteLine("    " + (DescribeScope() ?? "no scope computed"));
            }

            Row("empty analyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer()));
            Row("no-op symbol actions", ImmutableArray.Create<DiagnosticAnalyzer>(new SymbolFloorAnalyzer()));
            Row("floor (no-op)", ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()));
            if (Environment.GetEnvironmentVariable("ROLLBACK_PROFILE_EACH") == "1")
            {
                foreach (DiagnosticAnalyzer analyzer in analyzers)
                {
                    Row(analyzer.GetType().Name, ImmutableArray.Create(analyzer));
                }
            }

            Row("all Rollback analyzers", analyzers);
        }

        /// <summary>What the analyzers' shared scope held for a compilation (members, bodies bound), read from the analyzer assembly.</summary>
        private static string? DescribeScope()
        {
            Type? scope = Type.GetType("Rollback.Analyzers.Scope.SimulationScope, Rollback.Analyzers");
            var last = scope?.GetProperty("LastDescription", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic);
            return last?.GetValue(null) as string;
        }

        private ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
            _analyzers.IsEmpty ? throw new InvalidOperationException(_analyzerReport) : _analyzers;

        private static CSharpCompilation Fresh(SyntaxTree[] trees) => RoslynSupport.Compile("Simulation", trees);

        /// <summary>Writes modules until <paramref name="lines"/> lines, runs the generator once, checks the result compiles.</summary>
        private static SyntaxTree[] BuildProject(int lines, out string description)
        {
            var sources = new List<SyntaxTree>();
            int written = 0;
            for (int i = 0; written < lines; i++)
            {
                string module = SourceFactory.SimulationModule(i);
                written += module.Count(c => c == '\n');
                sources.Add(RoslynSupport.Parse(module, $"Module{i}.cs"));
            }

            CSharpCompilation user = Fresh(sources.ToArray());
            RoslynSupport.CreateGeneratorDriver(track: false).RunGeneratorsAndUpdateCompilation(user, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            RoslynSupport.ThrowOnErrors("generator", generatorDiagnostics);
            RoslynSupport.ThrowOnErrors("simulation project", output.GetDiagnostics());
            SyntaxTree[] trees = output.SyntaxTrees.ToArray();
            int generatedLines = trees.Skip(sources.Count).Sum(t => t.GetText().Lines.Count);
            description = $"simulation project: {sources.Count} modules, {written} lines written, {trees.Length - sources.Count} generated files ({generatedLines} lines), compiles without errors";
            return trees;
        }

        private static CompilationWithAnalyzersOptions Options(bool logTime = false) =>
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: logTime);
    }
}
