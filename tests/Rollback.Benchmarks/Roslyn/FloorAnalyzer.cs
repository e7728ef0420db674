using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Benchmarks.Roslyn
{
    /// <summary>
    /// The floor of any analyzer built like the Rollback ones: registers an operation-block start action
    /// (so the driver builds the IOperation tree of every method body) and does nothing with it. Its cost is
    /// the part of the analyzers' overhead that no rule logic can remove.
    /// </summary>
#pragma warning disable RS1036, RS1041, RS2008, RS1012 // a benchmark-only analyzer, run in process by AnalyzerBenchmarks, never shipped
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FloorAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
            "BENCH0001", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockStartAction(static _ => { });
        }
    }
#pragma warning restore RS1036, RS1041, RS2008, RS1012
}
