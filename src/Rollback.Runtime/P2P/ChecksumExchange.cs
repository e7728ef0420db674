using System;
using System.Collections.Generic;
using Rollback.Collections;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// Checksum exchange and desync detection, the one place a mismatch is found: this peer's checksums of confirmed frames
    /// (at an interval, and the final frame) are reported to every running peer and resent until acknowledged; reports from
    /// peers are acknowledged and compared once the frame is confirmed here. A mismatch raises <see cref="Mismatch"/> with
    /// the frame (the first one reported is the first divergent interval on both sides, since every report arrives).
    /// </summary>
    internal sealed class ChecksumExchange
    {
        /// <summary>Confirmed frames whose checksum is kept for comparison.</summary>
        public const int History = 1024;

        /// <summary>Reports kept per peer (sent but not acknowledged, or received ahead of confirmation).</summary>
        public const int MaxOutstanding = 64;

        private readonly FrameRing<ulong> _local = new FrameRing<ulong>(History);
        private readonly int _interval;
        private readonly long _resendMs;
        private readonly NetworkStatistics _statistics;
        private readonly Link[] _links;

        public ChecksumExchange(int connections, int interval, long resendMs, NetworkStatistics statistics)
        {
            _interval = interval;
            _resendMs = resendMs;
            _statistics = statistics;
            _links = new Link[connections];
            for (int i = 0; i < connections; i++)
            {
                _links[i] = new Link();
            }
        }

        /// <summary>Raised when a peer's checksum of a confirmed frame differs from this peer's.</summary>
        public event PeerDesyncHandler? Mismatch;

        /// <summary>The first frame found divergent, or -1.</summary>
        public int FirstMismatch { get; private set; } = -1;

        /// <summary>The highest frame <paramref name="connection"/> reported a checksum for.</summary>
        public int HighestReported(int connection) => _links[connection].HighestReported;

        /// <summary>Whether every report to <paramref name="connection"/> was acknowledged.</summary>
        public bool AllAcknowledged(int connection) => _links[connection].OutCount == 0;

        /// <summary>The checksum of a confirmed frame, if still kept.</summary>
        public bool TryGetLocal(int frame, out ulong checksum) => _local.TryGet(frame, out checksum);

        /// <summary>A frame was confirmed here: keep its checksum and report it when it is due.</summary>
        public void OnConfirmed(int frame, ulong checksum, bool isFinal, IReadOnlyList<PeerConnection> connections, long now)
        {
            _local.Set(frame, checksum);
            if (!isFinal && (_interval <= 0 || frame % _interval != 0))
            {
                return;
            }

            for (int i = 0; i < connections.Count; i++)
            {
                PeerConnection c = connections[i];
                if (c.IsSpectator || !c.IsRunning)
                {
                    continue;
                }

                _links[c.Index].Queue(frame);
                SendReport(c, frame, checksum, now);
            }
        }

        /// <summary>A peer reported its checksum of <paramref name="frame"/>: acknowledge, compare now or once confirmed.</summary>
        public void OnReport(PeerConnection c, int frame, ulong checksum, int lastConfirmed, long now)
        {
            if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), new ChecksumAck(frame), out int n))
            {
                c.Send(n, now);
            }

            Link link = _links[c.Index];
            link.HighestReported = Math.Max(link.HighestReported, frame);
            if (frame <= lastConfirmed)
            {
                Compare(c, frame, checksum);
            }
            else
            {
                link.Pend(frame, checksum);
            }
        }

        /// <summary>A peer acknowledged this peer's report of <paramref name="frame"/>.</summary>
        public void OnAck(PeerConnection c, int frame) => _links[c.Index].Acknowledge(frame);

        /// <summary>Compares reports that were ahead and are now confirmed; resends unacknowledged reports that are due.</summary>
        public void Tick(int lastConfirmed, IReadOnlyList<PeerConnection> connections, long now)
        {
            for (int i = 0; i < connections.Count; i++)
            {
                PeerConnection c = connections[i];
                if (c.IsSpectator)
                {
                    continue;
                }

                Link link = _links[c.Index];
                for (int k = 0; k < link.PendCount;)
                {
                    if (link.PendFrames[k] <= lastConfirmed)
                    {
                        Compare(c, link.PendFrames[k], link.PendSums[k]);
                        link.RemovePending(k);
                    }
                    else
                    {
                        k++;
                    }
                }

                if (!c.IsRunning || link.OutCount == 0 || now - link.LastSentMs < _resendMs)
                {
                    continue;
                }

                link.LastSentMs = now;
                for (int k = 0; k < link.OutCount; k++)
                {
                    int frame = link.OutFrames[k];
                    if (_local.TryGet(frame, out ulong checksum))
                    {
                        SendReport(c, frame, checksum, now);
                        _statistics.ChecksumsResent++;
                    }
                }
            }
        }

        private void Compare(PeerConnection c, int frame, ulong remote)
        {
            if (!_local.TryGet(frame, out ulong local) || _links[c.Index].Compared.Contains(frame))
            {
                return; // too old to compare, or a resent copy already compared
            }

            _links[c.Index].Compared.Set(frame, true);
            _statistics.ChecksumsCompared++;
            c.Stats.ChecksumsCompared++;
            if (local == remote)
            {
                return;
            }

            _statistics.Desyncs++;
            if (FirstMismatch < 0 || frame < FirstMismatch)
            {
                FirstMismatch = frame;
            }

            var desync = new PeerDesync(frame, local, remote, c.FirstPlayer);
            Mismatch?.Invoke(in desync);
        }

        private void SendReport(PeerConnection c, int frame, ulong checksum, long now)
        {
            _links[c.Index].LastSentMs = now;
            if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), new ChecksumReport(frame, checksum), out int n))
            {
                c.Send(n, now);
            }
        }

        /// <summary>The exchange with one peer.</summary>
        private sealed class Link
        {
            public readonly FrameRing<bool> Compared = new FrameRing<bool>(History);
            public readonly int[] OutFrames = new int[MaxOutstanding];
            public readonly int[] PendFrames = new int[MaxOutstanding];
            public readonly ulong[] PendSums = new ulong[MaxOutstanding];
            public int OutCount;
            public int PendCount;
            public int HighestReported = -1;
            public long LastSentMs;

            public void Queue(int frame)
            {
                if (OutCount == OutFrames.Length)
                {
                    Array.Copy(OutFrames, 1, OutFrames, 0, OutCount - 1); // the oldest report gives way
                    OutCount--;
                }

                OutFrames[OutCount++] = frame;
            }

            public void Acknowledge(int frame)
            {
                for (int k = 0; k < OutCount; k++)
                {
                    if (OutFrames[k] == frame)
                    {
                        Array.Copy(OutFrames, k + 1, OutFrames, k, OutCount - k - 1);
                        OutCount--;
                        return;
                    }
                }
            }

            public void Pend(int frame, ulong checksum)
            {
                for (int k = 0; k < PendCount; k++)
                {
                    if (PendFrames[k] == frame)
                    {
                        return; // a resent copy
                    }
                }

                if (PendCount == PendFrames.Length)
                {
                    return; // far ahead of this peer: it will be resent
                }

                PendFrames[PendCount] = frame;
                PendSums[PendCount] = checksum;
                PendCount++;
            }

            public void RemovePending(int k)
            {
                PendCount--;
                PendFrames[k] = PendFrames[PendCount];
                PendSums[k] = PendSums[PendCount];
            }
        }
    }
}
