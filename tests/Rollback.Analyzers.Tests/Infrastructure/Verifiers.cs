using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>Runs one analyzer over test sources that reference the real Rollback runtime and generator.</summary>
    public static class AnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.Net80;
                TestState.AdditionalReferences.Add(RollbackRuntime.Reference);
                TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            }

            protected override IEnumerable<System.Type> GetSourceGenerators() => RollbackRuntime.Generators;
        }
    }

    /// <summary>Runs one analyzer and one code fix over test sources that reference the real Rollback runtime and generator.</summary>
    public static class CodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

        public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = TestReferences.Net80;
                TestState.AdditionalReferences.Add(RollbackRuntime.Reference);
                TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            }

            /// <summary>Whether the [RollbackState] generator runs (off for fixes of code it rejects, such as a missing 'partial').</summary>
            public bool RunGenerator { get; set; } = typeof(TAnalyzer) != typeof(FakeNotPartialAnalyzer);

            protected override IEnumerable<System.Type> GetSourceGenerators() => RunGenerator ? RollbackRuntime.Generators : System.Array.Empty<System.Type>();

            /// <summary>Further analyzers whose diagnostics must also be gone after the fix.</summary>
            public List<DiagnosticAnalyzer> ExtraAnalyzers { get; } = new List<DiagnosticAnalyzer>();

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
            {
                foreach (DiagnosticAnalyzer analyzer in base.GetDiagnosticAnalyzers())
                {
                    yield return analyzer;
                }

                foreach (DiagnosticAnalyzer analyzer in ExtraAnalyzers)
                {
                    yield return analyzer;
                }
            }
        }
    }
}
