using System;

namespace Rollback
{
    /// <summary>Receives the record of a confirmed frame. Nothing is boxed or allocated to call it.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <param name="frame">The record; valid only during the call.</param>
    public delegate void FrameConfirmedHandler<TState, TInput>(in ConfirmedFrame<TState, TInput> frame)
        where TState : class, IRollbackState
        where TInput : unmanaged;

    /// <summary>
    /// The final record of one frame: every player's input was known and the frame was simulated with
    /// them. Raised exactly once per frame, in frame order; identical on every peer.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// The record borrows the engine's memory: use it only inside the handler, and do not keep
    /// <see cref="Inputs"/>, <see cref="Snapshot"/> or <see cref="State"/> beyond it.
    /// </remarks>
    public readonly ref struct ConfirmedFrame<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly RollbackEngine<TState, TInput> _engine;

        internal ConfirmedFrame(
            RollbackEngine<TState, TInput> engine,
            int frame,
            int episode,
            int stepNum,
            ReadOnlySpan<TInput> inputs,
            ReadOnlySpan<byte> snapshot)
        {
            _engine = engine;
            Frame = frame;
            Episode = episode;
            StepNum = stepNum;
            Inputs = inputs;
            Snapshot = snapshot;
        }

        /// <summary>The frame that was simulated.</summary>
        public int Frame { get; }

        /// <summary>The episode the step of this frame belongs to.</summary>
        public int Episode { get; }

        /// <summary>
        /// Steps taken in <see cref="Episode"/> including this one (1 for the first step of an episode);
        /// equal to <see cref="IRollbackState.StepNum"/> of <see cref="State"/>.
        /// </summary>
        public int StepNum { get; }

        /// <summary>The confirmed inputs of this frame, one per player in player order.</summary>
        public ReadOnlySpan<TInput> Inputs { get; }

        /// <summary>
        /// The canonical checksum of the state after this frame was stepped (the snapshot of <c>Frame + 1</c>);
        /// computed on first access and kept with the snapshot.
        /// </summary>
        public ulong Checksum => _engine.SnapshotChecksum(Frame + 1);

        /// <summary>The snapshot bytes of the state after this frame was stepped (the snapshot of <c>Frame + 1</c>).</summary>
        public ReadOnlySpan<byte> Snapshot { get; }

        /// <summary>
        /// The confirmed state after this frame was stepped, restored from <see cref="Snapshot"/> into a
        /// scratch instance the engine owns (no allocation; restored on first access). Treat it as
        /// read-only: it is overwritten for the next record. Its <c>Frame</c> is <see cref="Frame"/> + 1.
        /// </summary>
        public TState State => _engine.ConfirmedState(Frame);
    }
}
