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

        /// <summary>The session could not run or go on (see <see cref="PeerSession{TState, TInput}.Failure"/>); nothing more is simulated or exported.</summary>
        Failed = 4,
    }
}
