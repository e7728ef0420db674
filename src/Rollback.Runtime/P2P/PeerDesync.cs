using System.Globalization;

namespace Rollback
{
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
}
