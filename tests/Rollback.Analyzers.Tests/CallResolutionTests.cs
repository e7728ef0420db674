using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollback.Analyzers.Scope;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Analyzers.Tests
{
    /// <summary>
    /// The scope skips binding bodies whose only calls name lookup settles (<c>Physics.Step(...)</c>, <c>Helper(...)</c>,
    /// <c>unit.Move()</c> on a typed local). That shortcut must never change what is simulation code: every test here
    /// computes the scope both ways and requires the same members, with the same call chains.
    /// </summary>
    public class CallResolutionTests
    {
        private readonly ITestOutputHelper _output;

        public CallResolutionTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private const string Header = @"
using System;
using System.Collections.Generic;
using Rollback;
";

        private const string Simulation = @"
[RollbackState]
public partial class World { public int Tick; public Fixed64 X; }

public struct Pad { public bool Fire; }

public sealed partial class Rules : ISimulation<World, Pad>
{
    public bool IsEpisodeOver(World world) => false;
    public void ResetEpisode(World world) { }
}

public class Other { public void Push(World w) { } }
";

        [Theory]
        [InlineData("Physics.Push(world);", "static class Physics { public static void Push(World w) { w.Tick++; } }", "Physics.Push", true)]
        [InlineData("Helper(world);", "", "Rules.Helper", true)]
        [InlineData("Physics.Push(world); Physics.Push(world, 2);", "static class Physics { public static void Push(World w) { } public static void Push(World w, int n) { } }", "Physics.Push", false)]
        [InlineData("var Physics = new Other(); Physics.Push(world);", "static class Physics { public static void Push(World w) { } }", "Other.Push", false)]
        [InlineData("void Helper(World w) { } Helper(world);", "", null, false)]
        [InlineData("Action<World> a = Physics.Push; a(world);", "static class Physics { public static void Push(World w) { } }", "Physics.Push", false)]
        [InlineData("Unit u = new Unit(); u.Move();", "class Unit { public void Move() { } }", "Unit.Move", false)]
        [InlineData("Move(world);", "public class Base { public virtual void Move(World w) { } } public class Derived : Base { public override void Move(World w) { } } public partial class Rules : Base { }", "Derived.Move", true)]
        [InlineData("Tools.Count(world);", "static class Tools { public static int Count(World w) => Table.Length; } static class Table { public static readonly int Length = Environment.ProcessorCount; }", "Table.Length", true)]
        [InlineData("int Physics = 3; Physics.ToString(); Tools.Push(world);", "static class Physics { public static void Push(World w) { } } static class Tools { public static void Push(World w) { } }", "Tools.Push", false)]
        [InlineData("Geometry.Area(world);", "static class Geometry { public static int Area(World w) => Inner.Twice(w.Tick); private static class Inner { public static int Twice(int x) => x * 2; } }", "Inner.Twice", true)]
        public void Resolution_by_name_keeps_the_scope(string stepBody, string extra, string? reached, bool resolvedExpected)
        {
            string source = Header + Simulation + @"
public sealed partial class Rules
{
    public void Step(World world, ReadOnlySpan<Pad> inputs) { " + stepBody + @" }
    private static void Helper(World w) { w.Tick += 2; }
}
" + extra;
            (SimulationScope resolved, SimulationScope bound) = BothWays(source);
            AssertSameScope(resolved, bound);
            if (reached is not null)
            {
                Assert.Contains(resolved.Entries, e => Label(e) == reached);
            }

            if (resolvedExpected)
            {
                Assert.True(resolved.ResolvedBodies > 0, "the body was expected to be resolved by name");
            }
        }

        [Fact]
        public void Resolution_by_name_keeps_the_scope_of_the_corpus_game()
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "Corpus");
            string[] sources = Directory.GetFiles(dir, "*.cs.txt").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
            (SimulationScope resolved, SimulationScope bound) = BothWays(sources);
            AssertSameScope(resolved, bound);
            _output.WriteLine($"corpus: {resolved.Entries.Count()} members in scope, {resolved.ResolvedBodies} bodies resolved by name");
        }

        /// <summary>
        /// Random programs mixing the shapes name lookup can get wrong: overloads, same-named members in base types and in
        /// other types, locals and parameters named like types, method groups, instance calls on typed and untyped
        /// locals, virtual methods, nested and generic types. The scope must be the same with and without the shortcut.
        /// </summary>
        [Fact]
        public void Resolution_by_name_keeps_the_scope_of_random_programs()
        {
            int resolvedTotal = 0;
            int compiled = 0;
            for (int seed = 1; seed <= 100; seed++)
            {
                string source = RandomProgram(seed);
                (SimulationScope resolved, SimulationScope bound) = BothWays(out string? errors, source);
                if (seed <= 3 && errors is not null)
                {
                    _output.WriteLine(errors);
                }

                if (errors is not null)
                {
                    continue; // code that does not compile is not analyzed for determinism
                }

                compiled++;
                try
                {
                    AssertSameScope(resolved, bound);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"seed {seed}:{Environment.NewLine}{source}", e);
                }

                resolvedTotal += resolved.ResolvedBodies;
            }

            _output.WriteLine($"{resolvedTotal} bodies resolved by name over {compiled} programs that compile");
            Assert.True(compiled >= 30, $"only {compiled} of the random programs compile");
            Assert.True(resolvedTotal > 30, "the random programs must exercise the shortcut");
        }

        private sealed class HelperType
        {
            public string Name = "";
            public bool IsStatic;
            public bool IsSealed;
            public HelperType? Base;
            public string? Seed;
            public List<(string Name, bool IsStatic, bool IsVirtual, bool TakesCount)> Methods = new List<(string, bool, bool, bool)>();
        }

        private static string RandomProgram(int seed)
        {
            var random = new Random(seed);
            string[] names = { "Push", "Pull", "Move", "Hit", "Count" };
            var types = new List<HelperType>();
            int count = 3 + random.Next(3);
            for (int h = 0; h < count; h++)
            {
                var type = new HelperType { Name = "H" + h.ToString(CultureInfo.InvariantCulture) };
                int shape = random.Next(3);
                type.IsStatic = shape == 0;
                type.IsSealed = shape == 2;
                var bases = types.Where(t => !t.IsStatic && !t.IsSealed).ToList();
                if (!type.IsStatic && bases.Count > 0 && random.Next(2) == 0)
                {
                    type.Base = bases[random.Next(bases.Count)];
                }

                var taken = new HashSet<(string, bool)>();
                int members = 2 + random.Next(3);
                for (int m = 0; m < members; m++)
                {
                    string name = names[random.Next(names.Length)];
                    bool takesCount = random.Next(4) == 0;
                    if (!taken.Add((name, takesCount)))
                    {
                        continue;
                    }

                    bool isStatic = type.IsStatic || random.Next(2) == 0;
                    bool isVirtual = !isStatic && !type.IsSealed && random.Next(3) == 0;
                    type.Methods.Add((name, isStatic, isVirtual, takesCount));
                }

                if (random.Next(3) == 0)
                {
                    type.Seed = "Seed" + h.ToString(CultureInfo.InvariantCulture);
                }

                types.Add(type);
            }

            var sb = new StringBuilder(Header + Simulation);
            foreach (HelperType type in types)
            {
                sb.Append("public ").Append(type.IsStatic ? "static " : type.IsSealed ? "sealed " : "").Append("class ").Append(type.Name)
                    .Append(type.Base is null ? "" : " : " + type.Base.Name).Append("\n{\n");
                foreach (var method in type.Methods)
                {
                    bool overrides = method.IsVirtual && Inherits(type, method.Name, method.TakesCount);
                    sb.Append("    public ").Append(method.IsStatic ? "static " : overrides ? "override " : method.IsVirtual ? "virtual " : "new ")
                        .Append("void ").Append(method.Name).Append("(World w").Append(method.TakesCount ? ", int n" : "").Append(") { ")
                        .Append(Statement(random, types)).Append(" }\n");
                }

                if (type.Seed is not null)
                {
                    sb.Append("    public static readonly int ").Append(type.Seed).Append(" = ").Append(random.Next(2) == 0 ? "Environment.ProcessorCount" : "7").Append(";\n");
                }

                sb.Append("}\n");
            }

            sb.Append("public sealed partial class Rules\n{\n    public void Step(World world, ReadOnlySpan<Pad> inputs)\n    {\n");
            int statements = 3 + random.Next(5);
            for (int i = 0; i < statements; i++)
            {
                sb.Append("        { ").Append(Statement(random, types)).Append(" }\n");
            }

            sb.Append("    }\n    private static void Push(World w) { w.Tick++; }\n}\n");
            return sb.ToString();
        }

        private static bool Inherits(HelperType type, string name, bool takesCount)
        {
            for (HelperType? b = type.Base; b is not null; b = b.Base)
            {
                if (b.Methods.Any(m => m.Name == name && m.TakesCount == takesCount && !m.IsStatic && m.IsVirtual))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>One valid statement calling into the helper types, in one of the shapes name lookup must get right or leave alone.</summary>
        private static string Statement(Random random, List<HelperType> types)
        {
            HelperType type = types[random.Next(types.Count)];
            if (type.Methods.Count == 0)
            {
                return "Push(default!);";
            }

            var method = type.Methods[random.Next(type.Methods.Count)];
            string args = method.TakesCount ? "default!, 1" : "default!";
            string call = type.Name + "." + method.Name + "(" + args + ");";
            switch (random.Next(8))
            {
                case 0:
                    return "Push(default!);"; // Rules' own static helper
                case 1:
                    return "var " + type.Name + " = new Other(); " + type.Name + ".Push(default!);"; // a local named like the type
                case 2:
                    return "void " + method.Name + "(World x) { } " + method.Name + "(default!);"; // a local function
                case 3 when type.Seed is not null:
                    return "int v = " + type.Name + "." + type.Seed + ";";
                case 4 when method.IsStatic && !method.TakesCount:
                    return "Action<World> a = " + type.Name + "." + method.Name + "; a(default!);"; // a method group
                case 5 when !method.IsStatic && !type.IsStatic:
                    return type.Name + " local = new " + type.Name + "(); local." + method.Name + "(" + args + ");";
                case 6 when !method.IsStatic && !type.IsStatic:
                    return type.Name + " local = new " + type.Name + "(); /* " + type.Name + "." + method.Name + " */ local." + method.Name + "(" + args + ");";
                default:
                    return method.IsStatic ? call : "new " + type.Name + "()." + method.Name + "(" + args + ");";
            }
        }

        private static (SimulationScope Resolved, SimulationScope Bound) BothWays(params string[] sources)
        {
            (SimulationScope resolved, SimulationScope bound) = BothWays(out string? errors, sources);
            Assert.True(errors is null, "the test source does not compile: " + errors);
            return (resolved, bound);
        }

        private static (SimulationScope Resolved, SimulationScope Bound) BothWays(out string? errors, params string[] sources)
        {
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.CSharp12), path: $"File{i}.cs")).ToList();
            var references = TestReferences.Net80Files.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(RollbackRuntime.Reference);
            CSharpCompilation user = CSharpCompilation.Create("Game", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(new Rollback.Generators.RollbackStateGenerator()).RunGeneratorsAndUpdateCompilation(user, out Compilation compilation, out _);
            var errorList = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
            errors = errorList.Count == 0 ? null : string.Join(Environment.NewLine, errorList);
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
            var markers = SimulationMarkers.Create(compilation);
            return (
                SimulationScope.Compute(compilation, markers, options, resolveCallsByName: true, CancellationToken.None),
                SimulationScope.Compute(compilation, markers, options, resolveCallsByName: false, CancellationToken.None));
        }

        private static void AssertSameScope(SimulationScope resolved, SimulationScope bound)
        {
            static string[] Describe(SimulationScope scope) =>
                scope.Entries.Select(e => e.Symbol.ToDisplayString() + " via " + e.Chain).OrderBy(s => s, StringComparer.Ordinal).ToArray();
            string[] expected = Describe(bound);
            string[] actual = Describe(resolved);
            Assert.Equal(expected, actual);
        }

        private static string Label(ScopeEntry entry) => entry.Symbol.ContainingType?.Name + "." + entry.Symbol.Name;
    }
}
