using System;

namespace Rollback
{
    /// <summary>
    /// The shape every session shares (local, sync test, replay, peer-to-peer, spectator), so a game loop,
    /// an exporter or a recorder written against one works with all of them:
    /// <code>
    /// while (!session.IsFinished)
    /// {
    ///     session.Poll();
    ///     if (session.AdvanceFrame(inputs) == Advance.Wait) continue;
    ///     Render(session.State);
    /// }
    /// </code>
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// After a call fails with an exception from user code (the simulation, a handler, a predictor) or a desync, the
    /// session is faulted: that call throws the original exception, every later call throws
    /// <see cref="SessionFaultedException"/> carrying it, and no confirmed frame is reported twice.
    /// </remarks>
    public interface IRollbackSession<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        /// <summary>
        /// Raised once for every confirmed frame, in frame order, never for a predicted frame and never again
        /// after a rollback. Handlers must not advance the session.
        /// </summary>
        event FrameConfirmedHandler<TState, TInput>? FrameConfirmed;

        /// <summary>The live state: the present frame, possibly predicted. Read it to render; never mutate it.</summary>
        TState State { get; }

        /// <summary>The next frame to simulate (the live state's <c>Frame</c>).</summary>
        int CurrentFrame { get; }

        /// <summary>The first frame the session simulates.</summary>
        int StartFrame { get; }

        /// <summary>The latest frame reported through <see cref="FrameConfirmed"/>, or <see cref="StartFrame"/> - 1 when none was.</summary>
        int LastConfirmedFrame { get; }

        /// <summary>Number of players in the simulation.</summary>
        int PlayerCount { get; }

        /// <summary>
        /// The players whose inputs <see cref="AdvanceFrame"/> takes, in the order it takes them (every player in
        /// a local session or sync test; none in a replay or spectator session).
        /// </summary>
        ReadOnlySpan<int> LocalPlayers { get; }

        /// <summary>Whether the session has ended: every frame up to its final frame is confirmed and reported.</summary>
        bool IsFinished { get; }

        /// <summary>Frames simulated and replayed, rollbacks and their depths, waits.</summary>
        RollbackStatistics Statistics { get; }

        /// <summary>Receives and sends network traffic (a no-op for sessions without a network). Call it once per tick.</summary>
        void Poll();

        /// <summary>Simulates the next frame with the local players' inputs, when the session can.</summary>
        /// <param name="localInputs">One input per entry of <see cref="LocalPlayers"/>, in that order (empty when there are none).</param>
        /// <returns><see cref="Advance.Simulated"/>, or <see cref="Advance.Wait"/> when nothing was simulated this tick.</returns>
        Advance AdvanceFrame(ReadOnlySpan<TInput> localInputs);

        /// <summary>Reads the kept snapshot of <paramref name="frame"/> (the state before it is simulated).</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="snapshot">The bytes, valid until the session runs again.</param>
        /// <param name="checksum">Their canonical checksum.</param>
        /// <returns>True when the snapshot is still kept.</returns>
        bool TryGetSnapshot(int frame, out ReadOnlySpan<byte> snapshot, out ulong checksum);
    }
}
