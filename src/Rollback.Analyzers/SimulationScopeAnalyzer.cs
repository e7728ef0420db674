using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers
{
    /// <summary>
    /// Base of every determinism analyzer. Per compilation it resolves the Rollback marker symbols once,
    /// shares one <see cref="SimulationScope"/> (declared simulation code and everything it reaches), and
    /// runs the concern's <see cref="SimulationRule"/> only on operation blocks and symbols in that scope.
    /// </summary>
    public abstract class SimulationScopeAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        /// <summary>Creates the concern's rule for one compilation, resolving its symbols once; null when nothing can be flagged.</summary>
        internal abstract SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken);

        private void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            Compilation compilation = context.Compilation;
            var markers = SimulationMarkers.Create(compilation);
            if (!markers.CanDeclareSimulation)
            {
                return;
            }

            SimulationRule? rule = CreateRule(compilation, context.Options, context.CancellationToken);
            if (rule is null)
            {
                return;
            }

            AnalyzerOptions options = context.Options;
            context.RegisterOperationBlockStartAction(blockContext =>
            {
                ScopeEntry? entry = Lookup(compilation, markers, options, blockContext.OwningSymbol, blockContext.CancellationToken);
                if (entry is not null)
                {
                    rule.AnalyzeBlock(blockContext, entry);
                }
            });

            if (rule.AnalyzesSymbols)
            {
                context.RegisterSymbolAction(
                    symbolContext =>
                    {
                        ScopeEntry? entry = Lookup(compilation, markers, options, symbolContext.Symbol, symbolContext.CancellationToken);
                        if (entry is not null)
                        {
                            rule.AnalyzeSymbol(symbolContext, entry);
                        }
                    },
                    SymbolKind.Method,
                    SymbolKind.Field,
                    SymbolKind.Property);
            }
        }

        private static ScopeEntry? Lookup(Compilation compilation, SimulationMarkers markers, AnalyzerOptions options, ISymbol symbol, System.Threading.CancellationToken cancellationToken)
        {
            SimulationScope scope = SimulationScope.Get(compilation, markers, cancellationToken);
            ScopeEntry? entry = scope.Find(symbol);
            if (entry is null && symbol is IMethodSymbol { AssociatedSymbol: IPropertySymbol property })
            {
                entry = scope.Find(property);
            }
            else if (entry is null && symbol is IPropertySymbol accessed)
            {
                entry = scope.Find(accessed.GetMethod) ?? scope.Find(accessed.SetMethod);
            }

            if (entry is not null && !entry.IsDeclared)
            {
                SyntaxTree? tree = symbol.Locations.Length > 0 ? symbol.Locations[0].SourceTree : null;
                if (ScopeOptions.IsDeclaredOnly(options, tree))
                {
                    return null;
                }
            }

            return entry;
        }
    }
}
