using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollback.Generators.Model;
using Xunit;

namespace Rollback.Generators.Tests
{
    public class IncrementalityTests
    {
        private const string StateSource = @"
using Rollback;
namespace Game
{
    [RollbackState]
    public partial class Arena { public int Score; public int[] Cells = new int[4]; }
}";

        private const string OtherSource = @"
namespace Game
{
    public static class Helpers { public static int Twice(int x) => x * 2; }
}";

        private static readonly string[] TrackedSteps = { TrackingNames.Results, TrackingNames.Models, TrackingNames.Diagnostics };

        [Fact]
        public void AnEditOutsideStateTypesLeavesEveryStepCached()
        {
            CSharpCompilation compilation = GeneratorHarness.Compile(StateSource, OtherSource);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

            SyntaxTree other = compilation.SyntaxTrees.Last();
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(
                other,
                CSharpSyntaxTree.ParseText(OtherSource.Replace("x * 2", "x + x") + "\n// edited", GeneratorHarness.ParseOptions, path: other.FilePath));
            driver = driver.RunGenerators(edited);

            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            Assert.Contains(TrackingNames.Results, run.TrackedSteps.Keys);
            foreach (string step in TrackedSteps.Where(run.TrackedSteps.ContainsKey))
            {
                foreach (IncrementalGeneratorRunStep s in run.TrackedSteps[step])
                {
                    foreach (var (_, reason) in s.Outputs)
                    {
                        Assert.True(reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged, $"{step} was {reason}");
                    }
                }
            }

            Assert.All(run.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs),
                o => Assert.True(o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        }

        [Fact]
        public void AnEditToAStateTypeRegenerates()
        {
            CSharpCompilation compilation = GeneratorHarness.Compile(StateSource, OtherSource);
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
            SyntaxTree state = compilation.SyntaxTrees.First();
            CSharpCompilation edited = compilation.ReplaceSyntaxTree(
                state,
                CSharpSyntaxTree.ParseText(StateSource.Replace("public int Score;", "public int Score; public long Extra;"), GeneratorHarness.ParseOptions, path: state.FilePath));
            driver = driver.RunGenerators(edited);
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            Assert.Contains(run.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.All(run.GeneratedSources, s => Assert.Contains("Extra", s.SourceText.ToString()));
        }

        [Fact]
        public void TheModelHoldsNoSymbolsSyntaxOrLocations()
        {
            // Walk every type reachable from the pipeline's result model and refuse Roslyn's symbol, syntax and location types.
            var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(Compilation) };
            var seen = new System.Collections.Generic.HashSet<Type>();
            void Walk(Type type)
            {
                if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
                {
                    return;
                }

                Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
                if (type == typeof(DiagnosticDescriptor))
                {
                    return; // descriptors are static, shared and compare by value
                }

                foreach (Type arg in type.GetGenericArguments())
                {
                    Walk(arg);
                }

                foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    Walk(field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType);
                }
            }

            Walk(typeof(StateResult));
            Assert.Contains(typeof(MemberModel), seen);
        }

        [Fact]
        public void EqualSourcesGiveEqualModels()
        {
            StateModel? a = GeneratorHarnessModels.ModelOf(StateSource);
            StateModel? b = GeneratorHarnessModels.ModelOf(StateSource + "\n// trailing comment");
            Assert.NotNull(a);
            Assert.Equal(a, b);
            Assert.NotEqual(a, GeneratorHarnessModels.ModelOf(StateSource.Replace("Score", "Points")));
        }
    }

    internal static class GeneratorHarnessModels
    {
        public static StateModel? ModelOf(string source)
        {
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(source));
            GeneratorRunResult run = driver.GetRunResult().Results.Single();
            return run.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<StateModel>().SingleOrDefault();
        }
    }
}
