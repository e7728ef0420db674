using System.Globalization;
using Rollback.Network;

namespace Rollback
{
    /// <summary>Network figures of a whole <see cref="PeerSession{TState, TInput}"/> or <see cref="SpectatorSession{TState, TInput}"/> (their <c>Network</c> property).</summary>
    public sealed class NetworkStatistics
    {
        private readonly long[] _dropped = new long[(int)DropReason.Stale + 1];

        /// <summary>Datagrams handed to the transport.</summary>
        public long DatagramsSent { get; internal set; }

        /// <summary>Bytes handed to the transport.</summary>
        public long BytesSent { get; internal set; }

        /// <summary>Datagrams the transport refused.</summary>
        public long SendFailures { get; internal set; }

        /// <summary>Datagrams received (accepted or not).</summary>
        public long DatagramsReceived { get; internal set; }

        /// <summary>Bytes received.</summary>
        public long BytesReceived { get; internal set; }

        /// <summary>Datagrams dropped, for any reason.</summary>
        public long Dropped { get; private set; }

        /// <summary>Inputs sent again because they were not acknowledged yet (redundancy).</summary>
        public long InputsResent { get; internal set; }

        /// <summary>Inputs of a disconnecting player relayed to a peer that lacked them.</summary>
        public long InputsRelayed { get; internal set; }

        /// <summary>Frames <c>AdvanceFrame</c> waited on the time-sync advice.</summary>
        public long TimeSyncWaits { get; internal set; }

        /// <summary>Checksum comparisons of confirmed frames made with remote peers.</summary>
        public long ChecksumsCompared { get; internal set; }

        /// <summary>Checksum reports sent again because they were not acknowledged yet.</summary>
        public long ChecksumsResent { get; internal set; }

        /// <summary>Checksum comparisons that disagreed.</summary>
        public long Desyncs { get; internal set; }

        /// <summary>Codec outcomes of every received datagram.</summary>
        public DecodeStatistics Decode { get; } = new DecodeStatistics();

        /// <summary>Datagrams dropped for <paramref name="reason"/>.</summary>
        /// <param name="reason">The reason.</param>
        /// <returns>The count.</returns>
        public long DroppedFor(DropReason reason) => (uint)reason < (uint)_dropped.Length ? _dropped[(int)reason] : 0;

        internal void Drop(DropReason reason)
        {
            _dropped[(int)reason]++;
            Dropped++;
        }

        /// <summary>The non-zero drop counts by reason, e.g. <c>Malformed 3, UnknownEndpoint 1</c>.</summary>
        /// <returns>The text.</returns>
        public string DropsByReason()
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < _dropped.Length; i++)
            {
                if (_dropped[i] != 0)
                {
                    sb.Append(sb.Length > 0 ? ", " : string.Empty).Append(((DropReason)i).ToString()).Append(' ').Append(_dropped[i].ToString(CultureInfo.InvariantCulture));
                }
            }

            return sb.Length == 0 ? "none" : sb.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "sent {0} ({1} B), received {2} ({3} B), dropped {4}, resent inputs {5}, time-sync waits {6}, checksums {7} ({8} desyncs)",
            DatagramsSent,
            BytesSent,
            DatagramsReceived,
            BytesReceived,
            Dropped,
            InputsResent,
            TimeSyncWaits,
            ChecksumsCompared,
            Desyncs);
    }
}
