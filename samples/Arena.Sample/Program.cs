using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Arena.Game;
using Rollback;
using Rollback.Network;
using Rollback.Network.Simulation;

namespace Arena.Sample
{
    /// <summary>
    /// The sample's main job. Phase 1: a sync test of the arena rules (forced rollback every frame, checksums compared).
    /// Phase 2: N peers in one process play the arena over the seeded simulated network (or UDP on loopback), each
    /// exporting its confirmed frames; the exports are compared with each other and with an oracle, and a verdict with
    /// statistics is printed. Exit code 0 when everything is identical, 1 on any divergence, 2 on bad options.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            SampleOptions options;
            try
            {
                options = SampleOptions.Parse(args);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is OverflowException)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(SampleOptions.Usage);
                return 2;
            }

            if (options.Help)
            {
                Console.WriteLine(SampleOptions.Usage);
                return 0;
            }

            Directory.CreateDirectory(options.OutputDirectory);
            bool ok = options.SyncTestFrames == 0 || RunSyncTest(options);
            ok &= RunPeers(options, out PeerMatch match);
            Console.WriteLine();
            if (DesyncVerdict.TryPrint(match, options))
            {
                return 1;
            }

            Console.WriteLine(ok ? "VERDICT: OK — every export is byte-identical and equals the oracle" : "VERDICT: DIVERGED");
            return ok ? 0 : 1;
        }

        private static bool RunSyncTest(SampleOptions options)
        {
            int frames = options.SyncTestFrames;
            Console.WriteLine($"phase 1 — sync test: {frames} frames, rollback of 2 every frame, seed {options.Seed}");
            var session = new SyncTestSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, playerCount: 2, checkDistance: 2);
            var clock = Stopwatch.StartNew();
            try
            {
                session.RunRandom(frames, options.Seed, Bot.RandomPad);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.WriteLine($"  FAILED: {ex.Message}");
                return false;
            }

            double us = clock.Elapsed.TotalMilliseconds * 1000 / frames;
            Console.WriteLine(Invariant($"  ok: {session.FramesChecked} frames checked, {session.Statistics.Rollbacks} rollbacks, {us:F1} µs per frame"));
            return true;
        }

        private static bool RunPeers(SampleOptions o, out PeerMatch match)
        {
            string limit = o.Frames > 0 ? $"{o.Frames} frames" : $"{o.Episodes} episodes";
            string net = o.Udp
                ? "UDP on 127.0.0.1"
                : Invariant($"simulated network, {o.LatencyMs} ms{(o.JitterMs > 0 ? $" ± {o.JitterMs} ms" : string.Empty)}, {o.LossPercent:0.#} % loss");
            Console.WriteLine();
            Console.WriteLine($"phase 2 — {o.Peers} peers, {limit}, {net}, input delay {o.InputDelay}, prediction window {o.PredictionWindow}, seed {o.Seed}");
            foreach (StallOption stall in o.Stalls)
            {
                Console.WriteLine($"  stall: {stall}");
            }

            if (o.InjectDesyncFrame >= 0)
            {
                Console.WriteLine($"  peer {o.Peers - 1} perturbs {DesyncInjectingRules.MemberPath} when it steps frame {o.InjectDesyncFrame}");
            }

            if (o.Udp && (o.LatencyMs != 100 || o.JitterMs != 0 || o.LossPercent != 15 || o.Stalls.Count > 0))
            {
                Console.WriteLine("  note: --latency, --jitter, --loss and --stall apply to the simulated network only");
            }

            match = new PeerMatch(o);
            match.Run(o.Quiet ? _ => { } : Console.WriteLine);

            // Compare the exports: every peer's, the spectator's, and the oracle's, byte for byte.
            PeerOutcome[] peers = match.Peers;
            bool ok = true;
            foreach (PeerOutcome p in peers)
            {
                if (!p.Finished)
                {
                    Console.WriteLine($"  peer {p.Index} did not finish within {match.Ticks} ticks");
                    ok = false;
                }

                if (p.StepErrors > 0 || p.Desyncs.Count > 0)
                {
                    Console.WriteLine($"  peer {p.Index}: {p.StepErrors} StepNum errors, {p.Desyncs.Count} desyncs{(p.Desyncs.Count > 0 ? " (first: " + p.Desyncs[0] + ")" : string.Empty)}");
                    ok = false;
                }
            }

            int finalFrame = peers[0].Session!.FinalFrame == int.MaxValue ? peers[0].Session!.LastConfirmedFrame : peers[0].Session!.FinalFrame;
            string oraclePath = match.WriteOracle(finalFrame);
            byte[] reference = File.ReadAllBytes(peers[0].CsvPath);
            Console.WriteLine();
            Console.WriteLine($"exports in {Path.GetFullPath(o.OutputDirectory)}:");
            foreach (PeerOutcome p in peers)
            {
                ok &= Compare($"peer{p.Index}.csv", p.CsvPath, reference, peers[0].CsvPath);
            }

            if (match.SpectatorCsvPath is not null)
            {
                ok &= Compare("spectator.csv", match.SpectatorCsvPath, reference, peers[0].CsvPath);
                if (!match.SpectatorFinished)
                {
                    Console.WriteLine("  the spectator did not finish");
                    ok = false;
                }
            }

            ok &= Compare("oracle.csv", oraclePath, reference, peers[0].CsvPath);
            bool sameEnds = peers.All(p => p.EpisodeEnds.SequenceEqual(peers[0].EpisodeEnds));
            ok &= sameEnds;
            Console.WriteLine(Invariant($"  episodes ended on frames {string.Join(", ", peers[0].EpisodeEnds)}{(o.Episodes > 0 ? $", final frame {finalFrame}" : string.Empty)} — {(sameEnds ? "the same on every peer" : "DIFFERENT between peers")}"));

            PrintStatistics(match, o);
            return ok;
        }

        private static bool Compare(string name, string path, byte[] reference, string referencePath)
        {
            byte[] bytes = File.ReadAllBytes(path);
            int rows = bytes.Count(b => b == (byte)'\n') - 1;
            if (bytes.AsSpan().SequenceEqual(reference))
            {
                Console.WriteLine($"  {name,-14} {rows,6} rows  {Sha(bytes)}  identical");
                return true;
            }

            string[] a = File.ReadAllLines(referencePath);
            string[] b = File.ReadAllLines(path);
            int line = 0;
            while (line < a.Length && line < b.Length && a[line] == b[line])
            {
                line++;
            }

            Console.WriteLine($"  {name,-14} {rows,6} rows  {Sha(bytes)}  DIFFERS from peer0.csv at line {line + 1}");
            Console.WriteLine($"      peer0: {(line < a.Length ? a[line] : "<end of file>")}");
            Console.WriteLine($"      {name}: {(line < b.Length ? b[line] : "<end of file>")}");
            return false;
        }

        private static void PrintStatistics(PeerMatch match, SampleOptions o)
        {
            Console.WriteLine();
            Console.WriteLine(Invariant($"statistics ({match.Ticks} ticks = {match.Ticks / (double)PeerMatch.Fps:F1} s of game time, run in {match.WallTime.TotalSeconds:F2} s):"));
            Console.WriteLine("  peer  frames  rollbacks  max depth  replayed  µs/frame  ping ms  sent  dropped  ts-waits  stalled");
            foreach (PeerOutcome p in match.Peers)
            {
                PeerSession<ArenaState, Pad> s = p.Session!;
                RollbackStatistics r = s.Statistics;
                int ping = s.GetAllPeerStatistics().Where(e => e.FirstPlayer >= 0).Select(e => e.RoundTripMs).DefaultIfEmpty(-1).Max();
                double us = r.FramesSimulated == 0 ? 0 : p.CpuTime.TotalMilliseconds * 1000 / r.FramesSimulated;
                Console.WriteLine(Invariant(
                    $"  {p.Index,4}  {r.FramesSimulated,6}  {r.Rollbacks,9}  {r.MaxRollbackDepth,9}  {r.FramesReplayed,8}  {us,8:F1}  {ping,7}  {s.Network.DatagramsSent,4}  {s.Network.Dropped,7}  {s.Network.TimeSyncWaits,8}  {p.StalledTicks,7}"));
            }

            if (match.Network is not null)
            {
                NetworkCounters c = match.Network.Counters;
                double lost = c.Sent == 0 ? 0 : 100.0 * c.DroppedLoss / c.Sent;
                Console.WriteLine(Invariant($"  network: {c.Sent} packets sent ({c.BytesSent / 1024.0:F0} KiB), {c.DroppedLoss} lost ({lost:F1} %), {c.DroppedPartition} partitioned, {c.Delivered} delivered, refused while stalled {c.RefusedWhileStalled}"));
            }
            else
            {
                Console.WriteLine($"  UDP: {match.UdpDatagramsSent} datagrams sent, {match.UdpDatagramsReceived} received");
            }
        }

        private static string Sha(byte[] bytes)
        {
            byte[] hash = System.Security.Cryptography.SHA256.HashData(bytes);
            return "sha256:" + Convert.ToHexString(hash, 0, 6).ToLowerInvariant();
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
