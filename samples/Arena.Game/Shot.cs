using Rollback;

namespace Arena.Game
{
    /// <summary>
    /// A short-lived projectile: fired by a dash, or a spark thrown off by a collected coin. Shots come and go
    /// every few frames, so the game rents them from <see cref="RollbackPool{T}"/> and returns them on despawn
    /// instead of allocating (see <see cref="Projectiles"/>). A nested state type.
    /// </summary>
    [RollbackState]
    public partial class Shot
    {
        /// <summary>Position in arena units.</summary>
        public FixedVector2 Position;

        /// <summary>Velocity in arena units per step.</summary>
        public FixedVector2 Velocity;

        /// <summary>The player who fired it (a spark's owner is the collector).</summary>
        public int Owner;

        /// <summary>Steps left before it fades.</summary>
        public int StepsLeft;
    }
}
