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
using Microsoft.CodeAnalysis.Text;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Analyzers.Tests
{
    /// <summary>
    /// The analyzers skip binding bodies that cannot hold anything a rule looks for (source-text triggers) and resolve
    /// plain calls by name. Both are shortcuts for build time only: these tests run every analyzer twice on the same code,
    /// once as shipped and once with every body of simulation code bound (a banned namespace that matches nothing turns
    /// the shortcuts off), and require exactly the same diagnostics.
    /// </summary>
    public class BindingShortcutTests
    {
        private readonly ITestOutputHelper _output;

        public BindingShortcutTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Theory]
        [InlineData("Corpus")]
        [InlineData("Corpus2")]
        public async Task Shortcuts_change_no_diagnostic_on_the_corpus_games(string corpus)
        {
            string dir = Path.Combine(AppContext.BaseDirectory, corpus);
            string[] sources = Directory.GetFiles(dir, "*.cs.txt").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
            int count = await AssertSameDiagnosticsAsync(OutputKind.ConsoleApplication, sources);
            _output.WriteLine($"{count} diagnostics, the same both ways");
            Assert.True(count >= 60, "the corpus has at least 60 nondeterministic lines");
        }

        [Theory]
        [InlineData("var names = new HashSet<string>(); var order = new List<string>(); foreach (var n in names) { order.Add(n); } world.Tick = order.IndexOf(\"a\"); var q = from x in new[] { 1 } select x;", 1)]
        [InlineData("var units = new Dictionary<int, int>(); int sum = 0; foreach (var u in from x in units select x.Key) { sum += u; } world.Tick = sum;", 0)]
        [InlineData("var from = new Unit(); world.Tick = from.Team;", 0)]
        [InlineData("Half h = (Half)0.5f; world.Tick = (int)h;", 1)]
        [InlineData("world.X = Fixed64.Half; world.X += Fixed64.One;", 0)]
        [InlineData("var p = new Point(1, 2); var q = p with { Y = 3 }; world.Tick = q.GetHashCode();", 1)]
        [InlineData("world.Tick = Helpers.Twice(world.Tick) + Helpers.Seed;", 1)]
        [InlineData("world.Tick = Helpers.Twice(world.Tick);", 1)]
        [InlineData("Unit u = new Unit(); u.Step(world);", 1)]
        [InlineData("Unit u = new Unit(); world.Tick = u.Team;", 0)]
        public async Task Shortcuts_change_no_diagnostic_on_trigger_words(string stepBody, int atLeast)
        {
            string source = @"
using System;
using System.Collections.Generic;
using System.Linq;
using Rollback;

[RollbackState]
public partial class World { public int Tick; public Fixed64 X; }

public struct Pad { public bool Fire; }

public record Point(int X, int Y);

public class Unit
{
    public int Team;
    public void Step(World w) { w.Tick += (int)Math.Sqrt(w.Tick); }
}

public static class Helpers
{
    public static readonly int Seed = Environment.TickCount;
    public static int Twice(int x) => x * 2 + DateTime.Now.Second;
}

public sealed class Rules : ISimulation<World, Pad>
{
    public void Step(World world, ReadOnlySpan<Pad> inputs) { " + stepBody + @" }
    public bool IsEpisodeOver(World world) => false;
    public void ResetEpisode(World world) { }
}
";
            int count = await AssertSameDiagnosticsAsync(OutputKind.DynamicallyLinkedLibrary, source);
            Assert.True(count >= atLeast, $"expected at least {atLeast} diagnostics, got {count}");
        }

        private static async Task<int> AssertSameDiagnosticsAsync(OutputKind kind, params string[] sources)
        {
            ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(SimulationScopeAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            string[] shipped = await DiagnosticsAsync(kind, sources, analyzers, bindEverything: false);
            string[] bound = await DiagnosticsAsync(kind, sources, analyzers, bindEverything: true);
            Assert.Equal(bound, shipped);
            return shipped.Length;
        }

        private static async Task<string[]> DiagnosticsAsync(OutputKind kind, string[] sources, ImmutableArray<DiagnosticAnalyzer> analyzers, bool bindEverything)
        {
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.CSharp12), path: $"File{i}.cs"));
            var references = TestReferences.Net80Files.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(RollbackRuntime.Reference);
            CSharpCompilation user = CSharpCompilation.Create("Game", trees, references, new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(new Rollback.Generators.RollbackStateGenerator()).RunGeneratorsAndUpdateCompilation(user, out Compilation compilation, out _);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "the test source does not compile: " + string.Join(Environment.NewLine, errors.Take(5)));

            var files = bindEverything
                ? ImmutableArray.Create<AdditionalText>(new InMemoryText("RollbackBannedApis.txt", "N:No.Such.Namespace; turns the binding shortcuts off\n"))
                : ImmutableArray<AdditionalText>.Empty;
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, new AnalyzerOptions(files)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            return diagnostics.Where(d => d.Id.StartsWith("RB", StringComparison.Ordinal))
                .Select(d => d.Id + " " + d.Location.GetLineSpan() + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();
        }

        private sealed class InMemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
