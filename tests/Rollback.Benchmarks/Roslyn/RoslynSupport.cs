using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Benchmarks.Roslyn
{
    /// <summary>Compilations in memory, referencing the shared framework and Rollback.Runtime like a game project.</summary>
    internal static class RoslynSupport
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        {
            // The shared framework (what a net10.0 project references), not this process's own dependencies.
            string runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory()).TrimEnd(Path.DirectorySeparatorChar);
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => string.Equals(Path.GetFullPath(Path.GetDirectoryName(p)!).TrimEnd(Path.DirectorySeparatorChar), runtimeDirectory, StringComparison.Ordinal));
            var refs = paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
            refs.Add(MetadataReference.CreateFromFile(typeof(RollbackStateAttribute).Assembly.Location));
            return refs.ToImmutableArray();
        });

        public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

        public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.CSharp12);

        /// <summary>Single-threaded, so that the figures are CPU work and not how well two noisy cores are shared.</summary>
        public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: true,
            nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Release,
            concurrentBuild: false);

        public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: path, encoding: Encoding.UTF8);

        public static CSharpCompilation Compile(string name, IEnumerable<SyntaxTree> trees) =>
            CSharpCompilation.Create(name, trees, References, CompilationOptions);

        public static GeneratorDriver CreateGeneratorDriver(bool track) =>
            CSharpGeneratorDriver.Create(
                new[] { new Rollback.Generators.RollbackStateGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

        public static void ThrowOnErrors(string what, IEnumerable<Diagnostic> diagnostics)
        {
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{what}: {errors.Count} error(s), first: {errors[0]}");
            }
        }

        /// <summary>The path of the Rollback.Analyzers assembly this project references (for a command-line build).</summary>
        public static string RollbackAnalyzersPath() => Assembly.Load(new AssemblyName("Rollback.Analyzers")).Location;

        /// <summary>
        /// Every C# <see cref="DiagnosticAnalyzer"/> in the Rollback.Analyzers assembly (referenced by this project,
        /// loaded by name), or an empty array with the reason when the assembly is missing or has none.
        /// </summary>
        public static ImmutableArray<DiagnosticAnalyzer> LoadRollbackAnalyzers(out string report)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName("Rollback.Analyzers"));
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
            {
                report = $"no analyzers found: the Rollback.Analyzers assembly could not be loaded ({e.GetType().Name}: {e.Message})";
                return ImmutableArray<DiagnosticAnalyzer>.Empty;
            }

            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types.Where(t => t is not null).ToArray()!;
            }

            var analyzers = types
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .Where(t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            report = analyzers.IsEmpty
                ? $"no analyzers found: {assembly.GetName().Name} {assembly.GetName().Version} has no C# DiagnosticAnalyzer"
                : $"{analyzers.Length} analyzer(s) from {assembly.GetName().Name}: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}; rules {string.Join(", ", analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))}";
            return analyzers;
        }
    }
}

namespace Rollback.Benchmarks.Roslyn
{
    using BenchmarkDotNet.Jobs;
    /// <summary>
    /// For the compiler benchmarks (hundreds of milliseconds to seconds per operation): one operation per
    /// iteration (RunStrategy.Monitoring, as [IterationSetup] needs), 2 warm-up and 7 measured iterations.
    /// Tiered compilation off: the compiler normally runs warm in the build server, and with a handful of
    /// iterations tier-0 code would otherwise be part of what is measured.
    /// A mutator, so it applies on top of whichever job runs (the suite's default or <c>--job short</c>).
    /// </summary>
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public sealed class RoslynJobAttribute : System.Attribute, BenchmarkDotNet.Configs.IConfigSource
    {
        public RoslynJobAttribute()
        {
            Config = BenchmarkDotNet.Configs.ManualConfig.CreateEmpty().AddJob(
                BenchmarkDotNet.Jobs.Job.Default
                    .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring)
                    .WithLaunchCount(1)
                    .WithWarmupCount(2)
                    .WithIterationCount(7)
                    .WithEnvironmentVariable("DOTNET_TieredCompilation", "0")
                    .AsMutator());
        }

        public BenchmarkDotNet.Configs.IConfig Config { get; }
    }
}
