using System;
using System.Globalization;
using System.Text;
using Rollback.Forensics;

namespace Rollback
{
    /// <summary>How the snapshot exchange of a <see cref="PeerDesyncReport"/> ended.</summary>
    public enum DesyncSnapshotOutcome
    {
        /// <summary>Both snapshots are here: <see cref="PeerDesyncReport.Differences"/> lists the differing members.</summary>
        Exchanged,

        /// <summary>This peer's snapshot is larger than <see cref="PeerSessionOptions{TInput}.MaxDesyncSnapshotBytes"/>: it was not sent.</summary>
        LocalSnapshotTooLarge,

        /// <summary>The remote peer's snapshot is larger than its (or this peer's) <see cref="PeerSessionOptions{TInput}.MaxDesyncSnapshotBytes"/>.</summary>
        RemoteSnapshotTooLarge,

        /// <summary>A side no longer kept its snapshot of the frame (the comparison came later than the kept history).</summary>
        SnapshotNotKept,

        /// <summary>The remote's snapshot did not arrive within the disconnect timeout (or the remote left).</summary>
        TimedOut,
    }

    /// <summary>
    /// What a peer learned about a desync with one remote peer once their snapshots of the divergent frame were exchanged
    /// over the session protocol: the frame, both checksums, the differing members with both values, and where the desync
    /// bundle was written. Raised once per remote peer by <see cref="PeerSession{TState, TInput}.DesyncReported"/>.
    /// </summary>
    public sealed class PeerDesyncReport
    {
        internal PeerDesyncReport(int frame, ulong localChecksum, ulong remoteChecksum, int remotePlayer, DesyncSnapshotOutcome outcome, StateDifferenceList? differences, byte[]? localSnapshot, byte[]? remoteSnapshot)
        {
            Frame = frame;
            LocalChecksum = localChecksum;
            RemoteChecksum = remoteChecksum;
            RemotePlayer = remotePlayer;
            Outcome = outcome;
            Differences = differences ?? new StateDifferenceList(new System.Collections.Generic.List<StateDifference>(), false);
            LocalSnapshot = localSnapshot;
            RemoteSnapshot = remoteSnapshot;
        }

        /// <summary>The confirmed frame whose checksums differ (the snapshots are of the state after it was stepped).</summary>
        public int Frame { get; }

        /// <summary>This peer's checksum of the state after <see cref="Frame"/>.</summary>
        public ulong LocalChecksum { get; }

        /// <summary>The remote peer's checksum.</summary>
        public ulong RemoteChecksum { get; }

        /// <summary>The first player of the remote peer.</summary>
        public int RemotePlayer { get; }

        /// <summary>How the exchange ended.</summary>
        public DesyncSnapshotOutcome Outcome { get; }

        /// <summary>The differing members, <c>Left</c> being this peer's value and <c>Right</c> the remote's (empty unless <see cref="Outcome"/> is <see cref="DesyncSnapshotOutcome.Exchanged"/>).</summary>
        public StateDifferenceList Differences { get; }

        /// <summary>This peer's snapshot bytes of the state after <see cref="Frame"/>, when kept.</summary>
        public ReadOnlyMemory<byte>? LocalSnapshot { get; }

        /// <summary>The remote peer's snapshot bytes, when received.</summary>
        public ReadOnlyMemory<byte>? RemoteSnapshot { get; }

        /// <summary>The folder the desync bundle was written to (<see cref="PeerSessionOptions{TInput}.DesyncBundleFolder"/>), or null.</summary>
        public string? BundlePath { get; internal set; }

        /// <summary>Why the bundle could not be written, or null.</summary>
        public string? BundleError { get; internal set; }

        /// <inheritdoc />
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.AppendFormat(CultureInfo.InvariantCulture, "desync at frame {0}: local {1:x16}, player {2}'s peer {3:x16}", Frame, LocalChecksum, RemotePlayer, RemoteChecksum);
            if (Outcome != DesyncSnapshotOutcome.Exchanged)
            {
                sb.Append(" (").Append(Describe(Outcome)).Append(')');
            }

            foreach (StateDifference d in Differences)
            {
                sb.Append("\n  ").Append(d.ToString());
            }

            if (Differences.IsTruncated)
            {
                sb.Append("\n  ...");
            }

            return sb.ToString();
        }

        private static string Describe(DesyncSnapshotOutcome outcome) => outcome switch
        {
            DesyncSnapshotOutcome.LocalSnapshotTooLarge => "snapshot too large: this peer's is over MaxDesyncSnapshotBytes, not exchanged",
            DesyncSnapshotOutcome.RemoteSnapshotTooLarge => "snapshot too large: the remote's is over MaxDesyncSnapshotBytes, not exchanged",
            DesyncSnapshotOutcome.SnapshotNotKept => "a snapshot of the frame was no longer kept",
            DesyncSnapshotOutcome.TimedOut => "the remote snapshot did not arrive",
            _ => "exchanged",
        };
    }

    /// <summary>Raised when a desync's snapshots were exchanged (or could not be): see <see cref="PeerDesyncReport"/>.</summary>
    /// <param name="report">The report.</param>
    public delegate void PeerDesyncReportHandler(PeerDesyncReport report);
}
