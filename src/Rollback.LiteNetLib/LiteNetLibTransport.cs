using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using LiteNetLib;
using Rollback.Network;

namespace Rollback.LiteNetLib
{
    /// <summary>
    /// An <see cref="IDatagramTransport"/> over LiteNetLib: rollback datagrams travel on LiteNetLib's unreliable channel
    /// (<see cref="DeliveryMethod.Unreliable"/>), so LiteNetLib adds connections, keep-alives, MTU discovery and NAT
    /// punch-through but never retransmits or orders them (the rollback protocol does its own redundancy).
    /// </summary>
    /// <remarks>
    /// <para>Peers are addressed by their IP endpoint (<see cref="PeerAddress.FromIPEndPoint"/>), exactly as with
    /// <see cref="UdpTransport"/>. The first <see cref="TrySend"/> to an unknown address starts a LiteNetLib connection
    /// (with <see cref="LiteNetLibTransportOptions.ConnectionKey"/>) and returns false until it is up; incoming
    /// connections with the same key are accepted. Two peers that connect to each other at once end up with one
    /// connection (LiteNetLib resolves it).</para>
    /// <para>Peers behind routers: run a <see cref="NatIntroducer"/> on a public address, call
    /// <see cref="RequestIntroduction"/> with the same token on both peers, and wait for
    /// <see cref="TryGetIntroducedPeer"/> to hand out the other peer's address; the punch-through and the connection
    /// are then done, and that address goes into the session options.</para>
    /// <para>Events are pumped from <see cref="TryReceive"/> and <see cref="Poll"/> on the calling thread (LiteNetLib's
    /// own threads only queue them), so the transport is used from one thread, like every transport. Received
    /// datagrams are copied into a preallocated ring; the transport itself allocates only when a peer connects. Each
    /// send wakes LiteNetLib's logic thread so the datagram leaves at once instead of at its next 15 ms update.</para>
    /// </remarks>
    public sealed class LiteNetLibTransport : IDatagramTransport, IDisposable
    {
        private readonly NetManager _manager;
        private readonly Listener _listener;
        private readonly DatagramQueue _queue;
        private readonly string _key;
        private readonly Dictionary<PeerAddress, NetPeer> _peers = new Dictionary<PeerAddress, NetPeer>();
        private readonly Dictionary<string, PeerAddress> _introduced = new Dictionary<string, PeerAddress>(StringComparer.Ordinal);
        private long _sent;
        private long _received;
        private long _notConnected;
        private long _tooLarge;
        private long _queueFull;
        private long _connections;
        private long _disconnections;
        private bool _disposed;

        /// <summary>Starts LiteNetLib on a UDP port.</summary>
        /// <param name="options">Binding, key and limits; null for the defaults (any address, a free port).</param>
        /// <exception cref="ArgumentException">An option is out of range.</exception>
        /// <exception cref="SocketException">LiteNetLib could not bind the port.</exception>
        public LiteNetLibTransport(LiteNetLibTransportOptions? options = null)
        {
            options ??= new LiteNetLibTransportOptions();
            options.Validate();
            _key = options.ConnectionKey;
            _queue = new DatagramQueue(options.ReceiveQueueCapacity, options.MaxDatagramSize);
            _listener = new Listener(this);
            _manager = new NetManager(_listener)
            {
                DisconnectTimeout = options.DisconnectTimeoutMs,
                NatPunchEnabled = options.EnableNatPunch,
                IPv6Enabled = false,
                AutoRecycle = false,
                UnsyncedEvents = false,
            };
            if (options.EnableNatPunch)
            {
                _manager.NatPunchModule.UnsyncedEvents = false;
                _manager.NatPunchModule.Init(_listener);
            }

            if (!_manager.Start(options.BindAddress, IPAddress.IPv6Any, options.Port))
            {
                throw new SocketException((int)SocketError.AddressAlreadyInUse);
            }

            LocalPort = _manager.LocalPort;
            IPAddress advertised = options.BindAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : options.BindAddress;
            LocalAddress = PeerAddress.FromIPEndPoint(new IPEndPoint(advertised, LocalPort));
        }

        /// <summary>Starts a transport on 127.0.0.1 with a free port: for tests and same-machine sessions.</summary>
        /// <param name="connectionKey">The connection key every peer uses.</param>
        /// <returns>The transport.</returns>
        public static LiteNetLibTransport StartLoopback(string connectionKey = "rollback") =>
            new LiteNetLibTransport(new LiteNetLibTransportOptions { BindAddress = IPAddress.Loopback, ConnectionKey = connectionKey });

        /// <summary>The UDP port LiteNetLib listens on.</summary>
        public int LocalPort { get; }

        /// <summary>This transport's address as a peer on the same machine reaches it (127.0.0.1 when bound to any address).</summary>
        public PeerAddress LocalAddress { get; }

        /// <summary>The LiteNetLib manager underneath, for settings this type does not expose (statistics, simulated loss). Do not poll it yourself.</summary>
        public NetManager Manager => _manager;

        /// <summary>What the transport did so far.</summary>
        public LiteNetLibTransportCounters Counters =>
            new LiteNetLibTransportCounters(_sent, _received, _notConnected, _tooLarge, _queueFull, _connections, _disconnections);

        /// <summary>Whether a LiteNetLib connection to <paramref name="address"/> is up.</summary>
        /// <param name="address">A peer's address.</param>
        /// <returns>True when connected.</returns>
        public bool IsConnected(in PeerAddress address) =>
            _peers.TryGetValue(address, out NetPeer? peer) && peer.ConnectionState == ConnectionState.Connected;

        /// <summary>Starts connecting to a peer now rather than on the first send (a set-up call; it allocates).</summary>
        /// <param name="address">An IPv4 or IPv6 address.</param>
        /// <exception cref="ObjectDisposedException">The transport is disposed.</exception>
        /// <exception cref="ArgumentException">The address is not an IP address.</exception>
        public void Connect(in PeerAddress address)
        {
            ThrowIfDisposed();
            if (address.Kind != PeerAddressKind.IPv4 && address.Kind != PeerAddressKind.IPv6)
            {
                throw new ArgumentException("LiteNetLib connects to IP addresses only.", nameof(address));
            }

            StartConnection(address);
        }

        /// <inheritdoc/>
        public bool TrySend(in PeerAddress to, ReadOnlySpan<byte> datagram)
        {
            if (_disposed)
            {
                return false;
            }

            if (!_peers.TryGetValue(to, out NetPeer? peer))
            {
                if (to.Kind == PeerAddressKind.IPv4 || to.Kind == PeerAddressKind.IPv6)
                {
                    StartConnection(to);
                }

                _notConnected++;
                return false;
            }

            if (peer.ConnectionState != ConnectionState.Connected)
            {
                _notConnected++;
                return false;
            }

            if (datagram.Length > _queue.MaxDatagramSize || datagram.Length > peer.GetMaxSinglePacketSize(DeliveryMethod.Unreliable))
            {
                _tooLarge++;
                return false;
            }

            peer.Send(datagram, DeliveryMethod.Unreliable);

            // LiteNetLib batches unreliable packets until its logic thread's next update (every 15 ms by default); a
            // rollback input should leave now, so wake that thread (it only sets an event).
            _manager.TriggerUpdate();
            _sent++;
            return true;
        }

        /// <inheritdoc/>
        public bool TryReceive(Span<byte> buffer, out int length, out PeerAddress from)
        {
            if (_disposed)
            {
                length = 0;
                from = default;
                return false;
            }

            if (_queue.Count == 0)
            {
                Poll();
            }

            if (_queue.TryDequeue(buffer, out length, out from))
            {
                _received++;
                return true;
            }

            return false;
        }

        /// <summary>Runs LiteNetLib's queued events (connections, datagrams, NAT introductions) on this thread.</summary>
        public void Poll()
        {
            if (_disposed)
            {
                return;
            }

            _manager.PollEvents();
            if (_manager.NatPunchEnabled)
            {
                _manager.NatPunchModule.PollEvents();
            }
        }

        /// <summary>
        /// Asks a <see cref="NatIntroducer"/> to introduce this peer to the other peer that sends the same token. Both
        /// peers then punch through their routers and connect; poll and check <see cref="TryGetIntroducedPeer"/>.
        /// </summary>
        /// <param name="introducer">The introducer's public endpoint.</param>
        /// <param name="token">A token both peers share (a lobby or match id), at most 256 characters.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The token is empty or too long.</exception>
        /// <exception cref="InvalidOperationException">NAT punch-through is off in the options.</exception>
        public void RequestIntroduction(IPEndPoint introducer, string token)
        {
            ThrowIfDisposed();
            if (introducer is null)
            {
                throw new ArgumentNullException(nameof(introducer));
            }

            NatIntroducer.ValidateToken(token);
            if (!_manager.NatPunchEnabled)
            {
                throw new InvalidOperationException("NAT punch-through is disabled (LiteNetLibTransportOptions.EnableNatPunch).");
            }

            _manager.NatPunchModule.SendNatIntroduceRequest(introducer, token);
        }

        /// <summary>The address of the peer the introducer paired with this one for <paramref name="token"/>, once known.</summary>
        /// <param name="token">The token passed to <see cref="RequestIntroduction"/>.</param>
        /// <param name="peer">The other peer's address as this peer reaches it (its public endpoint, or its LAN endpoint on the same network).</param>
        /// <returns>True once the introduction arrived.</returns>
        public bool TryGetIntroducedPeer(string token, out PeerAddress peer)
        {
            Poll();
            return _introduced.TryGetValue(token, out peer);
        }

        /// <summary>Closes every connection and stops LiteNetLib.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _manager.Stop(sendDisconnectMessages: true);
            _peers.Clear();
            _queue.Clear();
        }

        private void StartConnection(in PeerAddress address)
        {
            if (_peers.ContainsKey(address))
            {
                return;
            }

            NetPeer? peer = _manager.Connect(address.ToIPEndPoint(), _key);
            if (peer is not null)
            {
                peer.Tag = address;
                _peers[address] = peer;
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(LiteNetLibTransport));
            }
        }

        private static PeerAddress AddressOf(NetPeer peer) =>
            peer.Tag is PeerAddress address ? address : PeerAddress.FromIPEndPoint(peer);

        /// <summary>LiteNetLib's callbacks, kept off the public type.</summary>
        private sealed class Listener : INetEventListener, INatPunchListener
        {
            private readonly LiteNetLibTransport _owner;

            public Listener(LiteNetLibTransport owner) => _owner = owner;

            public void OnConnectionRequest(ConnectionRequest request) => request.AcceptIfKey(_owner._key);

            public void OnPeerConnected(NetPeer peer)
            {
                PeerAddress address = PeerAddress.FromIPEndPoint(peer);
                peer.Tag = address;
                _owner._peers[address] = peer;
                _owner._connections++;
            }

            public void OnPeerDisconnected(NetPeer peer, DisconnectInfo disconnectInfo)
            {
                PeerAddress address = AddressOf(peer);
                if (_owner._peers.TryGetValue(address, out NetPeer? known) && ReferenceEquals(known, peer))
                {
                    _owner._peers.Remove(address);
                }

                _owner._disconnections++;
            }

            public void OnNetworkReceive(NetPeer peer, NetPacketReader reader, byte channelNumber, DeliveryMethod deliveryMethod)
            {
                try
                {
                    ReadOnlySpan<byte> datagram = reader.GetRemainingBytesSpan();
                    if (datagram.Length > _owner._queue.MaxDatagramSize)
                    {
                        _owner._tooLarge++;
                    }
                    else if (!_owner._queue.TryEnqueue(datagram, AddressOf(peer)))
                    {
                        _owner._queueFull++;
                    }
                }
                finally
                {
                    reader.Recycle();
                }
            }

            public void OnPeerAddressChanged(NetPeer peer, IPEndPoint previousAddress)
            {
                PeerAddress old = PeerAddress.FromIPEndPoint(previousAddress);
                if (_owner._peers.TryGetValue(old, out NetPeer? known) && ReferenceEquals(known, peer))
                {
                    _owner._peers.Remove(old);
                }

                PeerAddress address = PeerAddress.FromIPEndPoint(peer);
                peer.Tag = address;
                _owner._peers[address] = peer;
            }

            public void OnNetworkError(IPEndPoint endPoint, SocketError socketError)
            {
            }

            public void OnNetworkReceiveUnconnected(IPEndPoint remoteEndPoint, NetPacketReader reader, UnconnectedMessageType messageType) => reader.Recycle();

            public void OnNetworkLatencyUpdate(NetPeer peer, int latency)
            {
            }

            public void OnMessageDelivered(NetPeer peer, object userData)
            {
            }

            public void OnNtpResponse(global::LiteNetLib.Utils.NtpPacket packet)
            {
            }

            public void OnNatIntroductionRequest(IPEndPoint localEndPoint, IPEndPoint remoteEndPoint, string token)
            {
                // Only an introducer handles requests.
            }

            public void OnNatIntroductionSuccess(IPEndPoint targetEndPoint, NatAddressType type, string token)
            {
                PeerAddress address = PeerAddress.FromIPEndPoint(targetEndPoint);
                if (!_owner._introduced.ContainsKey(token))
                {
                    _owner._introduced[token] = address;
                }

                // The punch opened the route both ways: connect now (the other side does the same; LiteNetLib keeps one connection).
                _owner.StartConnection(address);
            }
        }
    }
}
