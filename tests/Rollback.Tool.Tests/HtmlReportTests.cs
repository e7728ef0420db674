using Rollback.Forensics;
using Rollback.Reports;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>The HTML renderer on hand-made reports: escaping, the no-divergence page, truncation and notes.</summary>
    public class HtmlReportTests
    {
        [Fact]
        public void TextFromTheGameIsEscaped()
        {
            var report = new ForensicReport { Title = "T <1>", DivergentFrame = 7, LeftLabel = "a&b", RightLabel = "c" };
            report.SeriesLabels.Add("a&b");
            report.Differences.Add(new StateDifference("Name", "\"<script>alert(1)</script>\"", "\"x\""));
            report.Notes.Add("note <i>");
            string page = HtmlReport.Render(report);
            Assert.DoesNotContain("<script>", page);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
            Assert.Contains("<title>T &lt;1&gt;</title>", page);
            Assert.Contains("<th>a&amp;b</th>", page);
            Assert.Contains("<li>note &lt;i&gt;</li>", page);
        }

        [Fact]
        public void AgreementIsSaidPlainly()
        {
            var report = new ForensicReport();
            report.SeriesLabels.Add("peer0.csv");
            report.SeriesLabels.Add("peer1.csv");
            for (int f = 0; f < 1000; f++)
            {
                var record = new FrameRecord(f, 2);
                record.Checksums[0] = (ulong)f;
                record.Checksums[1] = (ulong)f;
                report.Frames.Add(record);
            }

            string page = HtmlReport.Render(report);
            Assert.Contains("No divergence</div><div>1000 frames agree across peer0.csv, peer1.csv.", page);
            Assert.Contains("None: the sources agree.", page);
            Assert.Equal(400, System.Text.RegularExpressions.Regex.Matches(page, "<rect class=\"t-ok\"").Count);
            Assert.StartsWith("IDENTICAL: 1000 frames agree", TextReport.Render(report));
        }

        [Fact]
        public void RollbackDepthAndTruncationAreShownWhenKnown()
        {
            var report = new ForensicReport { DivergentFrame = 3, DifferencesTruncated = true };
            report.SeriesLabels.Add("peer 0");
            report.SeriesLabels.Add("peer 1");
            for (int f = 0; f < 5; f++)
            {
                var record = new FrameRecord(f, 2) { RollbackDepth = f, Confirmed = f < 4 };
                record.Checksums[0] = 1;
                record.Checksums[1] = f == 3 ? 2UL : 1UL;
                report.Frames.Add(record);
            }

            report.Differences.Add(new StateDifference("Items.Count", "1", "2", DifferenceKind.Length));
            string page = HtmlReport.Render(report);
            Assert.Contains("rollback depth (max 4)", page);
            Assert.Contains("<title>rollback depth 4</title>", page);
            Assert.Contains("<rect class=\"t-pred\"", page);
            Assert.Contains("<rect class=\"t-bad\"", page);
            Assert.Contains("More members differ than are listed.", page);
            Assert.Contains("<td>length</td>", page);
        }
    }
}
