using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using Rollback.Network;

namespace Arena.Play
{
    /// <summary>
    /// Wraps a real transport and impairs what this process sends, on the wall clock: each outgoing datagram is dropped
    /// with probability <c>loss</c>, otherwise held for <c>latency ± jitter</c> milliseconds and then sent. Datagrams
    /// whose delays cross may overtake each other, as on a real network. Receiving is passed straight through.
    /// </summary>
    /// <remarks>
    /// Held datagrams go out from inside <see cref="TrySend"/>, <see cref="TryReceive"/> and <see cref="Flush"/>, so a game
    /// loop that polls its session every millisecond or two keeps the delays accurate to about that.
    /// </remarks>
    public sealed class ImpairedTransport : IDatagramTransport
    {
        private readonly IDatagramTransport _inner;
        private readonly int _latencyMs;
        private readonly int _jitterMs;
        private readonly double _loss;
        private readonly Random _random;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly PriorityQueue<Datagram, double> _held = new PriorityQueue<Datagram, double>();

        /// <summary>Creates the wrapper.</summary>
        /// <param name="inner">The real transport.</param>
        /// <param name="latencyMs">Delay added to every datagram sent.</param>
        /// <param name="jitterMs">Up to this much extra delay either way, drawn per datagram (the delay never goes below 0).</param>
        /// <param name="lossPercent">Share of datagrams dropped, 0 to 100.</param>
        /// <param name="seed">Seed of the loss and jitter draws.</param>
        public ImpairedTransport(IDatagramTransport inner, int latencyMs, int jitterMs, double lossPercent, int seed)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            if (latencyMs < 0 || jitterMs < 0 || lossPercent < 0 || lossPercent > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(latencyMs), "Latency and jitter must not be negative; loss is a percentage.");
            }

            _latencyMs = latencyMs;
            _jitterMs = jitterMs;
            _loss = lossPercent / 100.0;
            _random = new Random(seed);
        }

        /// <summary>Datagrams handed to this transport to send.</summary>
        public long Offered { get; private set; }

        /// <summary>Datagrams dropped on purpose.</summary>
        public long Dropped { get; private set; }

        /// <summary>Datagrams delivered to the inner transport after their delay.</summary>
        public long Released { get; private set; }

        /// <summary>Datagrams waiting for their delay to pass.</summary>
        public int Waiting => _held.Count;

        /// <inheritdoc />
        public bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram)
        {
            Offered++;
            Flush();
            if (_loss > 0 && _random.NextDouble() < _loss)
            {
                Dropped++;
                return true; // lost on the way: the sender cannot tell
            }

            double delay = _latencyMs + (_jitterMs > 0 ? (_random.NextDouble() * 2 - 1) * _jitterMs : 0);
            if (delay <= 0)
            {
                Released++;
                return _inner.TrySend(to, datagram);
            }

            byte[] copy = ArrayPool<byte>.Shared.Rent(datagram.Length);
            datagram.CopyTo(copy);
            _held.Enqueue(new Datagram(to, copy, datagram.Length), _clock.Elapsed.TotalMilliseconds + delay);
            return true;
        }

        /// <inheritdoc />
        public bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from)
        {
            Flush();
            return _inner.TryReceive(buffer, out length, out from);
        }

        /// <summary>Sends every held datagram whose delay has passed.</summary>
        public void Flush()
        {
            double now = _clock.Elapsed.TotalMilliseconds;
            while (_held.TryPeek(out Datagram next, out double due) && due <= now)
            {
                _held.Dequeue();
                _inner.TrySend(next.To, next.Bytes.AsSpan(0, next.Length));
                Released++;
                ArrayPool<byte>.Shared.Return(next.Bytes);
            }
        }

        private readonly struct Datagram
        {
            public Datagram(PeerAddress to, byte[] bytes, int length)
            {
                To = to;
                Bytes = bytes;
                Length = length;
            }

            public PeerAddress To { get; }

            public byte[] Bytes { get; }

            public int Length { get; }
        }
    }
}
