using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rollback.Network
{
    /// <summary>
    /// An <see cref="IDatagramTransport"/> over a non-blocking UDP socket from <see cref="System.Net.Sockets"/>.
    /// </summary>
    /// <remarks>
    /// <para>On .NET 8 and later the transport sends and receives through <see cref="SocketAddress"/> objects it
    /// keeps and rewrites in place (<c>Socket.SendTo(ReadOnlySpan&lt;byte&gt;, SocketFlags, SocketAddress)</c> and
    /// <c>Socket.ReceiveFrom(Span&lt;byte&gt;, SocketFlags, SocketAddress)</c>), so a datagram costs no managed
    /// allocation once the transport is warm.</para>
    /// <para>On netstandard2.1 (Unity, older runtimes) the socket API only takes <see cref="EndPoint"/> objects:
    /// each receive allocates an <see cref="IPEndPoint"/> and its <see cref="SocketAddress"/> inside the runtime,
    /// and each send allocates a <see cref="SocketAddress"/> inside the runtime (the transport itself caches the
    /// destination <see cref="IPEndPoint"/> per peer and copies through a reused array). That is about 200 bytes per
    /// datagram sent and received: acceptable for a handful of peers at 30-60 Hz, but measurable.</para>
    /// <para>Errors never escape <see cref="TrySend"/> or <see cref="TryReceive"/>: a full send buffer, an ICMP
    /// "port unreachable" and an oversized datagram are counted and reported as false. Only the rare error path
    /// allocates (a <see cref="SocketException"/>). Not thread-safe: poll it from one thread.</para>
    /// </remarks>
    public sealed class UdpTransport : IDatagramTransport, IDisposable
    {
        /// <summary>The largest UDP payload over IPv4.</summary>
        public const int MaxUdpPayload = 65507;

        private const int MaxReceiveAttempts = 16;

        private readonly Socket _socket;
        private readonly IPEndPoint _localEndPoint;
        private readonly PeerAddress _localAddress;
        private readonly bool _dualMode;
        private bool _disposed;

#if NET8_0_OR_GREATER
        private readonly SocketAddress _receiveAddress;
        private readonly SocketAddress? _sendAddressV4;
        private readonly SocketAddress? _sendAddressV6;
#else
        private readonly byte[] _sendArray = new byte[MaxUdpPayload];
        private readonly byte[] _receiveArray = new byte[MaxUdpPayload];
        private readonly Dictionary<PeerAddress, IPEndPoint> _endPoints = new Dictionary<PeerAddress, IPEndPoint>();
        private readonly EndPoint _anyEndPoint;
#endif

        /// <summary>Opens a UDP socket bound to <paramref name="localEndPoint"/>.</summary>
        /// <param name="localEndPoint">
        /// The local address and port; port 0 picks a free port (read it back from <see cref="LocalEndPoint"/>).
        /// An IPv6 endpoint is opened dual-mode where the platform allows, so it also talks to IPv4 peers.
        /// </param>
        /// <param name="socketBufferSize">The kernel send and receive buffer size in bytes; 0 keeps the system default.</param>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="SocketException">The socket could not be opened or bound.</exception>
        public UdpTransport(IPEndPoint localEndPoint, int socketBufferSize = 0)
        {
            if (localEndPoint is null)
            {
                throw new ArgumentNullException(nameof(localEndPoint));
            }

            AddressFamily family = localEndPoint.AddressFamily;
            _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (family == AddressFamily.InterNetworkV6)
                {
                    try
                    {
                        _socket.DualMode = true;
                        _dualMode = true;
                    }
                    catch (SocketException)
                    {
                        // IPv6-only platform: stay IPv6-only.
                    }
                    catch (NotSupportedException)
                    {
                    }
                }

                if (socketBufferSize > 0)
                {
                    _socket.ReceiveBufferSize = socketBufferSize;
                    _socket.SendBufferSize = socketBufferSize;
                }

                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    DisableConnectionReset(_socket);
                }

                _socket.Blocking = false;
                _socket.Bind(localEndPoint);
                _localEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
                _localAddress = PeerAddress.FromIPEndPoint(_localEndPoint);

#if NET8_0_OR_GREATER
                _receiveAddress = new SocketAddress(family);
                if (family == AddressFamily.InterNetwork)
                {
                    _sendAddressV4 = new IPEndPoint(IPAddress.Any, 0).Serialize();
                }
                else
                {
                    _sendAddressV6 = new IPEndPoint(IPAddress.IPv6Any, 0).Serialize();
                }
#else
                _anyEndPoint = family == AddressFamily.InterNetwork
                    ? new IPEndPoint(IPAddress.Any, 0)
                    : new IPEndPoint(IPAddress.IPv6Any, 0);
#endif
            }
            catch
            {
                _socket.Dispose();
                throw;
            }
        }

        /// <summary>Opens a transport on 127.0.0.1.</summary>
        /// <param name="port">The port; 0 picks a free one.</param>
        /// <returns>The transport.</returns>
        public static UdpTransport BindLoopback(int port = 0) => new UdpTransport(new IPEndPoint(IPAddress.Loopback, port));

        /// <summary>The bound local endpoint (with the actual port when 0 was asked for).</summary>
        public IPEndPoint LocalEndPoint => _localEndPoint;

        /// <summary>The bound local endpoint as a <see cref="PeerAddress"/>, which is how peers see this transport.</summary>
        public PeerAddress LocalAddress => _localAddress;

        /// <summary>Datagrams handed to the socket.</summary>
        public long DatagramsSent { get; private set; }

        /// <summary>Bytes handed to the socket.</summary>
        public long BytesSent { get; private set; }

        /// <summary>Datagrams received.</summary>
        public long DatagramsReceived { get; private set; }

        /// <summary>Bytes received.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Sends refused: send buffer full, datagram too large, unsupported address, socket error.</summary>
        public long SendFailures { get; private set; }

        /// <summary>Receive errors skipped: an ICMP error report, a datagram larger than the caller's buffer, other socket errors.</summary>
        public long ReceiveErrors { get; private set; }

        /// <inheritdoc/>
        public bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram)
        {
            if (_disposed || datagram.Length > MaxUdpPayload)
            {
                SendFailures++;
                return false;
            }

            try
            {
#if NET8_0_OR_GREATER
                SocketAddress? target = PrepareTarget(to);
                if (target is null)
                {
                    SendFailures++;
                    return false;
                }

                int sent = _socket.SendTo(datagram, SocketFlags.None, target);
#else
                EndPoint? target = EndPointOf(to);
                if (target is null)
                {
                    SendFailures++;
                    return false;
                }

                datagram.CopyTo(_sendArray);
                int sent = _socket.SendTo(_sendArray, 0, datagram.Length, SocketFlags.None, target);
#endif
                if (sent != datagram.Length)
                {
                    SendFailures++;
                    return false;
                }

                DatagramsSent++;
                BytesSent += sent;
                return true;
            }
            catch (SocketException)
            {
                SendFailures++;
                return false;
            }
            catch (ObjectDisposedException)
            {
                SendFailures++;
                return false;
            }
        }

        /// <inheritdoc/>
        public bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from)
        {
            length = 0;
            from = default;
            if (_disposed)
            {
                return false;
            }

            for (int attempt = 0; attempt < MaxReceiveAttempts; attempt++)
            {
                try
                {
                    if (!_socket.Poll(0, SelectMode.SelectRead))
                    {
                        return false;
                    }

#if NET8_0_OR_GREATER
                    int received = _socket.ReceiveFrom(buffer, SocketFlags.None, _receiveAddress);
                    if (!TryParse(_receiveAddress, out from))
                    {
                        ReceiveErrors++;
                        continue;
                    }
#else
                    EndPoint remote = _anyEndPoint;
                    int received = _socket.ReceiveFrom(_receiveArray, 0, _receiveArray.Length, SocketFlags.None, ref remote);
                    if (!(remote is IPEndPoint ip) || !TryParse(ip, out from))
                    {
                        ReceiveErrors++;
                        continue;
                    }

                    if (received > buffer.Length)
                    {
                        ReceiveErrors++;
                        continue;
                    }

                    _receiveArray.AsSpan(0, received).CopyTo(buffer);
#endif
                    length = received;
                    DatagramsReceived++;
                    BytesReceived += received;
                    return true;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
                {
                    return false;
                }
                catch (SocketException)
                {
                    // ConnectionReset (an ICMP report about an earlier send), MessageSize (the datagram was
                    // larger than the buffer and is gone) and the like: skip and look at the next datagram.
                    ReceiveErrors++;
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Closes the socket. Later sends and receives return false.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _socket.Dispose();
        }

        private static void DisableConnectionReset(Socket socket)
        {
            // SIO_UDP_CONNRESET: without it, Windows reports an ICMP "port unreachable" for an earlier send
            // as an error on the next receive.
            const int SioUdpConnReset = unchecked((int)0x9800000C);
            try
            {
                socket.IOControl(SioUdpConnReset, new byte[4], null);
            }
            catch (SocketException)
            {
            }
            catch (PlatformNotSupportedException)
            {
            }
        }

#if NET8_0_OR_GREATER
        private SocketAddress? PrepareTarget(in PeerAddress to)
        {
            // sockaddr_in: family(2) port(2, network order) addr(4) ...
            // sockaddr_in6: family(2) port(2) flowinfo(4) addr(16) scope_id(4)
            if (_sendAddressV4 is not null)
            {
                if (to.Kind != PeerAddressKind.IPv4)
                {
                    return null;
                }

                Span<byte> b = _sendAddressV4.Buffer.Span;
                BinaryPrimitives.WriteUInt16BigEndian(b.Slice(2), to.Port);
                BinaryPrimitives.WriteUInt32BigEndian(b.Slice(4), (uint)to.High);
                return _sendAddressV4;
            }

            if (_sendAddressV6 is null)
            {
                return null;
            }

            Span<byte> s = _sendAddressV6.Buffer.Span;
            BinaryPrimitives.WriteUInt16BigEndian(s.Slice(2), to.Port);
            BinaryPrimitives.WriteUInt32BigEndian(s.Slice(4), 0);
            if (to.Kind == PeerAddressKind.IPv6)
            {
                BinaryPrimitives.WriteUInt64BigEndian(s.Slice(8), to.High);
                BinaryPrimitives.WriteUInt64BigEndian(s.Slice(16), to.Low);
            }
            else if (to.Kind == PeerAddressKind.IPv4 && _dualMode)
            {
                BinaryPrimitives.WriteUInt64BigEndian(s.Slice(8), 0);
                BinaryPrimitives.WriteUInt64BigEndian(s.Slice(16), 0xFFFF00000000UL | (uint)to.High);
            }
            else
            {
                return null;
            }

            BinaryPrimitives.WriteUInt32BigEndian(s.Slice(24), 0);
            return _sendAddressV6;
        }

        private static bool TryParse(SocketAddress address, out PeerAddress from)
        {
            ReadOnlySpan<byte> b = address.Buffer.Span.Slice(0, address.Size);
            if (address.Family == AddressFamily.InterNetwork && b.Length >= 8)
            {
                from = PeerAddress.FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)), BinaryPrimitives.ReadUInt16BigEndian(b.Slice(2)));
                return true;
            }

            if (address.Family == AddressFamily.InterNetworkV6 && b.Length >= 24)
            {
                return PeerAddress.TryFromAddressBytes(b.Slice(8, 16), BinaryPrimitives.ReadUInt16BigEndian(b.Slice(2)), out from);
            }

            from = default;
            return false;
        }
#else
        private EndPoint? EndPointOf(in PeerAddress to)
        {
            if (_endPoints.TryGetValue(to, out IPEndPoint? cached))
            {
                return cached;
            }

            if (to.Kind != PeerAddressKind.IPv4 && to.Kind != PeerAddressKind.IPv6)
            {
                return null;
            }

            IPEndPoint ep = to.ToIPEndPoint();
            if (_socket.AddressFamily == AddressFamily.InterNetworkV6 && ep.AddressFamily == AddressFamily.InterNetwork)
            {
                if (!_dualMode)
                {
                    return null;
                }

                ep = new IPEndPoint(ep.Address.MapToIPv6(), ep.Port);
            }
            else if (_socket.AddressFamily == AddressFamily.InterNetwork && ep.AddressFamily != AddressFamily.InterNetwork)
            {
                return null;
            }

            if (_endPoints.Count >= 4096)
            {
                _endPoints.Clear();
            }

            _endPoints[to] = ep;
            return ep;
        }

        private static bool TryParse(IPEndPoint endPoint, out PeerAddress from)
        {
            Span<byte> bytes = stackalloc byte[16];
            if (!endPoint.Address.TryWriteBytes(bytes, out int written))
            {
                from = default;
                return false;
            }

            return PeerAddress.TryFromAddressBytes(bytes.Slice(0, written), (ushort)endPoint.Port, out from);
        }
#endif
    }
}
