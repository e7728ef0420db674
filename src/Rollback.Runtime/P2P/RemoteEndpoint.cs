using Rollback.Network;

namespace Rollback
{
    /// <summary>What a session knows about one remote peer or spectator.</summary>
    internal sealed class RemoteEndpoint
    {
        public const int AdvantageSamples = 8;
        public const int PendingChecksums = 16;

        public RemoteEndpoint(int index, PeerAddress address, int[] players, bool spectator, int playerCount, ulong nonce, long now)
        {
            Index = index;
            Address = address;
            Players = players;
            IsSpectator = spectator;
            FirstPlayer = players.Length > 0 ? players[0] : -1;
            Nonce = nonce;
            LastReceivedMs = now;
            Stats = new RemotePeerStatistics(address, FirstPlayer);
            Proposals = new int[playerCount];
            for (int p = 0; p < playerCount; p++)
            {
                Proposals[p] = -1;
            }
        }

        public int Index { get; }

        public PeerAddress Address { get; }

        /// <summary>The players this peer owns, ascending (empty for a spectator).</summary>
        public int[] Players { get; }

        public int FirstPlayer { get; }

        public bool IsSpectator { get; }

        public ulong Nonce { get; }

        public RemotePeerStatistics Stats { get; }

        /// <summary>The disconnect frame this peer proposed for each player, or -1.</summary>
        public int[] Proposals { get; }

        public uint Sequence;
        public bool WeReplied;
        public bool GotReply;
        public bool Rejected;
        public bool Disconnected;
        public DisconnectReason DisconnectReason;
        public long LastReceivedMs;
        public long LastSentMs = long.MinValue / 2;
        public long LastInputSentMs = long.MinValue / 2;
        public long LastSyncSentMs = long.MinValue / 2;
        public long LastQualitySentMs = long.MinValue / 2;
        public long LastNoticeSentMs = long.MinValue / 2;
        public long LastFinalSentMs = long.MinValue / 2;

        /// <summary>The last frame of this session's local inputs the peer has (or, for a spectator, of confirmed frames).</summary>
        public int AckOfMine = -1;

        /// <summary>The highest input frame sent to it so far (to count resends).</summary>
        public int HighestSent = -1;

        /// <summary>Whether the peer sent something that deserves an ack since the last one.</summary>
        public bool AckDirty;

        /// <summary>The highest confirmed frame the peer reported a checksum for.</summary>
        public int HighestReported = -1;

        public int RemoteFrame = -1;
        public long RemoteFrameAtMs;
        public int RoundTripMs = -1;

        public readonly int[] LocalAdvantage = new int[AdvantageSamples];
        public readonly int[] RemoteAdvantage = new int[AdvantageSamples];
        public int LocalSamples;
        public int RemoteSamples;

        public readonly int[] PendingFrame = new int[PendingChecksums];
        public readonly ulong[] PendingChecksum = new ulong[PendingChecksums];
        public int PendingCount;

        public bool IsVoter => !IsSpectator && !Disconnected;

        /// <summary>Whether traffic from it is accepted: either side of the handshake completed.</summary>
        public bool Handshaken => WeReplied || GotReply;

        /// <summary>Whether this session talks to it: a peer accepted our request; a spectator's request was accepted.</summary>
        public bool CanSend => IsSpectator ? WeReplied : GotReply;

        public static int Average(int[] samples, int count)
        {
            int n = count < samples.Length ? count : samples.Length;
            if (n == 0)
            {
                return 0;
            }

            int sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += samples[i];
            }

            return sum / n;
        }
    }
}
