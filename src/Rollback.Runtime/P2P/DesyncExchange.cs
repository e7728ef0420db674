using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Rollback.Collections;
using Rollback.Forensics;

namespace Rollback
{
    /// <summary>
    /// Peer-to-peer desync reports: keeps this peer's snapshots of the frames whose checksums are reported (bounded) and the
    /// confirmed inputs before them; on a mismatch sends the divergent frame's snapshot over the connection's reliable
    /// <see cref="PayloadChannel"/>, and once the remote's arrives (or cannot) raises one <see cref="PeerDesyncReport"/> per
    /// remote peer and writes the desync bundle. Nothing here blocks the game loop: the exchange advances on each poll.
    /// </summary>
    internal sealed class DesyncExchange<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        /// <summary>Reported frames whose snapshot is kept while it awaits comparison.</summary>
        public const int KeptSnapshots = 16;

        /// <summary>Bytes of the payload header before the snapshot.</summary>
        public const int HeaderSize = 1 + 1 + 4 + 8 + 4;

        private const byte Magic = 0xD5;
        private const byte StatusSnapshot = 0;
        private const byte StatusTooLarge = 1;
        private const byte StatusNotKept = 2;

        private readonly int _maxBytes;
        private readonly string? _bundleFolder;
        private readonly Func<TState> _createState;
        private readonly int _playerCount;
        private readonly long _timeoutMs;
        private readonly string _localLabel;
        private readonly string _localName;
        private readonly KeyValuePair<string, string>[] _settings;
        private readonly FrameRing<Kept> _snapshots = new FrameRing<Kept>(KeptSnapshots);
        private const int MinKeptSize = 16 * 1024;
        private int _keptSize;   // the size every kept snapshot copy is brought to
        private readonly FrameRing<TInput[]> _inputs;
        private readonly Link[] _links;

        public DesyncExchange(int connections, int maxBytes, string? bundleFolder, Func<TState> createState, int playerCount, int checksumInterval, long timeoutMs, int localPlayer, KeyValuePair<string, string>[] settings)
        {
            _maxBytes = maxBytes;
            _bundleFolder = bundleFolder;
            _createState = createState;
            _playerCount = playerCount;
            _timeoutMs = timeoutMs;
            _localLabel = localPlayer >= 0 ? "player " + localPlayer + "'s peer" : "spectating peer";
            _localName = localPlayer >= 0 ? "player" + localPlayer : "nobody";
            _settings = settings;
            _inputs = new FrameRing<TInput[]>(Math.Min(8192, Math.Max(64, (Math.Max(1, checksumInterval) * 2) + 16)));
            _links = new Link[connections];
            for (int i = 0; i < connections; i++)
            {
                _links[i] = new Link();
            }
        }

        /// <summary>Raised once per remote peer whose checksum differed.</summary>
        public event PeerDesyncReportHandler? Reported;

        /// <summary>Whether the exchange is on (a positive bound).</summary>
        public bool Enabled => _maxBytes > 0;

        /// <summary>The largest payload a connection accepts for it.</summary>
        public static int IncomingBound(int maxBytes) => maxBytes > 0 ? maxBytes + HeaderSize : 0;

        /// <summary>Whether an exchange with a live peer is still in progress (the session is not finished before it ends).</summary>
        public bool Busy(IReadOnlyList<PeerConnection> connections)
        {
            for (int i = 0; i < _links.Length; i++)
            {
                Link link = _links[i];
                PeerConnection c = connections[i];
                if (link.Frame >= 0 && c.IsRunning && !c.IsDone && (!link.Reported || (link.Outcome == DesyncSnapshotOutcome.Exchanged && (c.Payload.IsSending || link.Outgoing is not null))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A frame was confirmed: keep its inputs, and its snapshot when its checksum is reported.</summary>
        public void OnConfirmed(in ConfirmedFrame<TState, TInput> frame, bool reported)
        {
            if (!Enabled)
            {
                return;
            }

            ref TInput[] inputs = ref _inputs.Claim(frame.Frame);
            if (inputs is null || inputs.Length != _playerCount)
            {
                inputs = new TInput[_playerCount];
            }

            frame.Inputs.CopyTo(inputs);
            if (!reported)
            {
                return;
            }

            ref Kept kept = ref _snapshots.Claim(frame.Frame);
            ReadOnlySpan<byte> bytes = frame.Snapshot;
            kept.Checksum = frame.Checksum;
            kept.Length = bytes.Length;
            if (bytes.Length > _maxBytes)
            {
                return; // too large to send: only its length is kept
            }

            if (bytes.Length > _keptSize)
            {
                // Headroom, and every kept copy follows on its next use: a state that peaks once costs one round of growth.
                _keptSize = (int)Math.Min(_maxBytes, Math.Max(MinKeptSize, 2L * bytes.Length));
            }

            if (kept.Bytes is null || kept.Bytes.Length < _keptSize)
            {
                kept.Bytes = new byte[_keptSize];
            }

            bytes.CopyTo(kept.Bytes);
        }

        /// <summary>The checksums of a confirmed frame differ with <paramref name="c"/>: send this peer's snapshot of it.</summary>
        public void OnMismatch(PeerConnection c, in PeerDesync desync, long now)
        {
            Link link = _links[c.Index];
            if (!Enabled || link.Frame >= 0)
            {
                return; // one report per remote peer: the first divergent frame
            }

            link.RemotePlayer = desync.RemotePlayer;
            link.StartedMs = now;
            Start(c, link, desync.Frame, desync.LocalChecksum, desync.RemoteChecksum);
        }

        /// <summary>A reliable payload arrived from <paramref name="c"/>.</summary>
        public void OnPayload(PeerConnection c, byte[] payload)
        {
            if (!Enabled || payload.Length < HeaderSize || payload[0] != Magic)
            {
                return;
            }

            Link link = _links[c.Index];
            int frame = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(2));
            ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(payload.AsSpan(6));
            int length = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(14));
            byte status = payload[1];
            if (frame < 0 || (status == StatusSnapshot && length != payload.Length - HeaderSize) || link.Reported)
            {
                return;
            }

            if (link.Frame >= 0 && frame > link.Frame)
            {
                return; // the remote found a later frame first: it gets this side's earlier one and switches to it
            }

            if (link.Frame >= 0 && frame < link.Frame && _snapshots.TryGet(frame, out Kept kept))
            {
                // The remote found an earlier divergent frame (this side's report of it was delayed): both settle on it.
                Start(c, link, frame, kept.Checksum, checksum);
            }

            link.RemoteFrame = frame;
            link.RemoteStatus = status;
            link.Remote = status == StatusSnapshot ? payload.AsSpan(HeaderSize).ToArray() : null;
            TryReport(link);
        }

        private void Start(PeerConnection c, Link link, int frame, ulong localChecksum, ulong remoteChecksum)
        {
            link.Frame = frame;
            link.LocalChecksum = localChecksum;
            link.RemoteChecksum = remoteChecksum;
            link.Local = null;
            byte status;
            ReadOnlySpan<byte> body = default;
            if (!_snapshots.TryGet(frame, out Kept kept))
            {
                status = StatusNotKept;
            }
            else if (kept.Length > _maxBytes)
            {
                status = StatusTooLarge;
            }
            else
            {
                status = StatusSnapshot;
                body = kept.Bytes.AsSpan(0, kept.Length);
                link.Local = body.ToArray();
            }

            link.LocalStatus = status;
            var payload = new byte[HeaderSize + body.Length];
            payload[0] = Magic;
            payload[1] = status;
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(2), frame);
            BinaryPrimitives.WriteUInt64LittleEndian(payload.AsSpan(6), localChecksum);
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(14), status == StatusTooLarge ? kept.Length : body.Length);
            body.CopyTo(payload.AsSpan(HeaderSize));
            link.Outgoing = payload;
            Flush(c, link);
            TryReport(link);
        }

        private static void Flush(PeerConnection c, Link link)
        {
            if (link.Outgoing is not null && !c.Payload.IsSending)
            {
                c.Payload.Send(link.Outgoing);
                link.Outgoing = null;
            }
        }

        /// <summary>Gives up on exchanges that took longer than the timeout, or whose peer is gone.</summary>
        public void Tick(IReadOnlyList<PeerConnection> connections, long now)
        {
            for (int i = 0; i < _links.Length; i++)
            {
                Link link = _links[i];
                if (link.Frame >= 0 && connections[i].IsRunning)
                {
                    Flush(connections[i], link); // a payload queued behind one still being sent
                }

                if (link.Frame < 0 || link.Reported)
                {
                    continue;
                }

                if (now - link.StartedMs > _timeoutMs || !connections[i].IsRunning)
                {
                    Report(link, DesyncSnapshotOutcome.TimedOut);
                }
            }
        }

        private void TryReport(Link link)
        {
            if (link.Reported || link.Frame < 0)
            {
                return;
            }

            if (link.LocalStatus == StatusTooLarge)
            {
                Report(link, DesyncSnapshotOutcome.LocalSnapshotTooLarge);
                return;
            }

            if (link.LocalStatus == StatusNotKept)
            {
                Report(link, DesyncSnapshotOutcome.SnapshotNotKept);
                return;
            }

            if (link.RemoteFrame != link.Frame)
            {
                return; // not (yet) the remote's snapshot of this frame
            }

            switch (link.RemoteStatus)
            {
                case StatusTooLarge:
                    Report(link, DesyncSnapshotOutcome.RemoteSnapshotTooLarge);
                    return;
                case StatusNotKept:
                    Report(link, DesyncSnapshotOutcome.SnapshotNotKept);
                    return;
                default:
                    Report(link, DesyncSnapshotOutcome.Exchanged);
                    return;
            }
        }

        private void Report(Link link, DesyncSnapshotOutcome outcome)
        {
            link.Reported = true;
            link.Outcome = outcome;
            byte[]? remote = outcome == DesyncSnapshotOutcome.Exchanged ? link.Remote : null;
            StateDifferenceList? differences = null;
            string? error = null;
            if (remote is not null && link.Local is not null)
            {
                try
                {
                    differences = StateDifferences.FromSnapshots(link.Local, remote, _createState);
                }
                catch (Exception e) when (e is SnapshotFormatException || e is ArgumentException || e is IndexOutOfRangeException || e is InvalidOperationException)
                {
                    error = "the remote snapshot could not be read: " + e.Message; // a peer's bytes never throw out of the session
                }
            }

            var report = new PeerDesyncReport(link.Frame, link.LocalChecksum, link.RemoteChecksum, link.RemotePlayer, outcome, differences, link.Local, remote);
            if (_bundleFolder is not null && link.Local is not null)
            {
                WriteBundle(report, link, remote, error);
            }
            else
            {
                report.BundleError = error;
            }

            Reported?.Invoke(report);
        }

        private void WriteBundle(PeerDesyncReport report, Link link, byte[]? remote, string? error)
        {
            try
            {
                // The anchor: the oldest kept snapshot before the frame from which every confirmed input is still kept.
                int anchorAfter = link.Frame;
                for (int f = link.Frame - 1; f >= link.Frame - (KeptSnapshots * 8192) && f >= 0; f--)
                {
                    if (!_inputs.Contains(f + 1))
                    {
                        break;
                    }

                    if (_snapshots.TryGet(f, out Kept k) && k.Bytes is not null && k.Length <= _maxBytes)
                    {
                        anchorAfter = f;
                    }
                }

                byte[] anchor = anchorAfter == link.Frame ? link.Local! : _snapshots[anchorAfter].Bytes.AsSpan(0, _snapshots[anchorAfter].Length).ToArray();
                int count = link.Frame - anchorAfter;
                var inputs = new TInput[count * _playerCount];
                for (int i = 0; i < count; i++)
                {
                    _inputs[anchorAfter + 1 + i].CopyTo(inputs, i * _playerCount);
                }

                string remoteLabel = "player " + link.RemotePlayer + "'s peer";
                DesyncBundle bundle = DesyncBundle.Create<TState, TInput>(
                    link.Frame, link.Local, remote ?? ReadOnlySpan<byte>.Empty, link.LocalChecksum, link.RemoteChecksum,
                    anchorAfter + 1, anchor, _playerCount, inputs, _settings, remote is null ? null : _createState, _localLabel, remoteLabel);
                string folder = Path.Combine(_bundleFolder!, $"desync-frame{link.Frame}-{_localName}-vs-player{link.RemotePlayer}");
                report.BundlePath = bundle.Save(folder);
                report.BundleError = error;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SnapshotFormatException || e is ArgumentException)
            {
                report.BundleError = error ?? e.Message;
            }
        }

        private struct Kept
        {
            public byte[] Bytes;
            public int Length;
            public ulong Checksum;
        }

        private sealed class Link
        {
            public int Frame = -1;
            public ulong LocalChecksum;
            public ulong RemoteChecksum;
            public int RemotePlayer;
            public long StartedMs;
            public byte LocalStatus;
            public byte[]? Local;
            public int RemoteFrame = -1;
            public byte RemoteStatus;
            public byte[]? Remote;
            public bool Reported;
            public byte[]? Outgoing;
            public DesyncSnapshotOutcome Outcome;
        }
    }
}
