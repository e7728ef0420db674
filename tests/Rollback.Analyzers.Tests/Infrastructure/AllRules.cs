using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Rules;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>Runs every determinism analyzer at once, to prove fixed code has no RB diagnostic left.</summary>
    public static class AllRules
    {
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
            new WallClockAnalyzer(),
            new RandomnessAnalyzer(),
            new FloatingPointAnalyzer(),
            new HashOrderAnalyzer(),
            new ConcurrencyAnalyzer(),
            new EnvironmentAnalyzer(),
            new StaticStateAnalyzer(),
            new CultureAnalyzer(),
            new BannedApiAnalyzer(),
            new OutsideStateAnalyzer(),
            new ReflectionOrderAnalyzer());

        public static Task VerifyCleanAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private sealed class Test : CSharpAnalyzerTest<WallClockAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.Net80;
                TestState.AdditionalReferences.Add(RollbackRuntime.Reference);
                TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            }

            protected override IEnumerable<System.Type> GetSourceGenerators() => RollbackRuntime.Generators;

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
        }
    }

    /// <summary>Stands in for the generator's RB1001 in tests: a [RollbackState] type that is not partial.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FakeNotPartialAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
            "RB1001", "[RollbackState] type must be partial", "'{0}' is marked [RollbackState] but is not partial", "RollbackState", DiagnosticSeverity.Error, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                c =>
                {
                    var type = (INamedTypeSymbol)c.Symbol;
                    bool marked = false;
                    foreach (AttributeData attribute in type.GetAttributes())
                    {
                        marked |= attribute.AttributeClass?.ToDisplayString() == "Rollback.RollbackStateAttribute";
                    }

                    if (!marked)
                    {
                        return;
                    }

                    foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(c.CancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration &&
                            !declaration.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Rule, declaration.Identifier.GetLocation(), type.Name));
                        }
                    }
                },
                SymbolKind.NamedType);
        }
    }
}
