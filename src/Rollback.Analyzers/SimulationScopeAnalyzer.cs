using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers
{
    /// <summary>
    /// Base of every determinism analyzer. Per compilation it resolves the Rollback marker symbols once,
    /// shares one <see cref="SimulationScope"/> (declared simulation code and everything it reaches, with the
    /// operations of every body in it), and runs the concern's <see cref="SimulationRule"/> on those bodies only.
    /// </summary>
    /// <remarks>
    /// No operation action is registered with the driver: that would make the compiler build the operation tree
    /// of every method body of the project. The scope binds only the bodies of simulation code that can hold
    /// something a rule looks for (see <see cref="BodyTriggers"/>), once for all analyzers, and the rules walk
    /// those operations from symbol actions.
    /// </remarks>
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
            var analyzed = new ConcurrentDictionary<ScopeEntry, bool>();
            context.RegisterSymbolAction(
                symbolContext =>
                {
                    ISymbol symbol = symbolContext.Symbol;
                    SimulationScope scope = SimulationScope.Get(compilation, markers, options, symbolContext.CancellationToken);
                    switch (symbol)
                    {
                        case IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise }:
                            break; // analyzed with the property or event
                        case IPropertySymbol property:
                            AnalyzeBody(symbolContext, scope.Find(property));
                            AnalyzeBody(symbolContext, scope.Find(property.GetMethod));
                            AnalyzeBody(symbolContext, scope.Find(property.SetMethod));
                            break;
                        case IEventSymbol @event:
                            AnalyzeBody(symbolContext, scope.Find(@event.AddMethod));
                            AnalyzeBody(symbolContext, scope.Find(@event.RemoveMethod));
                            break;
                        default:
                            AnalyzeBody(symbolContext, scope.Find(symbol));
                            break;
                    }

                    if (rule.AnalyzesSymbols && symbol is not IEventSymbol && Lookup(scope, options, symbol) is { } entry)
                    {
                        rule.AnalyzeSymbol(symbolContext, entry);
                    }
                },
                SymbolKind.Method,
                SymbolKind.Field,
                SymbolKind.Property,
                SymbolKind.Event);

            void AnalyzeBody(SymbolAnalysisContext symbolContext, ScopeEntry? entry)
            {
                if (entry is null || entry.Operations.IsDefaultOrEmpty || !Admits(options, entry) || !analyzed.TryAdd(entry, true))
                {
                    return;
                }

                var operationContext = new OperationContext(entry, symbolContext.ReportDiagnostic, symbolContext.CancellationToken);
                foreach (IOperation operation in entry.Operations)
                {
                    operationContext.Operation = operation;
                    rule.AnalyzeOperation(operationContext);
                }
            }
        }

        private static bool Admits(AnalyzerOptions options, ScopeEntry entry)
        {
            if (entry.IsDeclared)
            {
                return true;
            }

            ImmutableArray<Location> locations = entry.Symbol.Locations;
            SyntaxTree? tree = locations.Length > 0 ? locations[0].SourceTree : null;
            return !ScopeOptions.IsDeclaredOnly(options, tree);
        }

        private static ScopeEntry? Lookup(SimulationScope scope, AnalyzerOptions options, ISymbol symbol)
        {
            ScopeEntry? entry = scope.Find(symbol);
            if (entry is null && symbol is IMethodSymbol { AssociatedSymbol: IPropertySymbol property })
            {
                entry = scope.Find(property);
            }
            else if (entry is null && symbol is IPropertySymbol accessed)
            {
                entry = scope.Find(accessed.GetMethod) ?? scope.Find(accessed.SetMethod);
            }

            return entry is not null && Admits(options, entry) ? entry : null;
        }
    }
}
