using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Rollback.Runtime.Tests.Generated;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Sessions
{
    public class CsvExporterTests
    {
        private static string Export(LateScenario scenario)
        {
            var text = new StringWriter();
            scenario.Build();
            var csv = new CsvExporter<ManualState, TestInput>(scenario.Engine, text, leaveOpen: true)
                .AddColumn("score", (in ConfirmedFrame<ManualState, TestInput> f, CsvField c) => c.Write(f.State.Score))
                .AddColumn("reward", (in ConfirmedFrame<ManualState, TestInput> f, CsvField c) => c.Write(f.State.LastReward));
            scenario.Run();
            csv.Dispose();
            return text.ToString();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void TwoPeersWithDifferentLateness_WriteByteIdenticalFiles(int seed)
        {
            // Peer A owns player 0 and receives player 1 late; peer B the other way round, with other delays.
            var a = new LateScenario { Seed = seed, LatenessSeed = seed * 31, Players = 2, LocalPlayers = new[] { 0 }, MaxLate = 10, Frames = 400, MaxSteps = 25, TargetScore = 12 };
            var b = new LateScenario { Seed = seed, LatenessSeed = seed * 57 + 1, Players = 2, LocalPlayers = new[] { 1 }, MaxLate = 4, Frames = 400, MaxSteps = 25, TargetScore = 12 };
            string fileA = Export(a);
            string fileB = Export(b);

            Assert.True(a.Engine.Statistics.Rollbacks > 0 && b.Engine.Statistics.Rollbacks > 0);
            Assert.Equal(401, fileA.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(fileA, fileB);
            Assert.DoesNotContain("\r", fileA);
        }

        [Fact]
        public void Rows_HaveTheDocumentedColumns_InvariantCulture_AndQuoting()
        {
            CultureInfo previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                var session = new LocalSession<Arena, Pad>(new ArenaRules(), () => new Arena(), 2);
                var text = new StringWriter();
                using (var csv = new CsvExporter<Arena, Pad>(session, text, leaveOpen: true)
                    .AddColumn("reward", (in ConfirmedFrame<Arena, Pad> f, CsvField c) => c.Write(f.State.LastReward))
                    .AddColumn("note", (in ConfirmedFrame<Arena, Pad> f, CsvField c) => c.Write("a,\"b\""))
                    .AddColumn("big", (in ConfirmedFrame<Arena, Pad> f, CsvField c) => c.Write(-1234567L)))
                {
                    session.AdvanceFrame(new[] { new Pad(1, -1, 1), new Pad(0, 0, 0) });
                    session.AdvanceFrame(new[] { new Pad(0, 0, 0), new Pad(-1, 0, 1) });
                    Assert.Equal(2, csv.Rows);
                }

                string[] lines = text.ToString().Split('\n');
                Assert.Equal("frame,episode,step,input_0,input_1,checksum,reward,note,big", lines[0]);
                string[] row = lines[1].Split(',');
                Assert.Equal(new[] { "0", "0", "1", "01ff01", "000000" }, row.Take(5).ToArray());
                Assert.Matches("^[0-9a-f]{16}$", row[5]);
                Assert.EndsWith(",\"a,\"\"b\"\"\",-1234567", lines[1]);
                Assert.Equal(string.Empty, lines[3]);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        [Fact]
        public void AddingAColumnAfterTheFirstRow_Throws()
        {
            var session = new LocalSession<Arena, Pad>(new ArenaRules(), () => new Arena(), 2);
            var csv = new CsvExporter<Arena, Pad>(session, new StringWriter());
            session.AdvanceFrame(new Pad[2]);
            Assert.Throws<InvalidOperationException>(() => csv.AddColumn("late", (in ConfirmedFrame<Arena, Pad> f, CsvField c) => c.Write(1L)));
        }
    }
}
