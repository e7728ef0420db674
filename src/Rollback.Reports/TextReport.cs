using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>A <see cref="ForensicReport"/> as plain text for a terminal: the verdict, the differing members and the inputs around the divergence.</summary>
    public static class TextReport
    {
        /// <summary>The text.</summary>
        /// <param name="report">The report.</param>
        /// <returns>Lines ending in <c>\n</c>.</returns>
        public static string Render(ForensicReport report)
        {
            var t = new StringBuilder();
            if (report.DivergentFrame is null)
            {
                t.Append("IDENTICAL: ").Append(report.Frames.Count.ToString(CultureInfo.InvariantCulture)).Append(" frames agree (").Append(string.Join(", ", report.SeriesLabels)).Append(")\n");
                return t.ToString();
            }

            t.Append("DIVERGENCE at frame ").Append(report.DivergentFrame.Value.ToString(CultureInfo.InvariantCulture));
            t.Append(report.DivergenceSummary is null ? string.Empty : " — " + report.DivergenceSummary).Append('\n');
            if (report.StateType is not null)
            {
                t.Append("state: ").Append(report.StateType).Append('\n');
            }

            if (report.Differences.Count > 0)
            {
                int w = Math.Max(6, report.Differences.Max(d => d.Path.Length));
                int l = Math.Max(report.LeftLabel.Length, report.Differences.Max(d => d.Left.Length));
                t.Append("\ndiffering members").Append(report.DifferencesTruncated ? " (more not listed)" : string.Empty).Append(":\n");
                t.Append("  ").Append("member".PadRight(w)).Append("  ").Append(report.LeftLabel.PadRight(l)).Append("  ").Append(report.RightLabel).Append('\n');
                foreach (StateDifference d in report.Differences)
                {
                    t.Append("  ").Append(d.Path.PadRight(w)).Append("  ").Append(d.Left.PadRight(l)).Append("  ").Append(d.Right).Append('\n');
                }
            }
            else if (report.DifferencesNote is not null)
            {
                t.Append("\nmembers: ").Append(report.DifferencesNote).Append('\n');
            }

            var window = ReportBuilder.Window(report);
            if (window.Count > 0)
            {
                t.Append("\ninputs and checksums around frame ").Append(report.DivergentFrame.Value.ToString(CultureInfo.InvariantCulture)).Append(":\n");
                t.Append("   frame  ep  step  ").Append(string.Join("  ", Enumerable.Range(0, report.PlayerCount).Select(p => ("p" + p.ToString(CultureInfo.InvariantCulture)).PadRight(8))));
                t.Append("  ").Append(string.Join("  ", report.SeriesLabels.Select(s => s.PadRight(18)))).Append('\n');
                foreach (FrameRecord f in window)
                {
                    t.Append(f.Frame == report.DivergentFrame ? " > " : "   ");
                    t.Append(f.Frame.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append("  ");
                    t.Append((f.Episode?.ToString(CultureInfo.InvariantCulture) ?? "").PadLeft(2)).Append("  ");
                    t.Append((f.StepNum?.ToString(CultureInfo.InvariantCulture) ?? "").PadLeft(4)).Append("  ");
                    t.Append(string.Join("  ", Enumerable.Range(0, report.PlayerCount).Select(p => (f.Inputs is not null && p < f.Inputs.Length ? f.Inputs[p] : "-").PadRight(8))));
                    t.Append("  ").Append(string.Join("  ", f.Checksums.Select(c => (c is ulong v ? ReportBuilder.Hex(v) : "-").PadRight(18)))).Append('\n');
                }
            }

            foreach (string note in report.Notes)
            {
                t.Append("\nnote: ").Append(note).Append('\n');
            }

            return t.ToString();
        }
    }
}
