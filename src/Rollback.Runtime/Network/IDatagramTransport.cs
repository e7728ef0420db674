using System;

namespace Rollback.Network
{
    /// <summary>
    /// A non-blocking, unreliable, unordered datagram transport: the only thing the rollback protocol
    /// needs from a network. Implement it over UDP (<see cref="UdpTransport"/>), LiteNetLib's unreliable
    /// channel, Steam Networking Sockets, EOS P2P, WebRTC data channels, or use <see cref="Simulation.SimulatedNetwork"/>.
    /// </summary>
    /// <remarks>
    /// <para>Contract: neither method blocks or throws on network conditions (a full buffer, an unreachable
    /// peer, an ICMP error); they return false instead. Datagrams may be lost, duplicated and reordered, but
    /// each one arrives whole or not at all. The protocol is designed for that; do not put a reliable or
    /// ordered channel underneath (head-of-line blocking defeats rollback's purpose).</para>
    /// <para>Implementations should not allocate per datagram once warmed up: keep receive buffers, reuse
    /// native address structures, and map native peer handles to <see cref="PeerAddress"/> values through
    /// a table built when a peer is first seen.</para>
    /// <para>Calls come from one thread (the thread that polls the session); an implementation need not be
    /// thread-safe unless it receives on a thread of its own.</para>
    /// </remarks>
    public interface IDatagramTransport
    {
        /// <summary>Queues one datagram for sending. Never blocks.</summary>
        /// <param name="to">The destination.</param>
        /// <param name="datagram">The bytes, at most <see cref="Protocol.MaxDatagramSize"/> for protocol traffic.</param>
        /// <returns>
        /// True when the transport accepted the datagram (which may still be lost on the way); false when it
        /// could not (send buffer full, datagram too large, unknown or unsupported address, transport closed).
        /// </returns>
        bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram);

        /// <summary>Takes the next received datagram, if any. Never blocks.</summary>
        /// <param name="buffer">
        /// Where the datagram is copied; pass at least <see cref="Protocol.MaxDatagramSize"/> bytes. A datagram that
        /// does not fit is either dropped or truncated, depending on the transport; a truncated protocol datagram
        /// fails decoding, so either way it is discarded.
        /// </param>
        /// <param name="length">The datagram's length in <paramref name="buffer"/>.</param>
        /// <param name="from">Who sent it.</param>
        /// <returns>True when a datagram was received; false when none is waiting.</returns>
        bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from);
    }
}
