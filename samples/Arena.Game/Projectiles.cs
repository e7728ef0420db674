using System;
using System.Collections.Generic;
using Rollback;

namespace Arena.Game
{
    /// <summary>
    /// Spawning, moving and despawning <see cref="Shot"/>s. Every shot comes from <see cref="RollbackPool{T}.Rent"/>
    /// and goes back with <see cref="RollbackPool{T}.Return"/> when it fades, leaves the arena or hits a player,
    /// so the game's loop allocates nothing once warm (restores reuse the same pool).
    /// </summary>
    public static class Projectiles
    {
        /// <summary>Most shots alive at once; a dash or coin beyond it fires nothing.</summary>
        public const int MaxShots = 6;

        /// <summary>Steps a dash shot lives.</summary>
        public const int ShotSteps = 20;

        /// <summary>Steps a coin spark lives.</summary>
        public const int SparkSteps = 6;

        private static readonly Fixed64 ArenaSize = Fixed64.FromInt(100);
        private static readonly Fixed64 ShotSpeed = Fixed64.FromInt(5);
        private static readonly Fixed64 SparkSpeed = Fixed64.FromRatio(3, 2);
        private static readonly Fixed64 HitRadius = Fixed64.FromInt(5);
        private static readonly Fixed64 Knockback = Fixed64.FromInt(2);

        /// <summary>
        /// Has shots ready on the calling thread before play, so that even the first peaks construct nothing:
        /// enough for the live state and the confirmed-frame copy of up to four sessions run on one thread (peers
        /// in one process, as the sample and its tests run them). Called by <see cref="ArenaRules"/>; 48 shots are 3.5 KB.
        /// </summary>
        public static void Prewarm() => RollbackPool<Shot>.Prewarm(8 * MaxShots);

        /// <summary>Fires a spread of three shots from <paramref name="shooter"/> around <paramref name="direction"/> (a unit vector).</summary>
        public static void Fire(ArenaState state, int shooter, FixedVector2 direction)
        {
            FixedVector2 at = state.Players[shooter].Position;
            FixedVector2 side = new FixedVector2(-direction.Y, direction.X) * Fixed64.FromRatio(1, 4);
            Spawn(state, shooter, at, direction * ShotSpeed, ShotSteps);
            Spawn(state, shooter, at, (direction + side) * ShotSpeed, ShotSteps);
            Spawn(state, shooter, at, (direction - side) * ShotSpeed, ShotSteps);
        }

        /// <summary>Throws three sparks off a collected coin at <paramref name="at"/>, in directions drawn from the state's RNG.</summary>
        public static void Sparks(ArenaState state, int collector, FixedVector2 at)
        {
            for (int i = 0; i < 3; i++)
            {
                var direction = new FixedVector2(Fixed64.FromInt(state.Rng.NextInt(-2, 3)), Fixed64.FromInt(state.Rng.NextInt(-2, 3)));
                Spawn(state, collector, at, direction * SparkSpeed, SparkSteps);
            }
        }

        /// <summary>Moves every shot; a dash shot that reaches another player knocks them back. Despawns what is done.</summary>
        public static void Update(ArenaState state)
        {
            List<Shot> shots = state.Shots;
            for (int i = shots.Count - 1; i >= 0; i--)
            {
                Shot shot = shots[i];
                shot.Position += shot.Velocity;
                shot.StepsLeft--;
                bool done = shot.StepsLeft <= 0 || Outside(shot.Position);
                if (!done && shot.Velocity.LengthSquared() > SparkSpeed * SparkSpeed * 2)
                {
                    done = HitAnyone(state, shot);
                }

                if (done)
                {
                    shots.RemoveAt(i);
                    RollbackPool<Shot>.Return(shot);
                }
            }
        }

        /// <summary>Despawns every shot (a new episode starts without any).</summary>
        public static void Clear(ArenaState state)
        {
            foreach (Shot shot in state.Shots)
            {
                RollbackPool<Shot>.Return(shot);
            }

            state.Shots.Clear();
        }

        private static void Spawn(ArenaState state, int owner, FixedVector2 at, FixedVector2 velocity, int steps)
        {
            if (state.Shots.Count >= MaxShots)
            {
                return;
            }

            Shot shot = RollbackPool<Shot>.Rent();
            shot.Owner = owner;
            shot.Position = at;
            shot.Velocity = velocity;
            shot.StepsLeft = steps;
            state.Shots.Add(shot);
            state.ShotsFired++;
        }

        private static bool HitAnyone(ArenaState state, Shot shot)
        {
            for (int p = 0; p < state.Players.Length; p++)
            {
                Player target = state.Players[p];
                if (p != shot.Owner && (target.Position - shot.Position).LengthSquared() <= HitRadius * HitRadius)
                {
                    target.Velocity += shot.Velocity.Normalized() * Knockback;
                    state.Hits++;
                    return true;
                }
            }

            return false;
        }

        private static bool Outside(FixedVector2 p) =>
            p.X < Fixed64.Zero || p.Y < Fixed64.Zero || p.X > ArenaSize || p.Y > ArenaSize;
    }
}
