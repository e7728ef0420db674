using System;
using Rollback.Network;

namespace Rollback
{
    /// <content>Frames: committing local inputs, feeding the engine, the prediction window, confirmed frames.</content>
    public sealed partial class PeerSession<TState, TInput>
    {
        /// <summary>
        /// The engine's prediction window, checked before the local inputs are committed: every player's next input the
        /// engine will lack (local players counted as committed for <paramref name="frame"/>) is recent enough.
        /// </summary>
        private bool InputsAllow(int frame)
        {
            long oldestAllowed = (long)frame + 1 - _predictionWindow;
            int limit = FeedLimit();
            for (int p = 0; p < _playerCount; p++)
            {
                if (_agreement.AgreedFrame(p) != int.MaxValue && _agreement.AgreedFrame(p) <= Math.Min(_inputs.Known(p), limit) + 1)
                {
                    continue; // every later input is the default
                }

                int known = _owner[p] < 0 ? Math.Max(_inputs.Known(p), frame + _inputDelay) : _inputs.Known(p);
                if ((long)Math.Min(known, limit) + 1 < oldestAllowed)
                {
                    return false;
                }
            }

            return true;
        }

        private void CommitLocalInputs(int frame, ReadOnlySpan<TInput> localInputs, long now)
        {
            for (int i = 0; i < _localPlayers.Length; i++)
            {
                _inputs.Store(_localPlayers[i], frame, localInputs[i], int.MaxValue);
            }

            Feed(FeedLimit());
            for (int i = 0; i < _peerCount; i++)
            {
                if (_connections[i].IsRunning)
                {
                    SendInputs(_connections[i], now);
                }
            }
        }

        /// <summary>The last frame whose inputs the engine may be given: all of them, or one past the confirmed frame while the end is gated.</summary>
        private int FeedLimit()
        {
            int limit = _end.IsGated(_engine.State) ? _engine.LastConfirmedFrame + 1 : _end.FinalFrame;
            return Math.Min(limit, _engine.LastConfirmedFrame + _feedCapacity - 1);
        }

        /// <summary>Gives the engine the inputs it may take, applies corrections and confirms frames (one at a time while gated).</summary>
        private void Pump()
        {
            while (true)
            {
                int confirmed = _engine.LastConfirmedFrame;
                bool gated = _end.IsGated(_engine.State);
                Feed(FeedLimit());
                _engine.Synchronize();
                if (!gated || _engine.LastConfirmedFrame == confirmed || !_end.EpisodeEndPending)
                {
                    return;
                }
            }
        }

        private void Feed(int limit)
        {
            for (int p = 0; p < _playerCount; p++)
            {
                int upTo = Math.Min(_inputs.Known(p), limit);
                int agreed = _agreement.AgreedFrame(p);
                if (agreed != int.MaxValue)
                {
                    upTo = Math.Min(upTo, agreed - 1);
                }

                for (int f = _inputs.Fed(p) + 1; f <= upTo; f++)
                {
                    _engine.AddRemoteInput(p, f, _inputs.Get(p, f));
                    _inputs.MarkFed(p, f);
                }
            }
        }

        private void OnEngineFrameConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            if (_end.IsBeyond(frame.Frame))
            {
                return; // past the end: never passed on, compared or served
            }

            bool isFinal = _end.OnConfirmed(in frame);
            _feed.Record(frame.Frame, frame.Inputs);
            _desync.OnConfirmed(in frame, isFinal || (_checksumInterval > 0 && frame.Frame % _checksumInterval == 0));
            _checksums.OnConfirmed(frame.Frame, frame.Checksum, isFinal, _connections, _clock());
            FrameConfirmed?.Invoke(in frame);
        }
    }
}
