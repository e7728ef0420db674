using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using LiteNetLib;

namespace Rollback.LiteNetLib
{
    /// <summary>
    /// The rendezvous server for NAT punch-through: it runs on an address both peers can reach (a small public server),
    /// and when two peers send an introduction request with the same token it tells each the other's internal and
    /// external endpoints, so both punch through their routers at once. It carries no game traffic.
    /// </summary>
    /// <remarks>Call <see cref="Poll"/> regularly (e.g. every 15 ms) from one thread. Tokens wait for a partner for
    /// <see cref="PendingTimeout"/>.</remarks>
    public sealed class NatIntroducer : IDisposable
    {
        /// <summary>The longest token accepted, in characters.</summary>
        public const int MaxTokenLength = 256;

        private readonly NetManager _manager;
        private readonly Dictionary<string, Pending> _pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
        private readonly List<string> _expired = new List<string>();
        private bool _disposed;

        /// <summary>Starts the introducer on a UDP port.</summary>
        /// <param name="port">The port; 0 picks a free one (see <see cref="LocalPort"/>).</param>
        /// <param name="bindAddress">The IPv4 address to bind; null for any.</param>
        /// <exception cref="SocketException">The port could not be bound.</exception>
        public NatIntroducer(int port = 0, IPAddress? bindAddress = null)
        {
            if (port < 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A UDP port is 0..65535.");
            }

            var handler = new Handler(this);
            _manager = new NetManager(new EventBasedNetListener()) { NatPunchEnabled = true, IPv6Enabled = false, UnsyncedEvents = false };
            _manager.NatPunchModule.UnsyncedEvents = false;
            _manager.NatPunchModule.Init(handler);
            if (!_manager.Start(bindAddress ?? IPAddress.Any, IPAddress.IPv6Any, port))
            {
                throw new SocketException((int)SocketError.AddressAlreadyInUse);
            }

            LocalPort = _manager.LocalPort;
        }

        /// <summary>The UDP port the introducer listens on.</summary>
        public int LocalPort { get; }

        /// <summary>How long a token waits for its partner (default 60 s).</summary>
        public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Pairs introduced so far.</summary>
        public long Introductions { get; private set; }

        /// <summary>Tokens waiting for a partner.</summary>
        public int PendingCount => _pending.Count;

        /// <summary>Handles the requests that arrived since the last call.</summary>
        public void Poll()
        {
            if (_disposed)
            {
                return;
            }

            _manager.PollEvents();
            _manager.NatPunchModule.PollEvents();
            DateTime now = DateTime.UtcNow;
            _expired.Clear();
            foreach (KeyValuePair<string, Pending> entry in _pending)
            {
                if (now - entry.Value.Since > PendingTimeout)
                {
                    _expired.Add(entry.Key);
                }
            }

            foreach (string token in _expired)
            {
                _pending.Remove(token);
            }
        }

        /// <summary>Stops the introducer.</summary>
        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _manager.Stop();
            }
        }

        internal static void ValidateToken(string token)
        {
            if (token is null)
            {
                throw new ArgumentNullException(nameof(token));
            }

            if (token.Length == 0 || token.Length > MaxTokenLength)
            {
                throw new ArgumentException($"A token is 1..{MaxTokenLength} characters.", nameof(token));
            }
        }

        private void OnRequest(IPEndPoint localEndPoint, IPEndPoint remoteEndPoint, string token)
        {
            if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
            {
                return;
            }

            if (_pending.TryGetValue(token, out Pending waiting))
            {
                if (waiting.External.Equals(remoteEndPoint))
                {
                    // The same peer asking again: keep waiting for its partner.
                    return;
                }

                _pending.Remove(token);
                _manager.NatPunchModule.NatIntroduce(waiting.Internal, waiting.External, localEndPoint, remoteEndPoint, token);
                Introductions++;
                return;
            }

            _pending[token] = new Pending(localEndPoint, remoteEndPoint, DateTime.UtcNow);
        }

        private readonly struct Pending
        {
            public Pending(IPEndPoint @internal, IPEndPoint external, DateTime since)
            {
                Internal = @internal;
                External = external;
                Since = since;
            }

            public IPEndPoint Internal { get; }

            public IPEndPoint External { get; }

            public DateTime Since { get; }
        }

        private sealed class Handler : INatPunchListener
        {
            private readonly NatIntroducer _owner;

            public Handler(NatIntroducer owner) => _owner = owner;

            public void OnNatIntroductionRequest(IPEndPoint localEndPoint, IPEndPoint remoteEndPoint, string token) =>
                _owner.OnRequest(localEndPoint, remoteEndPoint, token);

            public void OnNatIntroductionSuccess(IPEndPoint targetEndPoint, NatAddressType type, string token)
            {
            }
        }
    }
}
