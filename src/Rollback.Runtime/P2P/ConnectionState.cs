namespace Rollback
{
    /// <summary>Where one <see cref="PeerConnection"/> is in its life.</summary>
    internal enum ConnectionState
    {
        /// <summary>Handshaking: requests sent (or awaited), no reply yet.</summary>
        Synchronizing = 0,

        /// <summary>The handshake completed: inputs, acks, reports and keep-alives flow.</summary>
        Running = 1,

        /// <summary>The endpoint was dropped (timeout, notice, restart); nothing is taken from it any more.</summary>
        Disconnected = 2,

        /// <summary>The handshake failed (refused, mismatched, timed out): the session cannot run with this endpoint.</summary>
        Failed = 3,
    }

    /// <summary>What <see cref="PeerConnection.Receive"/> did with a datagram.</summary>
    internal enum Reception
    {
        /// <summary>Dropped (the reason is counted).</summary>
        Dropped = 0,

        /// <summary>A protocol message the connection handled itself (handshake, keep-alive, quality).</summary>
        Handled = 1,

        /// <summary>A message for the session (inputs, acks, checksums, disconnect notices, confirmed inputs).</summary>
        Deliver = 2,

        /// <summary>The endpoint restarted while the connection ran (a new nonce); the request was refused.</summary>
        Restarted = 3,

        /// <summary>The handshake failed just now (see <see cref="PeerConnection.Failure"/>).</summary>
        Failed = 4,
    }

    /// <summary>What <see cref="PeerConnection.Tick"/> found.</summary>
    internal enum ConnectionAlarm
    {
        /// <summary>Nothing to report.</summary>
        None = 0,

        /// <summary>A running endpoint fell silent for the disconnect timeout.</summary>
        TimedOut = 1,

        /// <summary>The handshake timed out (see <see cref="PeerConnection.Failure"/>).</summary>
        Failed = 2,
    }
}
