using System;

namespace Rollback
{
    /// <summary>
    /// The durations of the peer-to-peer protocol: handshake, resends, keep-alives and timeouts. Every default, and why it
    /// differs from GGPO's or GGRS's where it does, is in docs/p2p.md.
    /// </summary>
    public sealed class PeerTimingOptions
    {
        /// <summary>
        /// How long the handshake may take. A peer that has not answered by then fails the session with
        /// <see cref="SessionFailureReason.HandshakeTimedOut"/> (never a game without it); a peer that starts late but
        /// within it gives a normal session. Default 30 s.
        /// </summary>
        public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Interval between handshake retries. Default 200 ms.</summary>
        public TimeSpan HandshakeRetryInterval { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>
        /// A running peer heard from for no longer than this is dropped: its players disconnect at a frame every peer
        /// agrees on. After the final frame is confirmed here a silent peer is not dropped but counted as done. Default 10 s.
        /// </summary>
        public TimeSpan DisconnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>A remote peer silent for this long is reported as interrupted in its statistics. Default 1 s.</summary>
        public TimeSpan InterruptedAfter { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Unacknowledged inputs, checksum reports and disconnect proposals are resent at least this often. Default 50 ms.</summary>
        public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMilliseconds(50);

        /// <summary>Interval between quality reports (round trip and frame advantage). Default 200 ms.</summary>
        public TimeSpan QualityReportInterval { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>A keep-alive is sent when nothing else was sent to a peer for this long. Default 200 ms.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromMilliseconds(200);

        internal long HandshakeTimeoutMs => Ms(HandshakeTimeout);

        internal long HandshakeRetryMs => Ms(HandshakeRetryInterval);

        internal long DisconnectTimeoutMs => Ms(DisconnectTimeout);

        internal long InterruptedAfterMs => Ms(InterruptedAfter);

        internal long ResendMs => Ms(ResendInterval);

        internal long QualityReportMs => Ms(QualityReportInterval);

        internal long KeepAliveMs => Ms(KeepAliveInterval);

        internal void Validate()
        {
            Check(HandshakeTimeout, nameof(HandshakeTimeout));
            Check(HandshakeRetryInterval, nameof(HandshakeRetryInterval));
            Check(DisconnectTimeout, nameof(DisconnectTimeout));
            Check(InterruptedAfter, nameof(InterruptedAfter));
            Check(ResendInterval, nameof(ResendInterval));
            Check(QualityReportInterval, nameof(QualityReportInterval));
            Check(KeepAliveInterval, nameof(KeepAliveInterval));
        }

        internal static long Ms(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

        private static void Check(TimeSpan value, string name)
        {
            if (value < TimeSpan.FromMilliseconds(1) || value > TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 1 ms and one day.");
            }
        }
    }
}
