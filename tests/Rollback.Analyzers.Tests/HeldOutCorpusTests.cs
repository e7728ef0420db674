using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Analyzers.Tests
{
    /// <summary>
    /// Scores every determinism analyzer on a second game written in other styles than the first corpus (Corpus2: an
    /// entity-component layout with systems held by the simulation, records and record structs, LINQ, local functions,
    /// extension methods, generic helpers, comparers, frozen and immutable dictionaries, partial types over files,
    /// static constructors, events, async helpers, and a renderer, inspector, replay tool and host that are not
    /// simulation code). Lines marked <c>// NONDET</c> must be flagged; every other line must not be.
    /// </summary>
    public class HeldOutCorpusTests
    {
        private readonly ITestOutputHelper _output;

        public HeldOutCorpusTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public async Task Analyzers_find_the_nondeterministic_lines_of_a_game_in_other_styles_without_false_alarms()
        {
            CorpusScore score = await CorpusScore.RunAsync("Corpus2", "Outpost");
            score.Report(_output);
            score.AssertRealistic();
            Assert.True(score.Recall >= 0.95, $"recall {score.Recall:P1}; missed: {string.Join(", ", score.Missed)}");
            Assert.True(score.FalseAlarms.Count == 0, "false alarms: " + string.Join(", ", score.FalseAlarms));
        }
    }
}
