using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Benchmarks.Roslyn
{
#pragma warning disable RS1036, RS1041, RS2008, RS1012 // benchmark-only analyzers, run in process by AnalyzerBenchmarks, never shipped

    /// <summary>
    /// The driver's floor: an analyzer whose compilation-start action registers nothing. What Roslyn charges for
    /// attaching any analyzer at all (the compilation event queue, generated-code checks).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FloorDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static _ => { });
        }
    }

    /// <summary>The floor of an analyzer built on symbol actions: a no-op action for methods, fields, properties and events.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SymbolFloorAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FloorDescriptors.Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(static _ => { }, SymbolKind.Method, SymbolKind.Field, SymbolKind.Property, SymbolKind.Event);
        }
    }

    internal static class FloorDescriptors
    {
        public static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
            "BENCH0002", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
    }
#pragma warning restore RS1036, RS1041, RS2008, RS1012
}
