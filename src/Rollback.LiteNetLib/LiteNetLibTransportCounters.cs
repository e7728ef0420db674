namespace Rollback.LiteNetLib
{
    /// <summary>What a <see cref="LiteNetLibTransport"/> did with datagrams since it started.</summary>
    public readonly struct LiteNetLibTransportCounters
    {
        /// <summary>Creates a set of counters.</summary>
        /// <param name="sent">Datagrams handed to LiteNetLib.</param>
        /// <param name="received">Datagrams taken by <see cref="LiteNetLibTransport.TryReceive"/>.</param>
        /// <param name="notConnected">Sends refused because the peer was not (yet) connected.</param>
        /// <param name="tooLarge">Datagrams refused or dropped for their size.</param>
        /// <param name="queueFull">Received datagrams dropped because the receive queue was full.</param>
        /// <param name="connections">Connections established.</param>
        /// <param name="disconnections">Connections lost or closed.</param>
        public LiteNetLibTransportCounters(long sent, long received, long notConnected, long tooLarge, long queueFull, long connections, long disconnections)
        {
            Sent = sent;
            Received = received;
            NotConnected = notConnected;
            TooLarge = tooLarge;
            QueueFull = queueFull;
            Connections = connections;
            Disconnections = disconnections;
        }

        /// <summary>Datagrams handed to LiteNetLib's unreliable channel.</summary>
        public long Sent { get; }

        /// <summary>Datagrams taken by <see cref="LiteNetLibTransport.TryReceive"/>.</summary>
        public long Received { get; }

        /// <summary>Sends refused because the peer was not connected yet (a connection was started instead).</summary>
        public long NotConnected { get; }

        /// <summary>Datagrams refused (send) or dropped (receive) because they exceeded the size limit.</summary>
        public long TooLarge { get; }

        /// <summary>Received datagrams dropped because the receive queue was full.</summary>
        public long QueueFull { get; }

        /// <summary>Connections established (incoming and outgoing).</summary>
        public long Connections { get; }

        /// <summary>Connections lost or closed.</summary>
        public long Disconnections { get; }
    }
}
