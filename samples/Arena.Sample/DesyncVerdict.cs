using System;
using System.IO;
using System.Linq;
using Rollback;
using Rollback.Forensics;
#if ROLLBACK_REPORTS
using Rollback.Reports;
#endif

namespace Arena.Sample
{
    /// <summary>
    /// The end of a run in which the peers reported a desync: the <c>VERDICT: DESYNC</c> line with the frame and the first
    /// differing member, the bundle folders, and the HTML report of the first peer's bundle (the page the
    /// <c>rollback report</c> command writes).
    /// </summary>
    public static class DesyncVerdict
    {
        /// <summary>Prints the verdict when any peer reported a desync.</summary>
        /// <returns>True when a desync was reported (the run then fails).</returns>
        public static bool TryPrint(PeerMatch match, SampleOptions options)
        {
            PeerOutcome? first = match.Peers.Where(p => p.DesyncReports.Count > 0).OrderBy(p => p.Index).FirstOrDefault();
            if (first is null)
            {
                if (options.InjectDesyncFrame >= 0)
                {
                    Console.WriteLine($"  no desync was reported although a peer perturbed frame {options.InjectDesyncFrame} (the session ended before the next checksum exchange?)");
                }

                return false;
            }

            PeerDesyncReport report = first.DesyncReports[0];
            string member = report.Differences.Count > 0 ? report.Differences[0].Path : "(members not exchanged: " + report.Outcome + ")";
            string values = report.Differences.Count > 0
                ? $" = {report.Differences[0].Left} on peer {first.Index}, {report.Differences[0].Right} on player {report.RemotePlayer}'s peer"
                : string.Empty;
            Console.WriteLine($"VERDICT: DESYNC at frame {report.Frame}: {member}{values}");
            foreach (PeerOutcome p in match.Peers)
            {
                foreach (PeerDesyncReport r in p.DesyncReports)
                {
                    Console.WriteLine(r.BundlePath is not null ? $"bundle: {r.BundlePath}" : $"bundle: (peer {p.Index}: not written: {r.BundleError ?? "no snapshot"})");
                }
            }

#if ROLLBACK_REPORTS
            if (report.BundlePath is not null)
            {
                ForensicReport page = ReportBuilder.FromBundle(report.BundlePath, game: null);
                string html = HtmlReport.Write(page, Path.TrimEndingDirectorySeparator(report.BundlePath) + ".html");
                Console.WriteLine($"report: {html}");
            }
#else
            // Builds of these sources without the report library (the NativeAOT test) print no report line.
            Console.WriteLine("report: (this build has no report writer; run `rollback report <bundle>`)");
#endif

            return true;
        }
    }
}
