using System;

namespace Rollback
{
    /// <summary>
    /// Records a session's confirmed inputs and checksums, from the snapshot of the first frame it sees, so the
    /// session can be replayed exactly (<see cref="ReplaySession{TState, TInput}"/>). Works with any session: it
    /// listens to the session's confirmed-frame event.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>Recording grows its buffers as frames are confirmed (amortized; the engine itself stays allocation-free).</remarks>
    public sealed class InputRecorder<TState, TInput> : IDisposable
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly IRollbackSession<TState, TInput> _session;
        private readonly FrameConfirmedHandler<TState, TInput> _handler;
        private readonly byte[] _initialSnapshot;
        private TInput[] _inputs;
        private ulong[] _checksums;
        private bool _attached;

        /// <summary>Starts recording from the next frame the session confirms.</summary>
        /// <param name="session">The session to record (any session: local, sync test, replay, peer, spectator).</param>
        public InputRecorder(IRollbackSession<TState, TInput> session)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            StartFrame = session.LastConfirmedFrame + 1;
            if (!session.TryGetSnapshot(StartFrame, out ReadOnlySpan<byte> snapshot, out _))
            {
                throw new InvalidOperationException($"The snapshot of frame {StartFrame} is not available to start a recording.");
            }

            _initialSnapshot = snapshot.ToArray();
            _inputs = new TInput[session.PlayerCount * 1024];
            _checksums = new ulong[1024];
            _handler = OnFrameConfirmed;
            session.FrameConfirmed += _handler;
            _attached = true;
        }

        /// <summary>The first recorded frame.</summary>
        public int StartFrame { get; }

        /// <summary>Frames recorded so far.</summary>
        public int FrameCount { get; private set; }

        /// <summary>The recording so far.</summary>
        /// <returns>A replay holding every frame recorded so far.</returns>
        public ReplayFile<TInput> ToReplay() =>
            ReplayFile<TInput>.Create(
                _session.PlayerCount,
                StartFrame,
                _initialSnapshot,
                new ReadOnlySpan<TInput>(_inputs, 0, FrameCount * _session.PlayerCount),
                new ReadOnlySpan<ulong>(_checksums, 0, FrameCount));

        /// <summary>Writes the recording so far to a file.</summary>
        /// <param name="path">The file path.</param>
        public void Save(string path) => ToReplay().Save(path);

        /// <summary>Stops recording; what was recorded stays available.</summary>
        public void Dispose()
        {
            if (_attached)
            {
                _session.FrameConfirmed -= _handler;
                _attached = false;
            }
        }

        private void OnFrameConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            int players = _session.PlayerCount;
            if (FrameCount == _checksums.Length)
            {
                Array.Resize(ref _checksums, _checksums.Length * 2);
                Array.Resize(ref _inputs, _checksums.Length * players);
            }

            frame.Inputs.CopyTo(new Span<TInput>(_inputs, FrameCount * players, players));
            _checksums[FrameCount] = frame.Checksum;
            FrameCount++;
        }
    }
}
