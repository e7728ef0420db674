using System;
using Rollback.Network;

namespace Rollback
{
    /// <summary>The one send buffer and transport of a session, and the session-wide network counters.</summary>
    internal sealed class Outbox
    {
        private readonly IDatagramTransport _transport;

        public Outbox(IDatagramTransport transport, NetworkStatistics statistics)
        {
            _transport = transport;
            Statistics = statistics;
        }

        /// <summary>Where messages are encoded before <see cref="Send"/>.</summary>
        public byte[] Buffer { get; } = new byte[Protocol.MaxDatagramSize];

        public NetworkStatistics Statistics { get; }

        /// <summary>Hands the first <paramref name="length"/> bytes of <see cref="Buffer"/> to the transport.</summary>
        /// <returns>Whether the transport took it.</returns>
        public bool Send(in PeerAddress to, int length)
        {
            if (_transport.TrySend(to, new ReadOnlySpan<byte>(Buffer, 0, length)))
            {
                Statistics.DatagramsSent++;
                Statistics.BytesSent += length;
                return true;
            }

            Statistics.SendFailures++;
            return false;
        }
    }
}
