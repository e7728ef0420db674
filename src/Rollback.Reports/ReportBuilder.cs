using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>Reports progress through a long replay: frames done out of the total.</summary>
    /// <param name="done">Frames replayed so far.</param>
    /// <param name="total">Frames to replay.</param>
    public delegate void ProgressHandler(int done, int total);

    /// <summary>
    /// Builds a <see cref="ForensicReport"/> from what a session leaves behind: a replay (replayed and checked
    /// frame by frame), two replays, CSV exports of several peers, or a desync bundle.
    /// </summary>
    public static class ReportBuilder
    {
        /// <summary>
        /// Replays a recording with the game's simulation and checks every frame's checksum against the recorded
        /// one. On a mismatch the replay is stepped twice side by side to find the member a nondeterministic
        /// simulation changes; a replay holds checksums only, so a recording made by other game code is reported
        /// by frame and checksums.
        /// </summary>
        /// <param name="game">The game's assembly.</param>
        /// <param name="path">The replay file.</param>
        /// <param name="stopAtFirstMismatch">Whether to stop at the first mismatch (verification) or replay to the end (report).</param>
        /// <param name="progress">Called as frames are replayed; null for none.</param>
        /// <returns>The report: series "recorded" and "replayed".</returns>
        /// <exception cref="ReportInputException">The replay cannot be read with this game.</exception>
        public static ForensicReport FromReplay(GameAssembly game, string path, bool stopAtFirstMismatch = false, ProgressHandler? progress = null)
        {
            (IGameRunner runner, ReplayData replay) = game.OpenReplay(path);
            var report = NewReport("Replay check: " + Path.GetFileName(path), replay.Inputs.PlayerCount, "recorded", "replayed");
            report.Sources.Add($"replay {path}: {replay.FrameCount} frames from frame {replay.StartFrame}, {replay.Inputs.PlayerCount} players");
            report.StateType = Describe(runner.StateType, replay.InitialSnapshot);
            report.LeftLabel = "replay, first run";
            report.RightLabel = "replay, second run";
            int step = Math.Max(1, replay.FrameCount / 200);
            runner.Run(replay.InitialSnapshot, replay.Inputs, replay.FrameCount, (frame, episode, stepNum, checksum) =>
            {
                int index = frame - replay.StartFrame;
                ulong recorded = replay.Checksums[index];
                var record = new FrameRecord(frame, 2) { Episode = episode, StepNum = stepNum, Inputs = Texts(runner, replay.Inputs, frame) };
                record.Checksums[0] = recorded;
                record.Checksums[1] = checksum;
                report.Frames.Add(record);
                if (recorded != checksum && report.DivergentFrame is null)
                {
                    report.DivergentFrame = frame;
                    report.DivergenceSummary = $"frame {frame}: recorded checksum {Hex(recorded)}, replayed {Hex(checksum)}";
                }

                if (progress is not null && ((index + 1) % step == 0 || index + 1 == replay.FrameCount))
                {
                    progress(index + 1, replay.FrameCount);
                }

                return !(stopAtFirstMismatch && report.DivergentFrame is not null);
            });

            if (report.DivergentFrame is int divergent)
            {
                var found = runner.FindNondeterminism(replay.InitialSnapshot, replay.Inputs, divergent - replay.StartFrame + 1);
                if (found is { } nondeterminism)
                {
                    report.Differences.AddRange(nondeterminism.Differences);
                    report.DifferencesTruncated = nondeterminism.Differences.IsTruncated;
                    report.Notes.Add($"The simulation is not deterministic: two runs of the same inputs in one process differ after frame {nondeterminism.Frame}; the members below are what differs between them.");
                }
                else
                {
                    report.DifferencesNote = "The simulation replays deterministically here, so the recording was made by other game code or data. "
                        + "A replay stores checksums only, not states: to name the member, compare two peers' exports or replays, or use the desync bundle written by the session.";
                }
            }

            return report;
        }

        /// <summary>
        /// Compares two replays of the same session (for example one per peer): the first frame whose recorded
        /// checksums or inputs differ, and the members that differ there, found by replaying both to that frame.
        /// </summary>
        /// <param name="game">The game's assembly.</param>
        /// <param name="left">The first replay.</param>
        /// <param name="right">The second replay.</param>
        /// <returns>The report.</returns>
        public static ForensicReport FromReplays(GameAssembly game, string left, string right)
        {
            (IGameRunner runner, ReplayData a) = game.OpenReplay(left);
            (_, ReplayData b) = game.OpenReplay(right);
            string la = Path.GetFileName(left);
            string lb = Path.GetFileName(right);
            if (la == lb)
            {
                la = left;
                lb = right;
            }

            var report = NewReport($"Replays compared: {la} and {lb}", a.Inputs.PlayerCount, la, lb);
            report.Sources.Add($"replay {left}: {a.FrameCount} frames from frame {a.StartFrame}");
            report.Sources.Add($"replay {right}: {b.FrameCount} frames from frame {b.StartFrame}");
            report.StateType = Describe(runner.StateType, a.InitialSnapshot);
            report.LeftLabel = la;
            report.RightLabel = lb;
            if (a.Inputs.PlayerCount != b.Inputs.PlayerCount)
            {
                throw new ReportInputException($"The replays have different player counts ({a.Inputs.PlayerCount} and {b.Inputs.PlayerCount}): they are not of the same session.");
            }

            int start = Math.Min(a.StartFrame, b.StartFrame);
            int end = Math.Max(a.StartFrame + a.FrameCount, b.StartFrame + b.FrameCount);
            for (int frame = start; frame < end; frame++)
            {
                var record = new FrameRecord(frame, 2);
                bool inA = a.Inputs.Contains(frame);
                bool inB = b.Inputs.Contains(frame);
                record.Checksums[0] = inA ? a.Checksums[frame - a.StartFrame] : null;
                record.Checksums[1] = inB ? b.Checksums[frame - b.StartFrame] : null;
                record.Inputs = inA ? Texts(runner, a.Inputs, frame) : inB ? Texts(runner, b.Inputs, frame) : null;
                report.Frames.Add(record);
                if (report.DivergentFrame is null && inA && inB)
                {
                    bool inputsDiffer = !a.Inputs.Bytes.Slice((frame - a.StartFrame) * a.Inputs.PlayerCount * a.Inputs.InputSize, a.Inputs.PlayerCount * a.Inputs.InputSize)
                        .SequenceEqual(b.Inputs.Bytes.Slice((frame - b.StartFrame) * b.Inputs.PlayerCount * b.Inputs.InputSize, b.Inputs.PlayerCount * b.Inputs.InputSize));
                    if (record.Diverges || inputsDiffer)
                    {
                        report.DivergentFrame = frame;
                        report.DivergenceSummary = inputsDiffer
                            ? $"frame {frame}: the confirmed inputs differ ({string.Join(" ", Texts(runner, a.Inputs, frame))} vs {string.Join(" ", Texts(runner, b.Inputs, frame))})"
                            : $"frame {frame}: checksums {Hex(record.Checksums[0]!.Value)} vs {Hex(record.Checksums[1]!.Value)}";
                    }
                }
            }

            if (report.DivergentFrame is int divergent)
            {
                byte[] sa = runner.Run(a.InitialSnapshot, a.Inputs, divergent - a.StartFrame + 1, null);
                byte[] sb = runner.Run(b.InitialSnapshot, b.Inputs, divergent - b.StartFrame + 1, null);
                AddDifferences(report, runner.Differences(sa, sb), "replaying both recordings to that frame gives equal states: the recorded checksums themselves differ (different game code on the two sides)");
            }

            return report;
        }

        /// <summary>
        /// Compares CSV exports of the same session (one per peer, an oracle …): the first frame whose rows differ,
        /// the columns that differ there with both values, and the inputs around it.
        /// </summary>
        /// <param name="paths">Two or more export files.</param>
        /// <returns>The report.</returns>
        public static ForensicReport FromExports(IReadOnlyList<string> paths)
        {
            if (paths.Count < 1)
            {
                throw new ReportInputException("No export given.");
            }

            CsvExport[] exports = paths.Select(CsvExport.Load).ToArray();
            string[] labels = Labels(paths);
            var report = NewReport("Exports compared: " + string.Join(", ", labels), exports[0].InputColumns.Length, labels);
            foreach (CsvExport e in exports)
            {
                report.Sources.Add($"export {e.Path}: {e.Rows.Count} rows, columns {string.Join(",", e.Header)}");
            }

            for (int i = 1; i < exports.Length; i++)
            {
                if (!exports[i].Header.SequenceEqual(exports[0].Header))
                {
                    report.Notes.Add($"{labels[i]} has other columns than {labels[0]}: {string.Join(",", exports[i].Header)}.");
                }
            }

            var frames = new SortedSet<int>(exports.SelectMany(e => Enumerable.Range(0, e.Rows.Count).Select(e.FrameOf)));
            foreach (int frame in frames)
            {
                var record = new FrameRecord(frame, exports.Length);
                int reference = -1;
                for (int s = 0; s < exports.Length; s++)
                {
                    int row = exports[s].RowOf(frame);
                    if (row < 0)
                    {
                        continue;
                    }

                    record.Checksums[s] = exports[s].ChecksumOf(row);
                    if (reference < 0)
                    {
                        reference = s;
                        record.Episode = exports[s].IntOf(row, exports[s].EpisodeColumn);
                        record.StepNum = exports[s].IntOf(row, exports[s].StepColumn);
                        record.Inputs = exports[s].InputColumns.Select(c => exports[s].Rows[row][c]).ToArray();
                    }
                }

                report.Frames.Add(record);
                if (report.DivergentFrame is null)
                {
                    FindRowDivergence(report, exports, labels, frame);
                }
            }

            if (report.DivergentFrame is not null && report.Differences.Count == 0 && report.DifferencesNote is null)
            {
                report.DifferencesNote = "Only the checksum column differs: the exported columns do not show the member; compare the two peers' replays or the desync bundle with --assembly.";
            }

            return report;
        }

        /// <summary>
        /// Reads a desync bundle: the frame, both checksums, the differing members (stored in the bundle, or
        /// computed from its snapshots when <paramref name="game"/> is given), the inputs leading there and the
        /// settings. With the game, the inputs are also replayed from the anchor snapshot to check they reproduce
        /// the local state.
        /// </summary>
        /// <param name="folder">The bundle folder.</param>
        /// <param name="game">The game's assembly, or null.</param>
        /// <returns>The report.</returns>
        public static ForensicReport FromBundle(string folder, GameAssembly? game)
        {
            DesyncBundle bundle;
            try
            {
                bundle = DesyncBundle.Load(folder);
            }
            catch (DesyncBundleFormatException ex)
            {
                throw new ReportInputException(ex.Message, ex);
            }

            var report = NewReport($"Desync at frame {bundle.Frame}", bundle.Inputs.PlayerCount, bundle.LocalLabel, bundle.RemoteLabel);
            report.Sources.Add($"desync bundle {folder}");
            report.StateType = $"{bundle.StateTypeName} (schema 0x{bundle.SchemaId:x16})";
            report.LeftLabel = bundle.LocalLabel;
            report.RightLabel = bundle.RemoteLabel;
            report.Settings.AddRange(bundle.Settings);
            InputLog inputs = bundle.Inputs;
            IGameRunner? runner = game?.RunnerFor(bundle.LocalSnapshot);
            var replayed = new Dictionary<int, (int Episode, int Step, ulong Checksum)>();
            if (runner is not null && inputs.FrameCount > 0)
            {
                runner.Run(bundle.AnchorSnapshot.ToArray(), inputs, inputs.FrameCount, (f, e, s, c) =>
                {
                    replayed[f] = (e, s, c);
                    return true;
                });
                if (replayed.TryGetValue(bundle.Frame, out var mine))
                {
                    report.Notes.Add(mine.Checksum == bundle.LocalChecksum
                        ? $"Replaying the {inputs.FrameCount} confirmed inputs from the anchor snapshot (frame {bundle.AnchorFrame}) reproduces {bundle.LocalLabel}'s checksum {Hex(bundle.LocalChecksum)}."
                        : $"Replaying the confirmed inputs from the anchor snapshot gives checksum {Hex(mine.Checksum)}, not {bundle.LocalLabel}'s {Hex(bundle.LocalChecksum)}: {bundle.LocalLabel}'s own run was not reproducible either.");
                }
            }

            int last = Math.Max(bundle.Frame, inputs.EndFrame - 1);
            for (int frame = Math.Min(inputs.StartFrame, bundle.Frame); frame <= last; frame++)
            {
                var record = new FrameRecord(frame, 2);
                if (inputs.Contains(frame))
                {
                    record.Inputs = Enumerable.Range(0, inputs.PlayerCount).Select(p => bundle.InputText(frame, p)).ToArray();
                }

                if (replayed.TryGetValue(frame, out var r))
                {
                    record.Episode = r.Episode;
                    record.StepNum = r.Step;
                    if (frame != bundle.Frame)
                    {
                        record.Checksums[0] = r.Checksum;
                    }
                }

                if (frame == bundle.Frame)
                {
                    record.Checksums[0] = bundle.LocalChecksum;
                    record.Checksums[1] = bundle.RemoteChecksum;
                }

                report.Frames.Add(record);
            }

            report.DivergentFrame = bundle.Frame;
            report.DivergenceSummary = $"frame {bundle.Frame}: {bundle.LocalLabel} checksum {Hex(bundle.LocalChecksum)}, {bundle.RemoteLabel} {Hex(bundle.RemoteChecksum)}";
            if (bundle.Differences.Count > 0)
            {
                report.Differences.AddRange(bundle.Differences);
                report.DifferencesTruncated = bundle.DifferencesTruncated;
            }
            else if (!bundle.HasRemoteSnapshot)
            {
                report.DifferencesNote = $"{bundle.RemoteLabel}'s snapshot is not in the bundle, so the members cannot be compared.";
            }
            else if (runner is not null)
            {
                AddDifferences(report, runner.Differences(bundle.LocalSnapshot, bundle.RemoteSnapshot), "the two snapshots decode to equal states");
            }
            else
            {
                report.DifferencesNote = "The bundle does not list the members; pass --assembly Game.dll to decode its snapshots.";
            }

            return report;
        }

        /// <summary>The inputs of frames around the divergence (or the last frames when there is none).</summary>
        /// <param name="report">A report.</param>
        /// <param name="before">Frames before the divergence.</param>
        /// <param name="after">Frames after it.</param>
        /// <returns>The frame records in that window.</returns>
        public static IReadOnlyList<FrameRecord> Window(ForensicReport report, int before = 8, int after = 3)
        {
            if (report.Frames.Count == 0)
            {
                return Array.Empty<FrameRecord>();
            }

            int center = report.DivergentFrame ?? report.Frames[report.Frames.Count - 1].Frame;
            return report.Frames.Where(f => f.Frame >= center - before && f.Frame <= center + after).ToArray();
        }

        private static void FindRowDivergence(ForensicReport report, CsvExport[] exports, string[] labels, int frame)
        {
            CsvExport first = exports[0];
            int firstRow = first.RowOf(frame);
            for (int s = 1; s < exports.Length; s++)
            {
                int row = exports[s].RowOf(frame);
                if (row < 0 || firstRow < 0)
                {
                    string missing = row < 0 ? labels[s] : labels[0];
                    report.DivergentFrame = frame;
                    report.DivergenceSummary = $"frame {frame}: {missing} has no row for it";
                    report.LeftLabel = labels[0];
                    report.RightLabel = labels[s];
                    return;
                }

                string[] a = first.Rows[firstRow];
                string[] b = exports[s].Rows[row];
                if (a.SequenceEqual(b))
                {
                    continue;
                }

                report.DivergentFrame = frame;
                report.LeftLabel = labels[0];
                report.RightLabel = labels[s];
                var columns = new List<string>();
                for (int c = 0; c < first.Header.Length; c++)
                {
                    string name = first.Header[c];
                    int other = Array.IndexOf(exports[s].Header, name);
                    string right = other >= 0 ? b[other] : "(no column)";
                    if (a[c] != right && c != first.ChecksumColumn)
                    {
                        report.Differences.Add(new StateDifference(name, a[c], right));
                    }

                    if (a[c] != right)
                    {
                        columns.Add(name);
                    }
                }

                report.DivergenceSummary = $"frame {frame}: {labels[0]} and {labels[s]} differ in {string.Join(", ", columns)}";
                return;
            }
        }

        private static void AddDifferences(ForensicReport report, StateDifferenceList differences, string whenEmpty)
        {
            report.Differences.AddRange(differences);
            report.DifferencesTruncated = differences.IsTruncated;
            if (differences.Count == 0)
            {
                report.DifferencesNote = char.ToUpperInvariant(whenEmpty[0]) + whenEmpty.Substring(1) + ".";
            }
        }

        private static ForensicReport NewReport(string title, int players, params string[] series)
        {
            var report = new ForensicReport { Title = title, PlayerCount = players };
            report.SeriesLabels.AddRange(series);
            return report;
        }

        private static string[] Texts(IGameRunner runner, InputLog inputs, int frame) =>
            Enumerable.Range(0, inputs.PlayerCount).Select(p => runner.InputText(inputs.Raw(frame, p))).ToArray();

        private static string[] Labels(IReadOnlyList<string> paths)
        {
            string[] names = paths.Select(Path.GetFileName).Select(n => n ?? string.Empty).ToArray();
            return names.Distinct().Count() == names.Length ? names : paths.ToArray();
        }

        private static string Describe(Type state, byte[] snapshot) =>
            $"{state.FullName} (schema 0x{StateTypes.SchemaIdOfSnapshot(snapshot):x16})";

        internal static string Hex(ulong value) => "0x" + value.ToString("x16", CultureInfo.InvariantCulture);
    }
}
