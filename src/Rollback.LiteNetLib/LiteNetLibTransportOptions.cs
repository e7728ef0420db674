using System;
using System.Net;

namespace Rollback.LiteNetLib
{
    /// <summary>How a <see cref="LiteNetLibTransport"/> binds and connects.</summary>
    public sealed class LiteNetLibTransportOptions
    {
        /// <summary>The IPv4 address to bind; <see cref="IPAddress.Any"/> by default (use <see cref="IPAddress.Loopback"/> for tests).</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.Any;

        /// <summary>The UDP port; 0 (the default) picks a free one (read it back from <see cref="LiteNetLibTransport.LocalPort"/>).</summary>
        public int Port { get; set; }

        /// <summary>
        /// The key a connecting peer must present; every peer of one game uses the same key. A request with another key
        /// is rejected. Default <c>"rollback"</c>; use something per game and version.
        /// </summary>
        public string ConnectionKey { get; set; } = "rollback";

        /// <summary>Received datagrams held until <see cref="LiteNetLibTransport.TryReceive"/> takes them (default 512); more are dropped and counted.</summary>
        public int ReceiveQueueCapacity { get; set; } = 512;

        /// <summary>The largest datagram the transport accepts or keeps, in bytes (default 1400).</summary>
        public int MaxDatagramSize { get; set; } = 1400;

        /// <summary>
        /// LiteNetLib's disconnect timeout in milliseconds (default 10 000). The rollback protocol has its own
        /// disconnect rules; this only decides when LiteNetLib gives up on a silent connection.
        /// </summary>
        public int DisconnectTimeoutMs { get; set; } = 10_000;

        /// <summary>Whether LiteNetLib's NAT punch module is on (default true); needed for <see cref="LiteNetLibTransport.RequestIntroduction"/>.</summary>
        public bool EnableNatPunch { get; set; } = true;

        internal void Validate()
        {
            if (BindAddress is null)
            {
                throw new ArgumentNullException(nameof(BindAddress));
            }

            if (Port < 0 || Port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(Port), Port, "A UDP port is 0..65535.");
            }

            if (string.IsNullOrEmpty(ConnectionKey))
            {
                throw new ArgumentException("A connection key is required.", nameof(ConnectionKey));
            }

            if (ReceiveQueueCapacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ReceiveQueueCapacity), ReceiveQueueCapacity, "At least one datagram.");
            }

            if (MaxDatagramSize < 64 || MaxDatagramSize > 65507)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDatagramSize), MaxDatagramSize, "64..65507 bytes.");
            }

            if (DisconnectTimeoutMs < 100)
            {
                throw new ArgumentOutOfRangeException(nameof(DisconnectTimeoutMs), DisconnectTimeoutMs, "At least 100 ms.");
            }
        }
    }
}
