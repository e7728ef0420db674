using System.Linq;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>
    /// Snapshot tests of the generated source for a catalogue of state shapes. Approved files live in
    /// Snapshots/ with Verify's naming; see <see cref="SnapshotApproval"/>.
    /// </summary>
    public class GeneratedSourceSnapshotTests
    {
        private static void VerifyGenerated(string source, string method)
        {
            GeneratorHarness.Result result = GeneratorHarness.Run(source);
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.CompileErrors);
            // Users build with warnings as errors: the generated code must add no warning to their build either.
            Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Id != "CS8618"));
            Assert.NotEmpty(result.Sources);
            foreach (var generated in result.Sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal))
            {
                SnapshotApproval.Verify(generated.SourceText.ToString(), nameof(GeneratedSourceSnapshotTests), method, generated.HintName);
            }
        }

        [Fact]
        public void Primitives() => VerifyGenerated(@"
using Rollback;
namespace Game
{
    public enum Mode { A, B }
    [RollbackState]
    public partial class Primitives
    {
        public byte B; public sbyte SB; public short S; public ushort US; public int I; public uint UI;
        public long L; public ulong UL; public char C; public bool Flag; public Mode Mode; public decimal Money;
        public int Score { get; set; }
        private int _hidden;
        [RollbackIgnore] public int Cache;
        public int Computed => _hidden + 1;
    }
}", nameof(Primitives));

        [Fact]
        public void UnmanagedStructsAndNullables() => VerifyGenerated(@"
using Rollback;
namespace Game
{
    public struct Vec { public int X, Y; }
    [RollbackState]
    public partial class Structs
    {
        public Vec Position;
        public Vec? Target;
        public int? Maybe;
    }
}", nameof(UnmanagedStructsAndNullables));

        [Fact]
        public void FixedSizeBuffer() => VerifyGenerated(@"
using Rollback;
namespace Game
{
    [RollbackState]
    public unsafe partial struct Grid
    {
        public fixed byte Cells[16];
    }
}", nameof(FixedSizeBuffer));

        [Fact]
        public void ArraysListsAndStrings() => VerifyGenerated(@"
using System.Collections.Generic;
using Rollback;
namespace Game
{
    [RollbackState]
    public partial class Collections
    {
        public int[] Scores = new int[2];
        public readonly long[] Fixed = new long[4];
        public List<int> Events = new List<int>();
        public string Name = """";
    }
}", nameof(ArraysListsAndStrings));

        [Fact]
        public void NestedStates() => VerifyGenerated(@"
using System.Collections.Generic;
using Rollback;
namespace Game
{
    [RollbackState] public partial struct Body { public int X; }
    [RollbackState] public partial class Unit { public int Hp; }
    [RollbackState]
    public partial class World
    {
        public Unit Leader;
        public Body Core;
        public Unit[] Units;
        public Body[] Bodies;
        public List<Unit> UnitList;
        public List<Body> BodyList;
        public Body CoreProperty { get; set; }
    }
}", nameof(NestedStates));

        [Fact]
        public void Inheritance() => VerifyGenerated(@"
using Rollback;
namespace Game
{
    [RollbackState] public partial class BaseState { public int A; }
    [RollbackState] public sealed partial class DerivedState : BaseState { public int B; }
}", nameof(Inheritance));

        [Fact]
        public void NestedInPartialTypeAndGlobalNamespace() => VerifyGenerated(@"
using Rollback;
public partial class Outer
{
    public partial struct Middle
    {
        [RollbackState] public partial class Inner { public int Value; }
    }
}
[RollbackState] public partial record GlobalRecord { public int Value { get; set; } }
", nameof(NestedInPartialTypeAndGlobalNamespace));
    }
}
