using System.Collections.Generic;
using Rollback;

namespace Arena.Game
{
    /// <summary>One player: position, velocity, score and dash cooldown. A nested state type.</summary>
    [RollbackState]
    public partial class Player
    {
        /// <summary>Position in arena units.</summary>
        public FixedVector2 Position;

        /// <summary>Velocity in arena units per step.</summary>
        public FixedVector2 Velocity;

        /// <summary>Coins collected this episode.</summary>
        public int Score;

        /// <summary>Steps until the dash can be used again.</summary>
        public int DashCooldown;
    }

    /// <summary>
    /// The whole simulation state of the sample game: players chasing a coin in a square arena,
    /// dashing and firing short-lived shots.
    /// Everything the simulation reads is in here, including the RNG, so a rollback rewinds all of it.
    /// </summary>
    [RollbackState]
    public partial class ArenaState
    {
        /// <summary>The players, one per peer.</summary>
        public Player[] Players = { new Player(), new Player() };

        /// <summary>Where the coin is.</summary>
        public FixedVector2 Coin;

        /// <summary>The reward of the last step for each player (+1 for a coin), exported per frame.</summary>
        public int[] LastReward = new int[2];

        /// <summary>Total coins over all episodes, per player.</summary>
        public int[] TotalScore = new int[2];

        /// <summary>Collisions between the players this episode.</summary>
        public int Bumps;

        /// <summary>Shots and sparks in flight; they come and go every few frames (see <see cref="Projectiles"/>). Sized for the most there can be, so no copy of the state ever grows it.</summary>
        public List<Shot> Shots = new List<Shot>(Projectiles.MaxShots);

        /// <summary>Shots and sparks fired over the whole session.</summary>
        public int ShotsFired;

        /// <summary>Shots that hit a player over the whole session.</summary>
        public int Hits;

        /// <summary>The deterministic RNG, inside the state.</summary>
        public DeterministicRandom Rng = new DeterministicRandom(7);
    }
}
