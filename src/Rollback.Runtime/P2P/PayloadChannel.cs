using System;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// A reliable payload over one <see cref="PeerConnection"/>: a byte array larger than a datagram, cut into chunks, sent
    /// in windows of <c>SendWindow</c> datagrams from the receiver's acknowledged offset every resend interval, and
    /// reassembled on the other side (out-of-order chunks are kept). One payload in flight per direction; the receiver
    /// refuses payloads larger than its bound. Meant for data such as a divergent frame's snapshot bytes.
    /// </summary>
    internal sealed class PayloadChannel
    {
        /// <summary>Bytes per chunk (every chunk but the last is this long).</summary>
        public const int ChunkSize = ProtocolCodec.MaxChunkSize;

        private readonly int _window;
        private readonly long _resendMs;
        private readonly int _maxIncoming;
        private byte[]? _out;
        private uint _outId;
        private int _outAcked;
        private long _lastSentMs = long.MinValue / 2;
        private uint _nextId = 1;
        private byte[]? _in;
        private bool[]? _have;
        private uint _inId;
        private int _inContiguous;
        private uint _lastCompleted;

        public PayloadChannel(int window, long resendMs, int maxIncoming)
        {
            _window = window;
            _resendMs = resendMs;
            _maxIncoming = maxIncoming;
        }

        /// <summary>Raised once when a payload from the remote is complete (the array is the receiver's to keep).</summary>
        public event Action<uint, byte[]>? Received;

        /// <summary>Raised once when the remote acknowledged all of this side's payload.</summary>
        public event Action<uint>? Delivered;

        /// <summary>Whether a payload of this side is still being sent.</summary>
        public bool IsSending => _out is not null;

        /// <summary>Payloads refused for exceeding the receiver's bound, or chunks that did not fit the payload.</summary>
        public long Refused { get; private set; }

        /// <summary>Starts sending <paramref name="payload"/> (copied).</summary>
        /// <returns>The payload's id.</returns>
        public uint Send(ReadOnlySpan<byte> payload)
        {
            if (_out is not null)
            {
                throw new InvalidOperationException("A payload is already being sent on this connection.");
            }

            if (payload.Length > Protocol.MaxPayloadSize)
            {
                throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"A payload holds at most {Protocol.MaxPayloadSize} bytes.");
            }

            _out = payload.ToArray();
            _outId = _nextId++;
            _outAcked = 0;
            _lastSentMs = long.MinValue / 2;
            return _outId;
        }

        /// <summary>Sends the window of unacknowledged chunks when the resend interval has passed.</summary>
        public void Tick(PeerConnection c, long now)
        {
            if (_out is null || now - _lastSentMs < _resendMs)
            {
                return;
            }

            _lastSentMs = now;
            int offset = _outAcked;
            for (int d = 0; d < _window && (offset < _out.Length || (offset == 0 && _out.Length == 0)); d++)
            {
                int length = Math.Min(ChunkSize, _out.Length - offset);
                if (ProtocolCodec.TryEncodePayloadChunk(c.Buffer, c.Envelope(), _outId, _out.Length, offset, _out.AsSpan(offset, length), out int n))
                {
                    c.Send(n, now);
                }

                offset += length;
                if (length == 0)
                {
                    break;
                }
            }
        }

        /// <summary>The remote acknowledged <paramref name="ack"/>.</summary>
        public void OnAck(in PayloadAck ack)
        {
            if (_out is null || ack.Transfer != _outId || ack.Received < _outAcked)
            {
                return;
            }

            _outAcked = Math.Min(ack.Received, _out.Length);
            if (_outAcked >= _out.Length)
            {
                _out = null;
                Delivered?.Invoke(_outId);
            }
        }

        /// <summary>A chunk arrived: keep it, acknowledge what is contiguous, complete the payload when whole.</summary>
        public void OnChunk(PeerConnection c, in PayloadChunk chunk, ReadOnlySpan<byte> bytes, long now)
        {
            if (chunk.Transfer == _lastCompleted && _lastCompleted != 0)
            {
                Ack(c, chunk.Transfer, chunk.Total, now); // a resent chunk of a finished payload: the ack was lost
                return;
            }

            if (chunk.Total > _maxIncoming || chunk.Offset % ChunkSize != 0 || chunk.Length != Math.Min(ChunkSize, chunk.Total - chunk.Offset))
            {
                Refused++;
                return;
            }

            if (_in is null || chunk.Transfer != _inId || _in.Length != chunk.Total)
            {
                _in = new byte[chunk.Total];
                _have = new bool[Math.Max(1, (chunk.Total + ChunkSize - 1) / ChunkSize)];
                _inId = chunk.Transfer;
                _inContiguous = 0;
            }

            int index = chunk.Offset / ChunkSize;
            if (!_have![index])
            {
                bytes.CopyTo(_in.AsSpan(chunk.Offset, chunk.Length));
                _have[index] = true;
            }

            while (_inContiguous < _in.Length && _have[_inContiguous / ChunkSize])
            {
                _inContiguous = Math.Min(_in.Length, _inContiguous + ChunkSize);
            }

            Ack(c, _inId, _inContiguous, now);
            if (_inContiguous == _in.Length)
            {
                byte[] done = _in;
                _lastCompleted = _inId;
                _in = null;
                _have = null;
                Received?.Invoke(_lastCompleted, done);
            }
        }

        private static void Ack(PeerConnection c, uint transfer, int received, long now)
        {
            if (ProtocolCodec.TryEncode(c.Buffer, c.Envelope(), new PayloadAck(transfer, received), out int n))
            {
                c.Send(n, now);
            }
        }
    }
}
