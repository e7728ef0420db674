using System.Globalization;

namespace Rollback.Network.Simulation
{
    /// <summary>What a <see cref="SimulatedNetwork"/> did to datagrams, in total or on one directed link.</summary>
    /// <remarks>
    /// Every datagram accepted by <see cref="SimulatedEndpoint.TrySend"/> is counted in <see cref="Sent"/> and ends up
    /// in exactly one of: <see cref="DroppedLoss"/>, <see cref="DroppedPartition"/>, <see cref="DroppedUnroutable"/>,
    /// in flight, or delivered. Each delivered copy (originals and duplicates) is counted in <see cref="Delivered"/>
    /// or <see cref="DroppedOverflow"/>, so <c>Sent - DroppedLoss - DroppedPartition - DroppedUnroutable + Duplicated
    /// = Delivered + DroppedOverflow + in flight</c>.
    /// </remarks>
    public struct NetworkCounters
    {
        internal long _sent;
        internal long _bytesSent;
        internal long _delivered;
        internal long _bytesDelivered;
        internal long _received;
        internal long _droppedLoss;
        internal long _droppedPartition;
        internal long _droppedOverflow;
        internal long _droppedUnroutable;
        internal long _duplicated;
        internal long _reordered;
        internal long _refusedStalled;
        internal long _refusedOversized;

        /// <summary>Datagrams accepted for sending.</summary>
        public long Sent => _sent;

        /// <summary>Bytes accepted for sending.</summary>
        public long BytesSent => _bytesSent;

        /// <summary>Copies that arrived in the destination's receive queue.</summary>
        public long Delivered => _delivered;

        /// <summary>Bytes that arrived in receive queues.</summary>
        public long BytesDelivered => _bytesDelivered;

        /// <summary>Copies taken from receive queues by <see cref="SimulatedEndpoint.TryReceive"/>.</summary>
        public long Received => _received;

        /// <summary>Datagrams lost to <see cref="LinkConditions.LossProbability"/>.</summary>
        public long DroppedLoss => _droppedLoss;

        /// <summary>Datagrams sent while their link was partitioned.</summary>
        public long DroppedPartition => _droppedPartition;

        /// <summary>Copies that arrived at a full receive queue (see <see cref="SimulatedNetwork.ReceiveQueueCapacity"/>).</summary>
        public long DroppedOverflow => _droppedOverflow;

        /// <summary>Datagrams sent to an address that is not a peer of the network.</summary>
        public long DroppedUnroutable => _droppedUnroutable;

        /// <summary>Extra copies made by <see cref="LinkConditions.DuplicateProbability"/>.</summary>
        public long Duplicated => _duplicated;

        /// <summary>Copies that arrived after a datagram sent later on the same link.</summary>
        public long Reordered => _reordered;

        /// <summary>Sends refused because the sender was stalled (a stalled peer cannot send).</summary>
        public long RefusedWhileStalled => _refusedStalled;

        /// <summary>Sends refused because the datagram exceeded <see cref="SimulatedNetwork.MaxDatagramSize"/>.</summary>
        public long RefusedOversized => _refusedOversized;

        /// <summary>A one-line summary.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "sent {0} ({1} B), delivered {2} ({3} B), received {4}, lost {5}, partitioned {6}, overflow {7}, unroutable {8}, duplicated {9}, reordered {10}",
            _sent, _bytesSent, _delivered, _bytesDelivered, _received, _droppedLoss, _droppedPartition, _droppedOverflow, _droppedUnroutable, _duplicated, _reordered);
    }
}
