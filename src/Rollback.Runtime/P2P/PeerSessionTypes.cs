using System;
using System.Globalization;
using Rollback.Network;

namespace Rollback
{
    /// <summary>Where a <see cref="PeerSession{TState, TInput}"/> is in its life.</summary>
    public enum PeerSessionState
    {
        /// <summary>Handshaking with the remote peers; <see cref="PeerSession{TState, TInput}.AdvanceFrame"/> waits.</summary>
        Synchronizing = 0,

        /// <summary>Every remote peer answered the handshake; frames are simulated.</summary>
        Running = 1,

        /// <summary>The final frame is confirmed here; the peer keeps resending until every peer has confirmed it.</summary>
        Finishing = 2,

        /// <summary>Every connected peer has confirmed the final frame.</summary>
        Finished = 3,
    }

    /// <summary>Why a <see cref="PeerSession{TState, TInput}"/> dropped a datagram. Drops never throw and never change the simulation.</summary>
    public enum DropReason
    {
        /// <summary>The codec rejected it (see <see cref="PeerSessionStatistics.Decode"/> for the detail).</summary>
        Malformed = 0,

        /// <summary>A well-formed datagram of another session.</summary>
        WrongSession = 1,

        /// <summary>From an address that is neither a peer nor a spectator of this session.</summary>
        UnknownEndpoint = 2,

        /// <summary>The header's sender does not match the address it came from.</summary>
        WrongSender = 3,

        /// <summary>Anything but a handshake before the handshake with that peer.</summary>
        BeforeHandshake = 4,

        /// <summary>Inputs of a player the sender does not own (and may not relay), a local player, or with the wrong input size.</summary>
        InvalidInput = 5,

        /// <summary>Inputs too far ahead of what this peer has to be legal.</summary>
        OutOfWindow = 6,

        /// <summary>An input contradicting one already received for the same frame.</summary>
        ConflictingInput = 7,

        /// <summary>Inputs of a player after their agreed disconnect frame, or sent directly after the player was frozen.</summary>
        AfterDisconnect = 8,

        /// <summary>A message that makes no sense from that endpoint (a spectator sending inputs, a reply to no request).</summary>
        Unexpected = 9,
    }

    /// <summary>A checksum disagreement on a confirmed frame: the simulations diverged.</summary>
    public readonly struct PeerDesync
    {
        /// <summary>Creates a record.</summary>
        /// <param name="frame">The confirmed frame.</param>
        /// <param name="localChecksum">This peer's checksum of the state after that frame.</param>
        /// <param name="remoteChecksum">The remote peer's.</param>
        /// <param name="remotePlayer">The first player of the remote peer that reported it.</param>
        public PeerDesync(int frame, ulong localChecksum, ulong remoteChecksum, int remotePlayer)
        {
            Frame = frame;
            LocalChecksum = localChecksum;
            RemoteChecksum = remoteChecksum;
            RemotePlayer = remotePlayer;
        }

        /// <summary>The confirmed frame.</summary>
        public int Frame { get; }

        /// <summary>This peer's checksum of the state after the frame.</summary>
        public ulong LocalChecksum { get; }

        /// <summary>The remote peer's checksum.</summary>
        public ulong RemoteChecksum { get; }

        /// <summary>The first player of the remote peer that reported it.</summary>
        public int RemotePlayer { get; }

        /// <inheritdoc />
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "desync at frame {0}: local {1:x16}, player {2}'s peer {3:x16}",
            Frame,
            LocalChecksum,
            RemotePlayer,
            RemoteChecksum);
    }

    /// <summary>Raised when a checksum of a confirmed frame differs from a remote peer's.</summary>
    /// <param name="desync">The frame and both checksums.</param>
    public delegate void PeerDesyncHandler(in PeerDesync desync);

    /// <summary>Raised when the peers agreed on the frame from which a player's input is the default input.</summary>
    /// <param name="player">The player.</param>
    /// <param name="frame">The first frame played with the default input for them, on every peer.</param>
    public delegate void PlayerDisconnectedHandler(int player, int frame);

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

        /// <summary>Whether nothing was heard from it for <see cref="PeerSessionOptions{TInput}.InterruptedAfterMs"/>.</summary>
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

    /// <summary>Network figures of a whole <see cref="PeerSession{TState, TInput}"/> or <see cref="SpectatorSession{TState, TInput}"/>.</summary>
    public sealed class PeerSessionStatistics
    {
        private readonly long[] _dropped = new long[(int)DropReason.Unexpected + 1];

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
