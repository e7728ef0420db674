using System.Globalization;
using Rollback.Network;

namespace Rollback
{
    /// <summary>Network figures of one remote peer (or spectator), as seen from this peer.</summary>
    public sealed class RemotePeerStatistics
    {
        internal RemotePeerStatistics(PeerAddress address, int firstPlayer)
        {
            Address = address;
            FirstPlayer = firstPlayer;
        }

        /// <summary>The peer's address.</summary>
        public PeerAddress Address { get; }

        /// <summary>The lowest player index the peer owns, or -1 for a spectator.</summary>
        public int FirstPlayer { get; }

        /// <summary>Whether the handshake completed.</summary>
        public bool Synchronized { get; internal set; }

        /// <summary>Whether the peer refused the handshake (its configuration differs).</summary>
        public bool Rejected { get; internal set; }

        /// <summary>Whether the peer was dropped (timeout or notice).</summary>
        public bool Disconnected { get; internal set; }

        /// <summary>Whether nothing was heard from it for <see cref="PeerTimingOptions.InterruptedAfter"/>.</summary>
        public bool Interrupted { get; internal set; }

        /// <summary>Smoothed round trip, in milliseconds (-1 before the first measurement).</summary>
        public int RoundTripMs { get; internal set; } = -1;

        /// <summary>How many frames this peer is ahead of the remote one, as estimated here (negative: behind).</summary>
        public int LocalFrameAdvantage { get; internal set; }

        /// <summary>How many frames the remote peer is ahead of this one, as it last reported.</summary>
        public int RemoteFrameAdvantage { get; internal set; }

        /// <summary>The last frame the remote peer reported being at.</summary>
        public int RemoteFrame { get; internal set; } = -1;

        /// <summary>The last frame of this peer's inputs the remote peer acknowledged.</summary>
        public int AckedFrame { get; internal set; } = -1;

        /// <summary>Datagrams sent to it.</summary>
        public long DatagramsSent { get; internal set; }

        /// <summary>Bytes sent to it.</summary>
        public long BytesSent { get; internal set; }

        /// <summary>Datagrams received from it and accepted.</summary>
        public long DatagramsReceived { get; internal set; }

        /// <summary>Bytes received from it and accepted.</summary>
        public long BytesReceived { get; internal set; }

        /// <summary>Checksum comparisons made with it.</summary>
        public long ChecksumsCompared { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0}: rtt {1} ms, advantage {2}/{3}, sent {4} ({5} B), received {6} ({7} B){8}",
            FirstPlayer < 0 ? "spectator" : "player " + FirstPlayer.ToString(CultureInfo.InvariantCulture),
            RoundTripMs,
            LocalFrameAdvantage,
            RemoteFrameAdvantage,
            DatagramsSent,
            BytesSent,
            DatagramsReceived,
            BytesReceived,
            Disconnected ? ", disconnected" : Interrupted ? ", interrupted" : string.Empty);
    }
}
