using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Analyzers.Tests
{
    /// <summary>
    /// Scores every determinism analyzer on a small game written as a team would (Corpus/*.cs.txt: a state split over
    /// types, rules, movement, combat, scoring, bots, static helpers, and a HUD and host that are not simulation code).
    /// Lines marked <c>// NONDET</c> are nondeterministic and must be flagged; every other line must not be.
    /// </summary>
    public class CorpusScoreTests
    {
        private readonly ITestOutputHelper _output;

        public CorpusScoreTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task Analyzers_find_the_nondeterministic_lines_of_a_realistic_game_without_false_alarms()
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "Corpus");
            string[] files = Directory.GetFiles(dir, "*.cs.txt").OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.CSharp12), path: Path.GetFileName(f))).ToList();
            int totalLines = trees.Sum(t => t.GetText().Lines.Count);
            var marked = new HashSet<(string File, int Line)>();
            int lookAlikes = 0;
            foreach (SyntaxTree tree in trees)
            {
                foreach (var line in tree.GetText().Lines)
                {
                    string text = line.ToString();
                    if (text.Contains("// NONDET", StringComparison.Ordinal))
                    {
                        marked.Add((tree.FilePath, line.LineNumber));
                    }
                    else if (text.Contains("// LOOKALIKE", StringComparison.Ordinal))
                    {
                        lookAlikes++;
                    }
                }
            }

            var references = TestReferences.Net80Files.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(RollbackRuntime.Reference);
            CSharpCompilation user = CSharpCompilation.Create("Skirmish", trees, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new Rollback.Generators.RollbackStateGenerator()).RunGeneratorsAndUpdateCompilation(user, out Compilation compilation, out _);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "corpus does not compile: " + string.Join(Environment.NewLine, errors.Take(10)));

            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var flagged = new HashSet<(string File, int Line)>();
            foreach (Diagnostic d in diagnostics.Where(d => d.Id.StartsWith("RB2", StringComparison.Ordinal)))
            {
                FileLinePositionSpan span = d.Location.GetLineSpan();
                flagged.Add((span.Path, span.StartLinePosition.Line));
            }

            var found = marked.Where(flagged.Contains).ToList();
            var missed = marked.Where(m => !flagged.Contains(m)).OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Line).ToList();
            var falseAlarms = flagged.Where(f => !marked.Contains(f)).OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Line).ToList();
            double recall = (double)found.Count / marked.Count;
            _output.WriteLine($"corpus: {files.Length} files, {totalLines} lines, {marked.Count} nondeterministic lines, {lookAlikes} look-alikes");
            _output.WriteLine($"recall: {found.Count}/{marked.Count} = {recall:P1}; false alarms: {falseAlarms.Count} lines");
            foreach (var m in missed)
            {
                _output.WriteLine($"missed: {m.File}:{m.Line + 1}");
            }

            foreach (var f in falseAlarms)
            {
                _output.WriteLine($"false alarm: {f.File}:{f.Line + 1}: " + string.Join(" | ", diagnostics.Where(d => d.Location.GetLineSpan().Path == f.File && d.Location.GetLineSpan().StartLinePosition.Line == f.Line).Select(d => d.Id + " " + d.GetMessage())));
            }

            Assert.True(totalLines >= 1000, "the corpus must stay a realistic size");
            Assert.True(marked.Count >= 60 && lookAlikes >= 100, "the corpus must keep its marked lines");
            Assert.True(recall >= 0.95, $"recall {recall:P1}; missed: {string.Join(", ", missed.Select(m => m.File + ":" + (m.Line + 1)))}");
            Assert.True(falseAlarms.Count == 0, "false alarms: " + string.Join(", ", falseAlarms.Select(f => f.File + ":" + (f.Line + 1))));
        }
    }
}
