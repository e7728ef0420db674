using System.Linq;
using Microsoft.CodeAnalysis;
using Rollback.Generators.Model;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>The schema id in the snapshot header changes with any layout change, so old snapshots are refused.</summary>
    public class SchemaTests
    {
        private static ulong SchemaOf(string source, string typeName)
        {
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(source));
            return driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Models]
                .SelectMany(s => s.Outputs).Select(o => o.Value).OfType<StateModel>().Single(m => m.Name == typeName).SchemaId;
        }

        private const string Source = @"
using Rollback;
namespace Game
{
    [RollbackState] public partial struct Cell { public int Value; }
    [RollbackState] public partial class Unit { public int Hp; }
    [RollbackState] public partial class BaseWorld { public int Seed; }
    [RollbackState] public partial class World : BaseWorld { public Cell[] Cells; public Unit Leader; public int Score; }
}";

        [Theory]
        [InlineData("public int Score;", "public long Score;")]
        [InlineData("public int Score;", "public int Points;")]
        [InlineData("public Cell[] Cells; public Unit Leader;", "public Unit Leader; public Cell[] Cells;")]
        [InlineData("public partial struct Cell { public int Value; }", "public partial struct Cell { public int Value; public int Extra; }")]
        [InlineData("public partial class Unit { public int Hp; }", "public partial class Unit { public short Hp; }")]
        [InlineData("public partial class BaseWorld { public int Seed; }", "public partial class BaseWorld { public uint Seed; }")]
        public void AnyLayoutChangeChangesTheSchemaId(string before, string after)
        {
            Assert.Contains(before, Source);
            Assert.NotEqual(SchemaOf(Source, "World"), SchemaOf(Source.Replace(before, after), "World"));
        }

        [Fact]
        public void TheSchemaIdIgnoresFormattingAndComputedMembers()
        {
            string reformatted = Source.Replace("public int Score;", "public int Score; // comment\n public int Twice => Score * 2;");
            Assert.Equal(SchemaOf(Source, "World"), SchemaOf(reformatted, "World"));
        }
    }
}
