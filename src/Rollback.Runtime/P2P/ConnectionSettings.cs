using System;
using System.Security.Cryptography;

namespace Rollback
{
    /// <summary>What every <see cref="PeerConnection"/> of one session shares: identity, agreed configuration, timing.</summary>
    internal sealed class ConnectionSettings
    {
        public ConnectionSettings(ulong sessionId, byte sender, ulong configHash, int inputSize, int playerCount, int framesPerSecond, PeerTimingOptions timing, int sendWindow = 16, int maxIncomingPayload = 1 << 20)
        {
            SessionId = sessionId;
            Sender = sender;
            ConfigHash = configHash;
            InputSize = inputSize;
            PlayerCount = playerCount;
            FramesPerSecond = framesPerSecond;
            HandshakeTimeoutMs = timing.HandshakeTimeoutMs;
            HandshakeRetryMs = timing.HandshakeRetryMs;
            DisconnectTimeoutMs = timing.DisconnectTimeoutMs;
            InterruptedAfterMs = timing.InterruptedAfterMs;
            ResendMs = timing.ResendMs;
            QualityReportMs = timing.QualityReportMs;
            KeepAliveMs = timing.KeepAliveMs;
            SendWindow = sendWindow;
            MaxIncomingPayload = maxIncomingPayload;
        }

        /// <summary>Most datagrams in one burst of a window.</summary>
        public int SendWindow { get; }

        /// <summary>The largest reliable payload this side accepts.</summary>
        public int MaxIncomingPayload { get; }

        public ulong SessionId { get; }

        /// <summary>This endpoint's sender byte in every header (its first local player, or <see cref="Network.Protocol.NoPlayer"/>).</summary>
        public byte Sender { get; }

        public ulong ConfigHash { get; }

        public int InputSize { get; }

        public int PlayerCount { get; }

        public int FramesPerSecond { get; }

        public long HandshakeTimeoutMs { get; }

        public long HandshakeRetryMs { get; }

        public long DisconnectTimeoutMs { get; }

        public long InterruptedAfterMs { get; }

        public long ResendMs { get; }

        public long QualityReportMs { get; }

        public long KeepAliveMs { get; }

        /// <summary>
        /// A handshake nonce drawn at random for this process: a restarted peer (same session id, same configuration)
        /// presents a new one, which is how its peers tell a restart from a retry.
        /// </summary>
        public static ulong NewNonce()
        {
            byte[] buffer = new byte[8];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(buffer);
            }

            ulong nonce = BitConverter.ToUInt64(buffer, 0);
            return nonce == 0 ? 1 : nonce;
        }
    }
}
