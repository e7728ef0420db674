using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>
    /// Renders a <see cref="ForensicReport"/> as one self-contained HTML page: inline CSS and SVG, no script, no
    /// font or image from the network. Sections: the verdict, a timeline of every frame (agreement, divergence,
    /// rollback depth where known), the differing members as a table, the checksums and inputs of the frames
    /// around the divergence, the settings and notes. Sized for a laptop screen.
    /// </summary>
    public static class HtmlReport
    {
        private const int TimelineBuckets = 400;

        /// <summary>Writes the page to a file.</summary>
        /// <param name="report">The report.</param>
        /// <param name="path">The .html file.</param>
        /// <returns>The full path written.</returns>
        public static string Write(ForensicReport report, string path)
        {
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(full, Render(report), new UTF8Encoding(false));
            return full;
        }

        /// <summary>The page's HTML.</summary>
        /// <param name="report">The report.</param>
        /// <returns>The HTML text.</returns>
        public static string Render(ForensicReport report)
        {
            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            var h = new StringBuilder();
            h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            h.Append("<title>").Append(E(report.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
            h.Append("<h1>").Append(E(report.Title)).Append("</h1>\n");
            Verdict(h, report);
            Timeline(h, report);
            Differences(h, report);
            Frames(h, report);
            Details(h, report);
            h.Append("</main>\n</body>\n</html>\n");
            return h.ToString();
        }

        private static void Verdict(StringBuilder h, ForensicReport report)
        {
            if (report.DivergentFrame is int frame)
            {
                h.Append("<section id=\"verdict\" class=\"verdict bad\"><div class=\"big\">Divergence at frame <span id=\"divergent-frame\">")
                    .Append(N(frame)).Append("</span></div>");
                if (report.DivergenceSummary is not null)
                {
                    h.Append("<div>").Append(E(report.DivergenceSummary)).Append("</div>");
                }

                if (report.Differences.Count > 0)
                {
                    StateDifference first = report.Differences[0];
                    h.Append("<div>First differing member: <code class=\"member\">").Append(E(first.Path)).Append("</code> — ")
                        .Append(E(report.LeftLabel)).Append(" <code>").Append(E(first.Left)).Append("</code>, ")
                        .Append(E(report.RightLabel)).Append(" <code>").Append(E(first.Right)).Append("</code></div>");
                }

                h.Append("</section>\n");
            }
            else
            {
                h.Append("<section id=\"verdict\" class=\"verdict good\"><div class=\"big\">No divergence</div><div>")
                    .Append(N(report.Frames.Count)).Append(" frames agree")
                    .Append(report.SeriesLabels.Count > 0 ? " across " + E(string.Join(", ", report.SeriesLabels)) : string.Empty)
                    .Append(".</div></section>\n");
            }

            h.Append("<dl class=\"facts\">");
            if (report.StateType is not null)
            {
                h.Append("<dt>State</dt><dd><code>").Append(E(report.StateType)).Append("</code></dd>");
            }

            if (report.Frames.Count > 0)
            {
                h.Append("<dt>Frames</dt><dd>").Append(N(report.Frames[0].Frame)).Append(" – ").Append(N(report.Frames[report.Frames.Count - 1].Frame)).Append("</dd>");
            }

            h.Append("<dt>Players</dt><dd>").Append(N(report.PlayerCount)).Append("</dd>");
            foreach (string source in report.Sources)
            {
                h.Append("<dt>Source</dt><dd>").Append(E(source)).Append("</dd>");
            }

            h.Append("</dl>\n");
        }

        private static void Timeline(StringBuilder h, ForensicReport report)
        {
            h.Append("<section id=\"timeline\"><h2>Timeline</h2>\n");
            if (report.Frames.Count == 0)
            {
                h.Append("<p>No frames.</p></section>\n");
                return;
            }

            int first = report.Frames[0].Frame;
            int last = report.Frames[report.Frames.Count - 1].Frame;
            int span = last - first + 1;
            int buckets = Math.Min(TimelineBuckets, span);
            double perBucket = (double)span / buckets;
            var state = new int[buckets];      // 0 none, 1 agree, 2 single series, 3 predicted, 4 diverged
            var depth = new int[buckets];
            int maxDepth = 0;
            foreach (FrameRecord f in report.Frames)
            {
                int b = Math.Min(buckets - 1, (int)((f.Frame - first) / perBucket));
                int known = f.Checksums.Count(c => c is not null);
                int s = f.Diverges || f.Frame == report.DivergentFrame ? 4 : !f.Confirmed ? 3 : known >= 2 ? 1 : known == 1 ? 2 : 0;
                state[b] = Math.Max(state[b], s);
                depth[b] = Math.Max(depth[b], f.RollbackDepth ?? 0);
                maxDepth = Math.Max(maxDepth, f.RollbackDepth ?? 0);
            }

            h.Append("<svg class=\"timeline\" viewBox=\"0 0 ").Append(N(buckets)).Append(" 40\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"frames ")
                .Append(N(first)).Append(" to ").Append(N(last)).Append("\">");
            for (int b = 0; b < buckets; b++)
            {
                int from = first + (int)(b * perBucket);
                int to = Math.Max(from, first + (int)((b + 1) * perBucket) - 1);
                string css = state[b] switch { 4 => "t-bad", 3 => "t-pred", 2 => "t-one", 1 => "t-ok", _ => "t-none" };
                h.Append("<rect class=\"").Append(css).Append("\" x=\"").Append(N(b)).Append("\" y=\"14\" width=\"1.02\" height=\"26\"><title>frames ")
                    .Append(N(from)).Append(from == to ? string.Empty : "–" + N(to)).Append("</title></rect>");
                if (depth[b] > 0 && maxDepth > 0)
                {
                    double height = 12.0 * depth[b] / maxDepth;
                    h.Append("<rect class=\"t-depth\" x=\"").Append(N(b)).Append("\" y=\"").Append(D(13 - height)).Append("\" width=\"1.02\" height=\"").Append(D(height))
                        .Append("\"><title>rollback depth ").Append(N(depth[b])).Append("</title></rect>");
                }
            }

            if (report.DivergentFrame is int divergent && divergent >= first && divergent <= last)
            {
                double width = Math.Max(0.12, buckets / 250.0);
                double x = Math.Min(buckets - 1, (int)((divergent - first) / perBucket)) + 0.5 - (width / 2);
                h.Append("<rect class=\"t-mark\" x=\"").Append(D(x)).Append("\" y=\"0\" width=\"").Append(D(width)).Append("\" height=\"14\"><title>divergence at frame ")
                    .Append(N(divergent)).Append("</title></rect>");
            }

            h.Append("</svg>\n<div class=\"axis\"><span>frame ").Append(N(first)).Append("</span>");
            if (report.DivergentFrame is int d)
            {
                h.Append("<span class=\"bad-text\">▲ divergence at frame ").Append(N(d)).Append("</span>");
            }

            h.Append("<span>frame ").Append(N(last)).Append("</span></div>\n");
            h.Append("<div class=\"legend\"><span class=\"sw t-ok\"></span>confirmed, checksums agree <span class=\"sw t-one\"></span>one source only <span class=\"sw t-pred\"></span>predicted <span class=\"sw t-bad\"></span>diverged");
            if (maxDepth > 0)
            {
                h.Append(" <span class=\"sw t-depth\"></span>rollback depth (max ").Append(N(maxDepth)).Append(')');
            }
            else
            {
                h.Append(" · rollbacks: not recorded by these sources");
            }

            h.Append("</div></section>\n");
        }

        private static void Differences(StringBuilder h, ForensicReport report)
        {
            h.Append("<section id=\"differences\"><h2>Differing members</h2>\n");
            if (report.Differences.Count == 0)
            {
                h.Append("<p>").Append(E(report.DifferencesNote ?? (report.DivergentFrame is null ? "None: the sources agree." : "Not known."))).Append("</p></section>\n");
                return;
            }

            h.Append("<table class=\"diff\"><thead><tr><th>member</th><th>").Append(E(report.LeftLabel)).Append("</th><th>").Append(E(report.RightLabel))
                .Append("</th><th>kind</th></tr></thead><tbody>\n");
            foreach (StateDifference d in report.Differences)
            {
                h.Append("<tr><td class=\"member\"><code>").Append(E(d.Path)).Append("</code></td><td class=\"left\"><code>").Append(E(d.Left))
                    .Append("</code></td><td class=\"right\"><code>").Append(E(d.Right)).Append("</code></td><td>").Append(Kind(d.Kind)).Append("</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
            if (report.DifferencesTruncated)
            {
                h.Append("<p>More members differ than are listed.</p>\n");
            }

            h.Append("</section>\n");
        }

        private static void Frames(StringBuilder h, ForensicReport report)
        {
            var window = ReportBuilder.Window(report);
            h.Append("<section id=\"frames\"><h2>")
                .Append(report.DivergentFrame is null ? "Last frames" : "Checksums and inputs around the divergence").Append("</h2>\n");
            if (window.Count == 0)
            {
                h.Append("<p>No frames.</p></section>\n");
                return;
            }

            h.Append("<div class=\"scroll\"><table class=\"frames\"><thead><tr><th>frame</th><th>episode</th><th>step</th>");
            foreach (string label in report.SeriesLabels)
            {
                h.Append("<th>checksum<br>").Append(E(label)).Append("</th>");
            }

            for (int p = 0; p < report.PlayerCount; p++)
            {
                h.Append("<th>input p").Append(N(p)).Append("</th>");
            }

            h.Append("</tr></thead><tbody>\n");
            foreach (FrameRecord f in window)
            {
                bool bad = f.Frame == report.DivergentFrame;
                h.Append(bad ? "<tr class=\"divergent\">" : "<tr>").Append("<td>").Append(N(f.Frame)).Append("</td><td>").Append(f.Episode is int e ? N(e) : "")
                    .Append("</td><td>").Append(f.StepNum is int s ? N(s) : "").Append("</td>");
                foreach (ulong? c in f.Checksums)
                {
                    h.Append("<td><code>").Append(c is ulong v ? ReportBuilder.Hex(v) : "—").Append("</code></td>");
                }

                for (int p = 0; p < report.PlayerCount; p++)
                {
                    h.Append("<td><code>").Append(f.Inputs is not null && p < f.Inputs.Length ? E(f.Inputs[p]) : "—").Append("</code></td>");
                }

                h.Append("</tr>\n");
            }

            h.Append("</tbody></table></div></section>\n");
        }

        private static void Details(StringBuilder h, ForensicReport report)
        {
            if (report.Notes.Count > 0)
            {
                h.Append("<section id=\"notes\"><h2>Notes</h2><ul>");
                foreach (string note in report.Notes)
                {
                    h.Append("<li>").Append(E(note)).Append("</li>");
                }

                h.Append("</ul></section>\n");
            }

            if (report.Settings.Count > 0)
            {
                h.Append("<section id=\"settings\"><h2>Session settings</h2><table class=\"settings\"><tbody>");
                foreach (var setting in report.Settings)
                {
                    h.Append("<tr><th>").Append(E(setting.Key)).Append("</th><td><code>").Append(E(setting.Value)).Append("</code></td></tr>");
                }

                h.Append("</tbody></table></section>\n");
            }
        }

        private static string Kind(DifferenceKind kind) => kind switch
        {
            DifferenceKind.Length => "length",
            DifferenceKind.Presence => "null on one side",
            DifferenceKind.Type => "type",
            _ => "value",
        };

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        private const string Style = @"
:root { --bad: #c62828; --ok: #2e7d32; --one: #90a4ae; --pred: #f9a825; --ink: #1d232a; --muted: #5f6b76; --line: #d9dee3; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: var(--ink); background: #f5f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
code { font: 13px/1.3 ui-monospace, 'DejaVu Sans Mono', Consolas, monospace; }
.verdict { border-radius: 8px; padding: 12px 16px; color: #fff; }
.verdict.bad { background: var(--bad); } .verdict.good { background: var(--ok); }
.verdict .big { font-size: 20px; font-weight: 700; }
.verdict code { background: rgba(255,255,255,.18); padding: 1px 4px; border-radius: 3px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 12px 0; color: var(--muted); }
.facts dt { font-weight: 600; } .facts dd { margin: 0; overflow-wrap: anywhere; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 14px; margin-top: 14px; }
section.verdict { border: 0; margin-top: 0; }
svg.timeline { width: 100%; height: 64px; display: block; background: #eef1f4; border-radius: 4px; }
.t-ok { fill: var(--ok); } .t-one { fill: var(--one); } .t-pred { fill: var(--pred); } .t-bad { fill: var(--bad); } .t-none { fill: #e0e4e8; }
.t-depth { fill: #5c6bc0; } .t-mark { fill: #000; }
.axis { display: flex; justify-content: space-between; color: var(--muted); font-size: 13px; margin-top: 4px; }
.bad-text { color: var(--bad); font-weight: 600; }
.legend { font-size: 13px; color: var(--muted); margin-top: 6px; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: -1px; }
.sw.t-ok { background: var(--ok); } .sw.t-one { background: var(--one); } .sw.t-pred { background: var(--pred); } .sw.t-bad { background: var(--bad); } .sw.t-depth { background: #5c6bc0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
table.diff td.left code { color: #1565c0; } table.diff td.right code { color: var(--bad); }
tr.divergent td { background: #fdecea; font-weight: 600; }
.scroll { overflow-x: auto; }
table.settings th { width: 30%; }
";
    }
}
