using System;
using System.Collections.Generic;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// Disconnect agreement. When a peer times out, leaves or restarts, its players are frozen here (their owner's inputs
    /// are no longer taken) and every remaining peer proposes, for each, the first frame whose input it does not have. The
    /// agreed frame is the largest proposal of every live voter, so every input before it exists somewhere and is relayed
    /// to the peers that lack it; from it on, the player's input is the default on every peer. A voter that vanishes during
    /// the agreement is left out of it (its proposal is forgotten), so the survivors never wait for inputs only it had.
    /// The agreement is applied here only once this peer holds every input before the agreed frame.
    /// </summary>
    internal sealed class DisconnectAgreement
    {
        private readonly int[] _owner;
        private readonly bool[] _frozen;
        private readonly DisconnectReason[] _reason;
        private readonly int[] _agreed;
        private readonly int[][] _proposals; // [connection][player]

        public DisconnectAgreement(int[] owner, int connections)
        {
            _owner = owner;
            int players = owner.Length;
            _frozen = new bool[players];
            _reason = new DisconnectReason[players];
            _agreed = new int[players];
            _agreed.AsSpan().Fill(int.MaxValue);
            _proposals = new int[connections][];
            for (int c = 0; c < connections; c++)
            {
                _proposals[c] = new int[players];
                _proposals[c].AsSpan().Fill(-1);
            }
        }

        /// <summary>Whether the player's owner is being disconnected (its direct inputs are no longer taken).</summary>
        public bool IsFrozen(int player) => _frozen[player];

        public DisconnectReason ReasonOf(int player) => _reason[player];

        /// <summary>The applied disconnect frame of the player, or <see cref="int.MaxValue"/>.</summary>
        public int AgreedFrame(int player) => _agreed[player];

        /// <summary>What <paramref name="connection"/> proposed for <paramref name="player"/> (-1: nothing yet).</summary>
        public int ProposalOf(int connection, int player) => _proposals[connection][player];

        /// <summary>Freezes the players of a dropped peer.</summary>
        public void Freeze(PeerConnection dropped, DisconnectReason reason)
        {
            foreach (int p in dropped.Players)
            {
                if (!_frozen[p])
                {
                    _frozen[p] = true;
                    _reason[p] = reason;
                }
            }

            // A dropped voter no longer votes: forget what it proposed.
            _proposals[dropped.Index].AsSpan().Fill(-1);
        }

        /// <summary>Records a voter's proposal (proposals only grow: a voter that receives relayed inputs proposes again).</summary>
        public void Propose(int connection, int player, int frame)
        {
            if (frame > _proposals[connection][player])
            {
                _proposals[connection][player] = frame;
            }
        }

        /// <summary>
        /// The frame the live voters agree on for a frozen player, if every one of them has proposed; this peer's own
        /// proposal is <paramref name="ownProposal"/>.
        /// </summary>
        public bool TryAgree(int player, int ownProposal, IReadOnlyList<PeerConnection> connections, out int frame)
        {
            frame = ownProposal;
            if (!_frozen[player] || _agreed[player] != int.MaxValue)
            {
                return false;
            }

            for (int i = 0; i < connections.Count; i++)
            {
                PeerConnection v = connections[i];
                // A voter still in its handshake is live: agreeing without it lets it agree on another frame later.
                if (v.IsSpectator || v.State == ConnectionState.Disconnected || v.State == ConnectionState.Failed || v.Index == _owner[player])
                {
                    continue;
                }

                int proposal = _proposals[v.Index][player];
                if (proposal < 0)
                {
                    return false;
                }

                frame = Math.Max(frame, proposal);
            }

            return true;
        }

        /// <summary>Applies the agreed frame (once this peer holds every input before it).</summary>
        public void Apply(int player, int frame) => _agreed[player] = frame;
    }
}
