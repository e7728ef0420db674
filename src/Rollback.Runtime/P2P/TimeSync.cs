using System;
using System.Collections.Generic;

namespace Rollback
{
    /// <summary>The last few frame-advantage estimates of one connection: this side's, and the remote's as it reported them.</summary>
    internal sealed class AdvantageSamples
    {
        public const int Count = 8;

        private readonly int[] _local = new int[Count];
        private readonly int[] _remote = new int[Count];
        private int _localCount;
        private int _remoteCount;

        public bool HasBoth => _localCount > 0 && _remoteCount > 0;

        public int LocalAverage => Average(_local, _localCount);

        public int RemoteAverage => Average(_remote, _remoteCount);

        public void AddLocal(int advantage) => _local[_localCount++ % Count] = advantage;

        public void AddRemote(int advantage) => _remote[_remoteCount++ % Count] = advantage;

        private static int Average(int[] samples, int count)
        {
            int n = Math.Min(count, samples.Length);
            if (n == 0)
            {
                return 0;
            }

            int sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += samples[i];
            }

            return sum / n;
        }
    }

    /// <summary>
    /// Time sync: from the frame advantages measured with every running peer, how many frames this peer should wait so
    /// that no peer runs far ahead of another (half the difference between this side's estimate and the remote's, as
    /// GGPO does), renewed at an interval and clamped.
    /// </summary>
    internal sealed class TimeSync
    {
        private readonly bool _enabled;
        private readonly int _min;
        private readonly int _max;
        private readonly long _intervalMs;
        private long _lastUpdateMs = long.MinValue;

        public TimeSync(TimeSyncOptions options)
        {
            _enabled = options.Enabled;
            _min = options.MinFrames;
            _max = options.MaxFrames;
            _intervalMs = PeerTimingOptions.Ms(options.Interval);
        }

        /// <summary>Frames still to wait.</summary>
        public int FramesToWait { get; private set; }

        /// <summary>Renews the advice when the interval has passed.</summary>
        public void Update(long now, IReadOnlyList<PeerConnection> connections)
        {
            if (_lastUpdateMs == long.MinValue)
            {
                _lastUpdateMs = now;
                return;
            }

            if (now - _lastUpdateMs < _intervalMs)
            {
                return;
            }

            _lastUpdateMs = now;
            int advice = 0;
            for (int i = 0; i < connections.Count; i++)
            {
                PeerConnection c = connections[i];
                if (c.IsSpectator || !c.IsRunning || !c.Advantage.HasBoth)
                {
                    continue;
                }

                advice = Math.Max(advice, (c.Advantage.LocalAverage - c.Advantage.RemoteAverage) / 2);
            }

            FramesToWait = _enabled && advice >= _min ? Math.Min(advice, _max) : 0;
        }

        /// <summary>Takes one frame of waiting, if any is owed.</summary>
        /// <returns>Whether this frame is waited.</returns>
        public bool TakeWait()
        {
            if (FramesToWait <= 0)
            {
                return false;
            }

            FramesToWait--;
            return true;
        }
    }
}
