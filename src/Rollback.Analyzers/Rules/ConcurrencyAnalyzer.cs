using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>RB2005: Task.Run, Parallel, Thread, ThreadPool, PLINQ, async methods and await.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConcurrencyAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Concurrency);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            Compilation c = compilation;
            INamedTypeSymbol? task = c.GetTypeByMetadataName("System.Threading.Tasks.Task");
            INamedTypeSymbol? taskOfT = c.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            var matcher = new ApiMatcher()
                .AddMembers(task, ".ctor", "Run", "Factory", "Start", "ContinueWith", "WhenAll", "WhenAny", "Yield", "RunSynchronously")
                .AddMembers(taskOfT, ".ctor", "Factory", "ContinueWith")
                .AddType(c.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory"))
                .AddType(c.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1"))
                .AddType(c.GetTypeByMetadataName("System.Threading.Tasks.Parallel"))
                .AddType(c.GetTypeByMetadataName("System.Threading.Thread"))
                .AddType(c.GetTypeByMetadataName("System.Threading.ThreadPool"))
                .AddType(c.GetTypeByMetadataName("System.Linq.ParallelEnumerable"));
            var tasks = new System.Collections.Generic.HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (string name in new[] { "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1" })
            {
                if (c.GetTypeByMetadataName(name) is { } type)
                {
                    tasks.Add(type);
                }
            }

            return new Rule(matcher, tasks);
        }

        private sealed class Rule : MemberReferenceRule
        {
            private readonly ApiMatcher _matcher;
            private readonly System.Collections.Generic.HashSet<ISymbol> _tasks;

            public Rule(ApiMatcher matcher, System.Collections.Generic.HashSet<ISymbol> tasks)
                : base(DiagnosticDescriptors.Concurrency)
            {
                _matcher = matcher;
                _tasks = tasks;
            }

            private bool IsTask(ITypeSymbol? type) => type is not null && _tasks.Contains(type.OriginalDefinition);

            /// <summary>A call whose Task is dropped at the call site (<c>_ = SaveAsync();</c> or <c>SaveAsync();</c>): fire-and-forget.</summary>
            private void AnalyzeDroppedTask(OperationContext c)
            {
                IOperation? dropped = c.Operation switch
                {
                    IExpressionStatementOperation statement when SkipConversions(statement.Operation) is IInvocationOperation => statement.Operation,
                    ISimpleAssignmentOperation { Target: IDiscardOperation } discard => discard.Value,
                    _ => null,
                };

                if (dropped is null)
                {
                    return;
                }

                dropped = SkipConversions(dropped);
                if (!IsTask(dropped.Type) || (ReferencedMember(dropped) is { } member && _matcher.Matches(member)))
                {
                    return;
                }

                string what = ReferencedMember(dropped) is { } called ? "The Task returned by '" + Display(called) + "' is dropped (fire-and-forget), so it" : "A dropped Task (fire-and-forget)";
                Report(c.ReportDiagnostic, dropped.Syntax.GetLocation(), what, c.Entry);
            }

            public override bool AnalyzesSymbols => true;

            protected override string? Match(ISymbol member, IOperation operation) =>
                _matcher.Matches(member) ? "'" + Display(member) + "'" : null;

            public override void AnalyzeOperation(OperationContext c)
            {
                base.AnalyzeOperation(c);
                AnalyzeDroppedTask(c);
                ScopeEntry entry = c.Entry;
                switch (c.Operation)
                {
                    case IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda:
                        Report(c.ReportDiagnostic, AsyncLocation(lambda.Syntax), "The async lambda", entry);
                        break;
                    case ILocalFunctionOperation { Symbol.IsAsync: true } local:
                        Report(c.ReportDiagnostic, AsyncLocation(local.Syntax), "The async local function '" + local.Symbol.Name + "'", entry);
                        break;
                }
            }

            public override void AnalyzeSymbol(SymbolAnalysisContext context, ScopeEntry entry)
            {
                if (context.Symbol is IMethodSymbol { IsAsync: true } method)
                {
                    foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                    {
                        Report(context.ReportDiagnostic, AsyncLocation(reference.GetSyntax(context.CancellationToken)), "The async method '" + ScopeEntry.Label(method) + "'", entry);
                    }
                }
            }

            private void Report(System.Action<Diagnostic> report, Location location, string text, ScopeEntry entry) =>
                report(Diagnostic.Create(Descriptor, location, text, entry.ChainSuffix));

            private static Location AsyncLocation(SyntaxNode node)
            {
                SyntaxTokenList modifiers = node switch
                {
                    BaseMethodDeclarationSyntax m => m.Modifiers,
                    LocalFunctionStatementSyntax l => l.Modifiers,
                    AnonymousFunctionExpressionSyntax a => a.Modifiers,
                    _ => default,
                };

                foreach (SyntaxToken token in modifiers)
                {
                    if (token.IsKind(SyntaxKind.AsyncKeyword))
                    {
                        return token.GetLocation();
                    }
                }

                if (node is AnonymousFunctionExpressionSyntax { AsyncKeyword: { } asyncKeyword } && asyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                {
                    return asyncKeyword.GetLocation();
                }

                return node.GetLocation();
            }
        }
    }
}
