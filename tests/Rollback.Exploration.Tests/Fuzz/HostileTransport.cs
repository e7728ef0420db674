using System;
using System.Collections.Generic;
using Rollback.Network;

namespace Rollback.Exploration.Tests.Fuzz
{
    /// <summary>
    /// Wraps a peer's real transport: records every real datagram it receives (the corpus for mutation and replay) and
    /// hands the session injected hostile datagrams, each with the sender address it claims, before the real ones.
    /// </summary>
    public sealed class HostileTransport : IDatagramTransport
    {
        private const int CaptureLimit = 4096;
        private readonly IDatagramTransport _inner;
        private readonly Queue<(byte[] Data, PeerAddress From)> _injected = new Queue<(byte[], PeerAddress)>();

        /// <summary>Wraps <paramref name="inner"/>.</summary>
        /// <param name="inner">The real transport.</param>
        public HostileTransport(IDatagramTransport inner) => _inner = inner;

        /// <summary>Real datagrams received so far (the first <see cref="CaptureLimit"/>, then every 16th).</summary>
        public List<byte[]> Captured { get; } = new List<byte[]>();

        /// <summary>Hostile datagrams handed to the session.</summary>
        public long Delivered { get; private set; }

        private long RealReceived { get; set; }

        /// <summary>Queues a hostile datagram.</summary>
        /// <param name="datagram">The bytes.</param>
        /// <param name="from">The sender it claims.</param>
        public void Inject(byte[] datagram, PeerAddress from) => _injected.Enqueue((datagram, from));

        /// <inheritdoc />
        public bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram) => _inner.TrySend(to, datagram);

        /// <inheritdoc />
        public bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from)
        {
            if (_injected.Count > 0)
            {
                (byte[] data, PeerAddress claimed) = _injected.Dequeue();
                length = Math.Min(data.Length, buffer.Length);
                data.AsSpan(0, length).CopyTo(buffer);
                from = claimed;
                Delivered++;
                return true;
            }

            if (!_inner.TryReceive(buffer, out length, out from))
            {
                return false;
            }

            RealReceived++;
            if (Captured.Count < CaptureLimit)
            {
                Captured.Add(buffer.Slice(0, length).ToArray());
            }
            else if (RealReceived % 16 == 0)
            {
                Captured[(int)(RealReceived / 16 % CaptureLimit)] = buffer.Slice(0, length).ToArray();
            }

            return true;
        }
    }
}
