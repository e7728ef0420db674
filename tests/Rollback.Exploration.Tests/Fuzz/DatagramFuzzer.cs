using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Rollback.Exploration.Tests.Core;
using Rollback.Network;

namespace Rollback.Exploration.Tests.Fuzz
{
    /// <summary>What a fuzz run found.</summary>
    public sealed class FuzzReport
    {
        /// <summary>Hostile datagrams handed to the sessions (live) or the decoder.</summary>
        public long Datagrams { get; set; }

        /// <summary>Datagrams per kind.</summary>
        public long[] ByKind { get; } = new long[HostileDatagrams.KindCount];

        /// <summary>Datagrams claiming a stranger's address.</summary>
        public long FromStrangers { get; set; }

        /// <summary>Datagrams claiming the real peer's address.</summary>
        public long FromPeer { get; set; }

        /// <summary>
        /// Mutations that still decode as a valid message of the session: sent from a stranger's address instead, since from
        /// the peer's own address they would be forgeries no unauthenticated protocol can tell from the real thing.
        /// </summary>
        public long Rerouted { get; set; }

        /// <summary>Decoder outcomes that were a valid message (replays, mostly).</summary>
        public long Decoded { get; set; }

        /// <summary>Datagrams the sessions dropped.</summary>
        public long Dropped { get; set; }

        /// <summary>Everything that went wrong: exceptions, failed checks, exports that differ from the undisturbed run.</summary>
        public List<string> Problems { get; } = new List<string>();

        /// <summary>Wall time.</summary>
        public TimeSpan Elapsed { get; set; }

        /// <summary>One line.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append($"{Datagrams} hostile datagrams (");
            sb.Append(string.Join(", ", Enumerable.Range(0, HostileDatagrams.KindCount).Select(k => $"{(HostileKind)k} {ByKind[k]}")));
            sb.Append($"; from strangers {FromStrangers}, from the peer's address {FromPeer}, rerouted forgeries {Rerouted}), ");
            sb.Append($"{Decoded} decoded, {Dropped} dropped, {Problems.Count} problems, {Elapsed.TotalSeconds:F1} s");
            return sb.ToString();
        }
    }

    /// <summary>Fuzzes the protocol decoder, and the receive path of a live 2-peer session over the simulated network.</summary>
    public static class DatagramFuzzer
    {
        /// <summary>The live session's scenario: 2 peers, some latency and loss, episodes that end on the inputs.</summary>
        /// <param name="seed">The random seed.</param>
        /// <param name="frames">Frames to run.</param>
        /// <returns>The spec.</returns>
        public static ScenarioSpec LiveSpec(ulong seed, int frames) => new ScenarioSpec
        {
            Seed = seed,
            InputSize = 16,
            FrameCount = frames,
            LatencyTicks = 2,
            JitterTicks = 1,
            Loss = 0.05,
            EpisodeMinSteps = 20,
            EpisodeMaxSteps = 80,
        };

        /// <summary>Injects <paramref name="datagrams"/> hostile datagrams into a running 2-peer session.</summary>
        /// <param name="seed">The random seed.</param>
        /// <param name="datagrams">How many to inject (in all, over both peers).</param>
        /// <returns>The report; <see cref="FuzzReport.Problems"/> is empty when the session was not affected.</returns>
        public static FuzzReport FuzzLiveSession(ulong seed, int datagrams)
        {
            var clock = Stopwatch.StartNew();
            int perTick = datagrams >= 200_000 ? 100 : 50; // per peer
            int frames = Math.Max(300, (datagrams / (2 * perTick)) + 100);
            ScenarioSpec spec = LiveSpec(seed, frames);
            var report = new FuzzReport();

            RunReport undisturbed = ScenarioRunner.Run(spec);
            if (!undisturbed.Passed)
            {
                report.Problems.Add("the undisturbed run failed: " + undisturbed.Describe());
            }

            var hostile = new HostileTransport[2];
            var addresses = new Func<int, PeerAddress>[2];
            var r = new ExploreRandom(seed, 0xF022);
            long budget = datagrams;
            var hooks = new RunHooks
            {
                Wrap = (peer, inner, addressOf) =>
                {
                    hostile[peer] = new HostileTransport(inner);
                    addresses[peer] = addressOf;
                    return hostile[peer];
                },
                EachTick = tick =>
                {
                    for (int victim = 0; victim < 2 && budget > 0; victim++)
                    {
                        HostileTransport h = hostile[victim];
                        for (int k = 0; k < perTick && budget > 0; k++, budget--)
                        {
                            var kind = (HostileKind)r.Below(HostileDatagrams.KindCount);
                            byte[] data = HostileDatagrams.Make(kind, h.Captured, ref r);
                            bool fromPeer = r.Chance(0.5);
                            if (fromPeer && kind is HostileKind.Mutated or HostileKind.RandomBody && ProtocolProbe.Decodes(data, spec.SessionId))
                            {
                                fromPeer = false;
                                report.Rerouted++;
                            }

                            PeerAddress from = fromPeer ? addresses[victim](1 - victim) : PeerAddress.FromId(1000 + (ulong)r.Below(64));
                            if (fromPeer)
                            {
                                report.FromPeer++;
                            }
                            else
                            {
                                report.FromStrangers++;
                            }

                            report.ByKind[(int)kind]++;
                            h.Inject(data, from);
                        }
                    }
                },
            };

            RunReport disturbed = ScenarioRunner.Run(spec, hooks);
            report.Datagrams = hostile.Where(h => h is not null).Sum(h => h.Delivered);
            report.Dropped = disturbed.Dropped;
            if (!disturbed.Passed)
            {
                report.Problems.Add("the run under hostile traffic failed: " + disturbed.Describe());
            }

            for (int i = 0; i < 2 && i < undisturbed.PeerRows.Count && i < disturbed.PeerRows.Count; i++)
            {
                if (!undisturbed.PeerRows[i].SequenceEqual(disturbed.PeerRows[i], StringComparer.Ordinal))
                {
                    report.Problems.Add($"peer {i}'s export under hostile traffic differs from the undisturbed run ({disturbed.PeerRows[i].Count} vs {undisturbed.PeerRows[i].Count} rows)");
                }
            }

            report.Elapsed = clock.Elapsed;
            return report;
        }

        /// <summary>Feeds the decoder <paramref name="datagrams"/> hostile datagrams made from real captured traffic.</summary>
        /// <param name="seed">The random seed.</param>
        /// <param name="datagrams">How many.</param>
        /// <returns>The report; <see cref="FuzzReport.Problems"/> lists every exception.</returns>
        public static FuzzReport FuzzDecoder(ulong seed, int datagrams)
        {
            var clock = Stopwatch.StartNew();
            ScenarioSpec spec = LiveSpec(seed, 300);
            spec.PlayersPerPeer = new[] { 2, 1, 1 };
            spec.Spectator = false;
            var captured = new List<byte[]>();
            var captureTransports = new List<HostileTransport>();
            var capture = new RunHooks
            {
                Wrap = (peer, inner, _) =>
                {
                    var h = new HostileTransport(inner);
                    captureTransports.Add(h);
                    return h;
                },
            };
            ScenarioRunner.Run(spec, capture);
            foreach (HostileTransport h in captureTransports)
            {
                captured.AddRange(h.Captured);
            }

            var report = new FuzzReport();
            if (captured.Count == 0)
            {
                report.Problems.Add("no traffic was captured");
            }

            var r = new ExploreRandom(seed, 0xDEC0);
            for (int i = 0; i < datagrams; i++)
            {
                var kind = (HostileKind)r.Below(HostileDatagrams.KindCount);
                byte[] data = HostileDatagrams.Make(kind, captured, ref r);
                report.ByKind[(int)kind]++;
                try
                {
                    if (ProtocolProbe.Decodes(data, spec.SessionId))
                    {
                        report.Decoded++;
                    }
                }
                catch (Exception e)
                {
                    if (report.Problems.Count < 20)
                    {
                        report.Problems.Add($"decoder threw {e.GetType().Name} on {Convert.ToHexString(data)}: {e.Message}");
                    }
                }
            }

            report.Datagrams = datagrams;
            report.Elapsed = clock.Elapsed;
            return report;
        }
    }
}
