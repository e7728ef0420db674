using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// Checks that a rule's message names the call chain from declared simulation code: the code under test is put in
    /// <c>Helper.Run(Arena s)</c>, which only <c>Rules.Step</c> calls, so every finding in it must end with
    /// "(reached from simulation code via Rules.Step → Helper.Run)".
    /// </summary>
    public static class ChainAssert
    {
        public const string Chain = " (reached from simulation code via Rules.Step \u2192 Helper.Run)";

        /// <summary>Runs <paramref name="analyzer"/> over the helper body and asserts that it reports, each time with the chain.</summary>
        public static async Task ReportsWithChainAsync(DiagnosticAnalyzer analyzer, string helperBody, string extraTypes = "", int expectedCount = 1)
        {
            string source = @"
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public List<int> Events = new List<int>();
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs) { Helper.Run(s); }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}

public static class Helper
{
    public static void Run(Arena s)
    {
" + helperBody + @"
    }
}
" + extraTypes;
            await SourceReportsWithChainAsync(analyzer, source, Chain, expectedCount);
        }

        /// <summary>Runs <paramref name="analyzer"/> over <paramref name="source"/> and asserts that every finding ends with <paramref name="chain"/>.</summary>
        public static async Task SourceReportsWithChainAsync(DiagnosticAnalyzer analyzer, string source, string chain, int expectedCount)
        {
            var references = TestReferences.Net80Files.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(RollbackRuntime.Reference);
            CSharpCompilation user = CSharpCompilation.Create(
                "ChainCheck",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: "Game.cs") },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(new Rollback.Generators.RollbackStateGenerator()).RunGeneratorsAndUpdateCompilation(user, out Compilation compilation, out _);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "test source does not compile: " + string.Join(Environment.NewLine, errors));

            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.Equal(expectedCount, diagnostics.Length);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                Assert.EndsWith(chain, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }
    }
}
