using System;
using Rollback.Network;

namespace Rollback
{
    /// <summary>How a player takes part in a <see cref="PeerSession{TState, TInput}"/>: local (its inputs come from this process) or remote (owned by the peer at an address).</summary>
    public readonly struct PlayerSlot : IEquatable<PlayerSlot>
    {
        private PlayerSlot(bool isLocal, PeerAddress address)
        {
            IsLocal = isLocal;
            Address = address;
        }

        /// <summary>Whether this process supplies the player's inputs.</summary>
        public bool IsLocal { get; }

        /// <summary>The owning peer's address (<see cref="PeerAddress.None"/> for a local player).</summary>
        public PeerAddress Address { get; }

        /// <summary>A player whose inputs this process supplies.</summary>
        public static PlayerSlot Local => new PlayerSlot(true, PeerAddress.None);

        /// <summary>A player owned by the peer at <paramref name="address"/>.</summary>
        /// <param name="address">The owning peer's address.</param>
        /// <returns>The slot.</returns>
        public static PlayerSlot Remote(PeerAddress address)
        {
            if (address.IsNone)
            {
                throw new ArgumentException("A remote player needs an address.", nameof(address));
            }

            return new PlayerSlot(false, address);
        }

        /// <inheritdoc />
        public bool Equals(PlayerSlot other) => IsLocal == other.IsLocal && Address.Equals(other.Address);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is PlayerSlot other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => IsLocal ? 1 : Address.GetHashCode();

        /// <inheritdoc />
        public override string ToString() => IsLocal ? "local" : "remote " + Address;
    }

    /// <summary>Raised when a peer stops serving a spectator.</summary>
    /// <param name="spectator">The spectator's address.</param>
    /// <param name="reason">Why: it timed out, restarted, or fell further behind than the kept history (<see cref="DisconnectReason.TooFarBehind"/>).</param>
    public delegate void SpectatorDroppedHandler(PeerAddress spectator, DisconnectReason reason);
}
