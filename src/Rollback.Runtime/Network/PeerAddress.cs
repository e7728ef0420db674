using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Rollback.Network
{
    /// <summary>What a <see cref="PeerAddress"/> identifies.</summary>
    public enum PeerAddressKind : byte
    {
        /// <summary>No address (<c>default(PeerAddress)</c>).</summary>
        None = 0,

        /// <summary>
        /// An opaque 64-bit identity chosen by the transport: a simulated peer index, a Steam ID, a
        /// LiteNetLib peer id, an index into a table of EOS product user ids.
        /// </summary>
        Id = 1,

        /// <summary>An IPv4 address and UDP port.</summary>
        IPv4 = 2,

        /// <summary>An IPv6 address and UDP port (IPv4-mapped IPv6 addresses are stored as <see cref="IPv4"/>).</summary>
        IPv6 = 3,
    }

    /// <summary>
    /// The identity of a remote endpoint, as a small immutable value: comparing, hashing and copying it
    /// never allocates, so a transport can hand one out for every datagram it receives.
    /// </summary>
    /// <remarks>
    /// <para>An address is a <see cref="Kind"/>, two 64-bit words and a port. For <see cref="PeerAddressKind.Id"/>
    /// only <see cref="High"/> is used (the id). For IPv4, <see cref="High"/> holds the four address bytes
    /// in network order in its low 32 bits; for IPv6, <see cref="High"/> and <see cref="Low"/> hold the
    /// sixteen address bytes in network order. The IPv6 scope id is not part of the identity.</para>
    /// <para>Transports whose native identity does not fit (an EOS product user id is a string) keep a
    /// table from that identity to a small number and use <see cref="FromId"/>.</para>
    /// </remarks>
    public readonly struct PeerAddress : IEquatable<PeerAddress>
    {
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly ushort _port;
        private readonly PeerAddressKind _kind;

        /// <summary>Creates an address from its raw parts. Prefer the <c>From…</c> factories.</summary>
        /// <param name="kind">What the address identifies.</param>
        /// <param name="high">The id, or the first eight address bytes (network order).</param>
        /// <param name="low">The last eight IPv6 address bytes (network order), otherwise 0.</param>
        /// <param name="port">The UDP port, or 0.</param>
        public PeerAddress(PeerAddressKind kind, ulong high, ulong low, ushort port)
        {
            _kind = kind;
            _high = high;
            _low = low;
            _port = port;
        }

        /// <summary>The empty address, <c>default(PeerAddress)</c>.</summary>
        public static PeerAddress None => default;

        /// <summary>What the address identifies.</summary>
        public PeerAddressKind Kind => _kind;

        /// <summary>The id (<see cref="PeerAddressKind.Id"/>) or the leading address bytes, in network order.</summary>
        public ulong High => _high;

        /// <summary>The trailing IPv6 address bytes in network order; 0 for other kinds.</summary>
        public ulong Low => _low;

        /// <summary>The UDP port, or 0 for an id.</summary>
        public ushort Port => _port;

        /// <summary>Whether this is the empty address.</summary>
        public bool IsNone => _kind == PeerAddressKind.None;

        /// <summary>An opaque id address, e.g. a Steam ID or a simulated peer index.</summary>
        /// <param name="id">The id.</param>
        /// <returns>The address.</returns>
        public static PeerAddress FromId(ulong id) => new PeerAddress(PeerAddressKind.Id, id, 0, 0);

        /// <summary>An IPv4 address from its four bytes in network order packed big-endian into a uint.</summary>
        /// <param name="addressBigEndian">The address, e.g. <c>0x7F000001</c> for 127.0.0.1.</param>
        /// <param name="port">The UDP port.</param>
        /// <returns>The address.</returns>
        public static PeerAddress FromIPv4(uint addressBigEndian, ushort port) =>
            new PeerAddress(PeerAddressKind.IPv4, addressBigEndian, 0, port);

        /// <summary>
        /// An IPv4 or IPv6 address from its bytes in network order (4 or 16 bytes). An IPv4-mapped IPv6
        /// address becomes an IPv4 address, so a dual-mode socket sees one identity per peer.
        /// </summary>
        /// <param name="addressBytes">4 or 16 address bytes.</param>
        /// <param name="port">The UDP port.</param>
        /// <param name="address">The address, or <see cref="None"/> when the length is neither 4 nor 16.</param>
        /// <returns>Whether the bytes formed an address.</returns>
        public static bool TryFromAddressBytes(ReadOnlySpan<byte> addressBytes, ushort port, out PeerAddress address)
        {
            if (addressBytes.Length == 4)
            {
                address = FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(addressBytes), port);
                return true;
            }

            if (addressBytes.Length == 16)
            {
                ulong high = BinaryPrimitives.ReadUInt64BigEndian(addressBytes);
                ulong low = BinaryPrimitives.ReadUInt64BigEndian(addressBytes.Slice(8));
                if (high == 0 && (low >> 32) == 0xFFFF)
                {
                    address = FromIPv4((uint)low, port);
                    return true;
                }

                address = new PeerAddress(PeerAddressKind.IPv6, high, low, port);
                return true;
            }

            address = default;
            return false;
        }

        /// <summary>The address of an <see cref="IPEndPoint"/> (a set-up call: it allocates a temporary array).</summary>
        /// <param name="endPoint">An IPv4 or IPv6 endpoint.</param>
        /// <returns>The address.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="endPoint"/> is null.</exception>
        /// <exception cref="ArgumentException">The endpoint is neither IPv4 nor IPv6.</exception>
        public static PeerAddress FromIPEndPoint(IPEndPoint endPoint)
        {
            if (endPoint is null)
            {
                throw new ArgumentNullException(nameof(endPoint));
            }

            if (!TryFromAddressBytes(endPoint.Address.GetAddressBytes(), (ushort)endPoint.Port, out PeerAddress address))
            {
                throw new ArgumentException("Only IPv4 and IPv6 endpoints are supported.", nameof(endPoint));
            }

            return address;
        }

        /// <summary>Writes the 4 (IPv4) or 16 (IPv6) address bytes in network order.</summary>
        /// <param name="destination">At least 4 or 16 bytes.</param>
        /// <param name="written">Bytes written.</param>
        /// <returns>False for an id or empty address, or when <paramref name="destination"/> is too short.</returns>
        public bool TryWriteAddressBytes(Span<byte> destination, out int written)
        {
            written = 0;
            if (_kind == PeerAddressKind.IPv4 && destination.Length >= 4)
            {
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_high);
                written = 4;
                return true;
            }

            if (_kind == PeerAddressKind.IPv6 && destination.Length >= 16)
            {
                BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
                BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), _low);
                written = 16;
                return true;
            }

            return false;
        }

        /// <summary>The <see cref="IPEndPoint"/> of an IP address (allocates; meant for set-up and logging).</summary>
        /// <returns>The endpoint.</returns>
        /// <exception cref="InvalidOperationException">The address is not an IP address.</exception>
        public IPEndPoint ToIPEndPoint()
        {
            Span<byte> bytes = stackalloc byte[16];
            if (!TryWriteAddressBytes(bytes, out int written))
            {
                throw new InvalidOperationException("Only IPv4 and IPv6 addresses convert to an IPEndPoint.");
            }

            return new IPEndPoint(new IPAddress(bytes.Slice(0, written).ToArray()), _port);
        }

        /// <summary>The address family of an IP address; <see cref="AddressFamily.Unspecified"/> otherwise.</summary>
        public AddressFamily AddressFamily => _kind switch
        {
            PeerAddressKind.IPv4 => AddressFamily.InterNetwork,
            PeerAddressKind.IPv6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };

        /// <inheritdoc/>
        public bool Equals(PeerAddress other) =>
            _kind == other._kind && _high == other._high && _low == other._low && _port == other._port;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is PeerAddress other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            // A fixed mix (not HashCode.Combine, which is randomized per process) so that hash-based
            // containers iterate the same way in every run.
            ulong h = _high * 0x9E3779B97F4A7C15UL;
            h ^= (_low + 0x632BE59BD9B4E019UL) * 0xC2B2AE3D27D4EB4FUL;
            h ^= ((ulong)_port << 8 | (byte)_kind) * 0x165667B19E3779F9UL;
            h ^= h >> 29;
            return (int)h ^ (int)(h >> 32);
        }

        /// <summary>Whether two addresses are equal.</summary>
        /// <param name="left">An address.</param>
        /// <param name="right">An address.</param>
        /// <returns>Whether they are equal.</returns>
        public static bool operator ==(PeerAddress left, PeerAddress right) => left.Equals(right);

        /// <summary>Whether two addresses differ.</summary>
        /// <param name="left">An address.</param>
        /// <param name="right">An address.</param>
        /// <returns>Whether they differ.</returns>
        public static bool operator !=(PeerAddress left, PeerAddress right) => !left.Equals(right);

        /// <summary>A readable form: <c>id:42</c>, <c>127.0.0.1:7000</c>, <c>[::1]:7000</c> or <c>none</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            switch (_kind)
            {
                case PeerAddressKind.Id:
                    return "id:" + _high.ToString(CultureInfo.InvariantCulture);
                case PeerAddressKind.IPv4:
                case PeerAddressKind.IPv6:
                    IPEndPoint ep = ToIPEndPoint();
                    return _kind == PeerAddressKind.IPv6
                        ? "[" + ep.Address.ToString() + "]:" + _port.ToString(CultureInfo.InvariantCulture)
                        : ep.Address.ToString() + ":" + _port.ToString(CultureInfo.InvariantCulture);
                default:
                    return "none";
            }
        }
    }
}
