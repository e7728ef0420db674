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
            CorpusScore score = await CorpusScore.RunAsync("Corpus", "Skirmish");
            score.Report(_output);
            score.AssertRealistic();
            Assert.True(score.Recall >= 0.95, $"recall {score.Recall:P1}; missed: {string.Join(", ", score.Missed)}");
            Assert.True(score.FalseAlarms.Count == 0, "false alarms: " + string.Join(", ", score.FalseAlarms));
        }
    }

    /// <summary>
    /// Compiles one corpus folder (with the real runtime and generator), runs every determinism analyzer on it and
    /// compares the flagged lines with the lines marked <c>// NONDET</c>. <c>// LOOKALIKE</c> lines are counted.
    /// </summary>
    internal sealed class CorpusScore
    {
        private CorpusScore(int files, int lines, int marked, int lookAlikes, List<string> found, List<string> missed, List<string> falseAlarms)
        {
            Files = files;
            Lines = lines;
            Marked = marked;
            LookAlikes = lookAlikes;
            Found = found;
            Missed = missed;
            FalseAlarms = falseAlarms;
        }

        public int Files { get; }

        public int Lines { get; }

        public int Marked { get; }

        public int LookAlikes { get; }

        public List<string> Found { get; }

        /// <summary>Marked lines with no diagnostic, as <c>File:Line</c>.</summary>
        public List<string> Missed { get; }

        /// <summary>Unmarked lines with a diagnostic, as <c>File:Line: ids and messages</c>.</summary>
        public List<string> FalseAlarms { get; }

        public double Recall => Marked == 0 ? 0 : (double)Found.Count / Marked;

        public static async Task<CorpusScore> RunAsync(string folder, string assemblyName)
        {
            string dir = Path.Combine(AppContext.BaseDirectory, folder);
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
            CSharpCompilation user = CSharpCompilation.Create(assemblyName, trees, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(new Rollback.Generators.RollbackStateGenerator()).RunGeneratorsAndUpdateCompilation(user, out Compilation compilation, out ImmutableArray<Diagnostic> generatorDiagnostics);
            var errors = compilation.GetDiagnostics().Concat(generatorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, folder + " does not compile: " + string.Join(Environment.NewLine, errors.Take(10)));

            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var flagged = new Dictionary<(string File, int Line), List<Diagnostic>>();
            foreach (Diagnostic d in diagnostics.Where(d => d.Id.StartsWith("RB2", StringComparison.Ordinal)))
            {
                FileLinePositionSpan span = d.Location.GetLineSpan();
                var key = (span.Path, span.StartLinePosition.Line);
                if (!flagged.TryGetValue(key, out List<Diagnostic>? list))
                {
                    flagged[key] = list = new List<Diagnostic>();
                }

                list.Add(d);
            }

            static string Name((string File, int Line) at) => at.File + ":" + (at.Line + 1);
            var ordered = marked.OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Line).ToList();
            var found = ordered.Where(flagged.ContainsKey).Select(Name).ToList();
            var missed = ordered.Where(m => !flagged.ContainsKey(m)).Select(Name).ToList();
            var falseAlarms = flagged.Keys.Where(f => !marked.Contains(f)).OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Line)
                .Select(f => Name(f) + ": " + string.Join(" | ", flagged[f].Select(d => d.Id + " " + d.GetMessage())))
                .ToList();
            return new CorpusScore(files.Length, totalLines, marked.Count, lookAlikes, found, missed, falseAlarms);
        }

        public void Report(ITestOutputHelper output)
        {
            output.WriteLine($"corpus: {Files} files, {Lines} lines, {Marked} nondeterministic lines, {LookAlikes} look-alikes");
            output.WriteLine($"recall: {Found.Count}/{Marked} = {Recall:P1}; false alarms: {FalseAlarms.Count} lines");
            foreach (string m in Missed)
            {
                output.WriteLine("missed: " + m);
            }

            foreach (string f in FalseAlarms)
            {
                output.WriteLine("false alarm: " + f);
            }
        }

        public void AssertRealistic()
        {
            Assert.True(Lines >= 1000, "the corpus must stay a realistic size");
            Assert.True(Marked >= 60 && LookAlikes >= 100, "the corpus must keep its marked lines");
        }
    }
}
