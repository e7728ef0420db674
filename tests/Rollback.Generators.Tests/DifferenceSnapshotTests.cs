using System.Linq;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>Approved output of the differences file for a state that uses every member kind.</summary>
    public class DifferenceSnapshotTests
    {
        [Fact]
        public void EveryMemberKind()
        {
            GeneratorHarness.Result result = GeneratorHarness.Run(@"
using System.Collections.Generic;
using Rollback;
namespace Game
{
    public enum Mode { A, B }
    public struct Vec { public int X, Y; }
    [RollbackState] public partial struct Cell { public Vec At; public Mode Mode; }
    [RollbackState] public partial class Unit { public int Hp; }
    [RollbackState]
    public unsafe partial struct Grid { public fixed short Cells[4]; }
    [RollbackState]
    public sealed partial class Match
    {
        public Fixed64 Speed;
        public Vec? Target;
        public string Name = """";
        public int[] Scores = new int[2];
        public List<long> Log = new List<long>();
        public Unit Leader;
        public Cell Home;
        public Unit[] Units = new Unit[2];
        public Cell[] Cells = new Cell[2];
        public List<Unit> Reserve = new List<Unit>();
        public List<Cell> Path = new List<Cell>();
        public Grid Board;
        public Mode Mode { get; set; }
    }
}");
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.CompileErrors);
            Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Id != "CS8618"));
            var files = result.Sources.Where(s => s.HintName.EndsWith(".Differences.g.cs", System.StringComparison.Ordinal)).OrderBy(s => s.HintName, System.StringComparer.Ordinal).ToArray();
            Assert.Equal(4, files.Length);
            foreach (var generated in files)
            {
                SnapshotApproval.Verify(generated.SourceText.ToString(), nameof(DifferenceSnapshotTests), nameof(EveryMemberKind), generated.HintName);
            }
        }
    }
}
