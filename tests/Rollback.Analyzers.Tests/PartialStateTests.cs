using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using PartialFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Tests.Infrastructure.FakeNotPartialAnalyzer, Rollback.Analyzers.CodeFixes.PartialStateCodeFixProvider>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB1001/RB1009: the "Add 'partial'" fix for [RollbackState] types and their containing types.</summary>
    public partial class PartialStateTests
    {
        [Fact]
        public async Task Adds_partial_to_state_type()
        {
            const string fixedCode = @"
using Rollback;

[RollbackState]
public sealed partial class Arena
{
    public int Score;
}

[RollbackState]
partial struct Cell
{
    public int X;
}
";
            await PartialFix.VerifyAsync(@"
using Rollback;

[RollbackState]
public sealed class {|RB1001:Arena|}
{
    public int Score;
}

[RollbackState]
struct {|RB1001:Cell|}
{
    public int X;
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Adds_partial_to_containing_types_too() => PartialFix.VerifyAsync(@"
using Rollback;

public static class Game
{
    [RollbackState]
    public class {|RB1001:Arena|}
    {
        public int Score;
    }
}
", @"
using Rollback;

public static partial class Game
{
    [RollbackState]
    public partial class Arena
    {
        public int Score;
    }
}
");

        [Fact]
        public void The_generator_reports_RB1001_and_RB1009_only_for_types_that_are_not_partial()
        {
            // The fixer's diagnostics come from the real generator: a non-partial state type, or a partial one inside a
            // non-partial type, is reported; partial state types and ordinary classes (the look-alikes) are not.
            var diagnostics = GeneratorDiagnostics(@"
using Rollback;

[RollbackState]
public sealed class NotPartial { public int Score; }

public static class Outer
{
    [RollbackState]
    public partial class Inner { public int Score; }
}

[RollbackState]
public partial class Fine { public int Score; }

public sealed class Plain { public int Score; }

public static partial class Container
{
    [RollbackState]
    public partial struct Nested { public int X; }
}
");
            Assert.Equal(new[] { "RB1001 NotPartial", "RB1009 Outer" }, diagnostics);
        }

        private static string[] GeneratorDiagnostics(string source)
        {
            var references = TestReferences.Net80Files.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(RollbackRuntime.Reference);
            CSharpCompilation compilation = CSharpCompilation.Create(
                "PartialCheck",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new Rollback.Generators.RollbackStateGenerator()).RunGenerators(compilation);
            return driver.GetRunResult().Diagnostics
                .Where(d => d.Id is "RB1001" or "RB1009")
                .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1])
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToArray();
        }
    }
}
