using System;
using System.Collections.Generic;

namespace Rollback.Network.Simulation
{
    /// <summary>One peer's <see cref="IDatagramTransport"/> on a <see cref="SimulatedNetwork"/>.</summary>
    /// <remarks>
    /// Sends go into the network at its current tick; receives take from this peer's receive queue, which the network
    /// fills as the clock advances. A datagram longer than the receive buffer is truncated (and then fails decoding).
    /// </remarks>
    public sealed class SimulatedEndpoint : IDatagramTransport
    {
        private readonly SimulatedNetwork _network;

        internal SimulatedEndpoint(SimulatedNetwork network, int index)
        {
            _network = network;
            Index = index;
            Address = PeerAddress.FromId((ulong)index);
        }

        /// <summary>The network this endpoint belongs to.</summary>
        public SimulatedNetwork Network => _network;

        /// <summary>The peer index.</summary>
        public int Index { get; }

        /// <summary>How other peers address this one.</summary>
        public PeerAddress Address { get; }

        /// <summary>Whether the peer is stalled now (see <see cref="SimulatedNetwork.AddStall"/>).</summary>
        public bool IsStalled => _network.IsStalled(Index);

        /// <summary>Datagrams waiting in the receive queue.</summary>
        public int Pending => Queue.Count;

        internal Queue<SimulatedNetwork.Packet> Queue { get; } = new Queue<SimulatedNetwork.Packet>();

        /// <inheritdoc/>
        /// <remarks>Returns false while the peer is stalled or when the datagram exceeds <see cref="SimulatedNetwork.MaxDatagramSize"/>.</remarks>
        public bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram) => _network.Send(Index, to, datagram);

        /// <inheritdoc/>
        /// <remarks>Returns false while the peer is stalled, whatever is queued.</remarks>
        public bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from) =>
            _network.Receive(Index, buffer, out length, out from);

        /// <summary>The peer index and address.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => "simulated peer " + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
