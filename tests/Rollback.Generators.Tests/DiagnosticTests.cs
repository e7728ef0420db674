using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>One test per generator diagnostic: the ID, the severity, the member's location and a message that says what to do.</summary>
    public class DiagnosticTests
    {
        private static Diagnostic Single(string source, string id)
        {
            GeneratorHarness.Result result = GeneratorHarness.Run(source);
            Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            // Nothing is generated for the type with errors: never a partial snapshot.
            Assert.DoesNotContain(result.Sources, s => s.HintName == "Game.S.g.cs" || s.HintName == "Game.Outer.S.g.cs");
            s_lastSource = source;
            Assert.Equal($"https://github.com/rollback-dotnet/rollback/blob/main/docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri);
            return diagnostic;
        }

        private static string s_lastSource = string.Empty;

        private static string LocatedText(Diagnostic d)
        {
            Assert.EndsWith("Source0.cs", d.Location.GetLineSpan().Path);
            return s_lastSource.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
        }

        private static string State(string members, string modifiers = "public partial class") =>
            "using System; using System.Collections.Generic; using Rollback;\nnamespace Game {\n[RollbackState]\n" + modifiers + " S\n{\n" + members + "\n}\n}";

        [Fact]
        public void RB1001_TypeNotPartial()
        {
            Diagnostic d = Single(State("public int A;", "public class"), "RB1001");
            Assert.Equal("S", LocatedText(d));
            Assert.Contains("add the 'partial' modifier", d.GetMessage());
        }

        [Fact]
        public void RB1002_ReadonlyFieldThatIsNotAnArray()
        {
            Diagnostic d = Single(State("public readonly int Speed;"), "RB1002");
            Assert.Equal("Speed", LocatedText(d));
            Assert.Contains("remove 'readonly'", d.GetMessage());
        }

        [Theory]
        [InlineData("public int Hp { get; }")]
        [InlineData("public int Hp { get; init; }")]
        public void RB1003_GetOnlyOrInitOnlyAutoProperty(string member)
        {
            Diagnostic d = Single(State(member), "RB1003");
            Assert.Equal("Hp", LocatedText(d));
            Assert.Contains("give it a setter", d.GetMessage());
        }

        [Theory]
        [InlineData("public unsafe int* Ptr;", "a pointer")]
        [InlineData("public Action Callback;", "a delegate")]
        [InlineData("public event Action Changed;", "an event")]
        [InlineData("public object Anything;", "object")]
        [InlineData("public IDisposable Resource;", "an interface")]
        public void RB1004_UnsupportedMemberKinds(string member, string kind)
        {
            Diagnostic d = Single(State(member), "RB1004");
            Assert.Contains(kind, d.GetMessage());
            Assert.Contains("[RollbackIgnore]", d.GetMessage());
        }

        [Fact]
        public void RB1005_ClassFieldThatIsNotAState()
        {
            Diagnostic d = Single("using Rollback; namespace Game { public class Helper { public int X; } [RollbackState] public partial class S { public Helper Help; } }", "RB1005");
            Assert.Equal("Help", LocatedText(d));
            Assert.Contains("mark 'global::Game.Helper' [RollbackState]", d.GetMessage());
        }

        [Theory]
        [InlineData("public Dictionary<int, int> Map;")]
        [InlineData("public HashSet<int> Set;")]
        [InlineData("public Queue<int> Q;")]
        [InlineData("public int[,] Grid;")]
        [InlineData("public int[][] Jagged;")]
        [InlineData("public List<string> Names;")]
        public void RB1006_UnsupportedCollections(string member)
        {
            Diagnostic d = Single(State(member), "RB1006");
            Assert.Contains("List<T>", d.GetMessage());
        }

        [Theory]
        [InlineData("public int Frame;")]
        [InlineData("public int StepNum { get; set; }")]
        [InlineData("public int Episode;")]
        public void RB1007_MemberCollidesWithCounter(string member)
        {
            Diagnostic d = Single(State(member), "RB1007");
            Assert.Contains("rename it", d.GetMessage());
        }

        [Fact]
        public void RB1008_GenericStateType()
        {
            Diagnostic d = Single("using Rollback; namespace Game { [RollbackState] public partial class S<T> { public int A; } }", "RB1008");
            Assert.Contains("non-generic", d.GetMessage());
        }

        [Fact]
        public void RB1009_ContainingTypeNotPartial()
        {
            Diagnostic d = Single("using Rollback; namespace Game { public class Outer { [RollbackState] public partial class S { public int A; } } }", "RB1009");
            Assert.Equal("Outer", LocatedText(d));
        }

        [Fact]
        public void RB1010_BaseClassNotAState()
        {
            Diagnostic d = Single("using Rollback; namespace Game { public class B { public int Hidden; } [RollbackState] public partial class S : B { public int A; } }", "RB1010");
            Assert.Contains("would be missing from snapshots", d.GetMessage());
        }

        [Fact]
        public void RB1011_NestedStateWithoutParameterlessConstructor()
        {
            Diagnostic d = Single("using Rollback; namespace Game { [RollbackState] public partial class U { public U(int x) { } public int A; } [RollbackState] public partial class S { public U Unit; } }", "RB1011");
            Assert.Equal("Unit", LocatedText(d));
        }

        [Theory]
        [InlineData("public readonly partial struct", "readonly struct")]
        [InlineData("public ref partial struct", "ref struct")]
        [InlineData("public static partial class", "static class")]
        public void RB1012_UnsupportedTypeKinds(string modifiers, string kind)
        {
            string source = modifiers.Contains("static") ? State("", modifiers) : State("public int A;", modifiers);
            Diagnostic d = Single(source, "RB1012");
            Assert.Contains(kind, d.GetMessage());
        }

        [Fact]
        public void IgnoredMembersAreNotDiagnosed()
        {
            GeneratorHarness.Result result = GeneratorHarness.Run(State("[RollbackIgnore] public Dictionary<int,int> Cache; [RollbackIgnore] public object Tag; public int A;"));
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Equal(2, result.Sources.Length); // the snapshot file and the differences file
            Assert.Empty(result.CompileErrors);
        }

        [Fact]
        public void EveryDiagnosticIsReportedNotJustTheFirst()
        {
            GeneratorHarness.Result result = GeneratorHarness.Run(State("public readonly int A; public object B; public int Frame;"));
            Assert.Equal(new[] { "RB1002", "RB1004", "RB1007" }, result.GeneratorDiagnostics.Select(d => d.Id).OrderBy(x => x).ToArray());
        }
    }
}
