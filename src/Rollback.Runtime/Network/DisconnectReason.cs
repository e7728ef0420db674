namespace Rollback.Network
{
    /// <summary>Why a player left.</summary>
    public enum DisconnectReason : byte
    {
        /// <summary>The player left on purpose.</summary>
        Left = 0,

        /// <summary>Nothing was heard from the player for too long.</summary>
        TimedOut = 1,

        /// <summary>The player's checksums disagreed.</summary>
        Desynced = 2,

        /// <summary>The player was removed by the host.</summary>
        Kicked = 3,

        /// <summary>The player's process restarted while the session ran (a new handshake nonce under the same session id).</summary>
        Restarted = 4,

        /// <summary>A spectator fell further behind than the host keeps history for.</summary>
        TooFarBehind = 5,
    }
}
