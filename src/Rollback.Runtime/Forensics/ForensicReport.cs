using System.Collections.Generic;

namespace Rollback.Forensics
{
    /// <summary>
    /// What a desync report shows, independent of how it is rendered: a timeline of frames with each source's
    /// checksum, the first frame where the sources diverge, the members that differ there with both values, the
    /// inputs around it and the session settings. Built from replays, exports or a desync bundle; rendered as one
    /// self-contained HTML page by the report library.
    /// </summary>
    public sealed class ForensicReport
    {
        /// <summary>The page title.</summary>
        public string Title { get; set; } = "Rollback desync report";

        /// <summary>What the report was built from, one line per source (file names, kinds).</summary>
        public List<string> Sources { get; } = new List<string>();

        /// <summary>The name of each checksum column: a peer, a file, "recorded" / "replayed".</summary>
        public List<string> SeriesLabels { get; } = new List<string>();

        /// <summary>The frames, in order.</summary>
        public List<FrameRecord> Frames { get; } = new List<FrameRecord>();

        /// <summary>The first frame where the sources disagree, or null when they agree on every frame.</summary>
        public int? DivergentFrame { get; set; }

        /// <summary>One line on how the divergence was found (checksums, a column, a missing row …).</summary>
        public string? DivergenceSummary { get; set; }

        /// <summary>The members that differ at <see cref="DivergentFrame"/> (left and right as <see cref="LeftLabel"/> and <see cref="RightLabel"/>).</summary>
        public List<StateDifference> Differences { get; } = new List<StateDifference>();

        /// <summary>Whether more members differed than <see cref="Differences"/> lists.</summary>
        public bool DifferencesTruncated { get; set; }

        /// <summary>Why no members are listed although the sources diverge (for example, no game assembly was given).</summary>
        public string? DifferencesNote { get; set; }

        /// <summary>Whose values are <see cref="StateDifference.Left"/>.</summary>
        public string LeftLabel { get; set; } = "left";

        /// <summary>Whose values are <see cref="StateDifference.Right"/>.</summary>
        public string RightLabel { get; set; } = "right";

        /// <summary>The number of players (input columns).</summary>
        public int PlayerCount { get; set; }

        /// <summary>The state type and its schema id, when known.</summary>
        public string? StateType { get; set; }

        /// <summary>The session settings, when known.</summary>
        public List<KeyValuePair<string, string>> Settings { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Further remarks shown under the summary.</summary>
        public List<string> Notes { get; } = new List<string>();
    }

    /// <summary>One frame of a <see cref="ForensicReport"/>'s timeline.</summary>
    public sealed class FrameRecord
    {
        /// <summary>Creates a frame record.</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="seriesCount">The number of checksum series.</param>
        public FrameRecord(int frame, int seriesCount)
        {
            Frame = frame;
            Checksums = new ulong?[seriesCount];
        }

        /// <summary>The frame.</summary>
        public int Frame { get; }

        /// <summary>The episode, when known.</summary>
        public int? Episode { get; set; }

        /// <summary>The step within the episode, when known.</summary>
        public int? StepNum { get; set; }

        /// <summary>Each series' checksum of the state after this frame (null where that series has no value).</summary>
        public ulong?[] Checksums { get; }

        /// <summary>The confirmed inputs as text, one per player, when known.</summary>
        public string[]? Inputs { get; set; }

        /// <summary>Whether the frame was confirmed on every peer (false for predicted-only frames; true for recordings).</summary>
        public bool Confirmed { get; set; } = true;

        /// <summary>The depth of a rollback that replayed this frame, when known (0 for none).</summary>
        public int? RollbackDepth { get; set; }

        /// <summary>Whether the series disagree on this frame.</summary>
        public bool Diverges
        {
            get
            {
                ulong? first = null;
                foreach (ulong? c in Checksums)
                {
                    if (c is null)
                    {
                        continue;
                    }

                    if (first is null)
                    {
                        first = c;
                    }
                    else if (first != c)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
