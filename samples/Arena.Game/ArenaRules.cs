using System;
using Rollback;

namespace Arena.Game
{
    /// <summary>
    /// The sample game's deterministic rules: fixed-point movement with friction and a dash, walls,
    /// player-player collisions that push both apart, a coin that respawns at a random spot when
    /// collected (throwing off short-lived sparks), and a shot fired by every dash that knocks back the
    /// player it hits. An episode ends after <see cref="EpisodeSteps"/> steps or when a player reaches
    /// <see cref="WinningScore"/>.
    /// </summary>
    public sealed class ArenaRules : ISimulation<ArenaState, Pad>
    {
        /// <summary>Steps in a full episode (15 s at 30 ticks per second).</summary>
        public const int EpisodeSteps = 450;

        /// <summary>Coins that end the episode early.</summary>
        public const int WinningScore = 10;

        private static readonly Fixed64 ArenaSize = Fixed64.FromInt(100);
        private static readonly Fixed64 Radius = Fixed64.FromInt(4);
        private static readonly Fixed64 CoinRadius = Fixed64.FromInt(3);
        private static readonly Fixed64 Acceleration = Fixed64.FromRatio(1, 2);
        private static readonly Fixed64 DashSpeed = Fixed64.FromInt(4);
        private static readonly Fixed64 Friction = Fixed64.FromRatio(7, 8);
        private static readonly Fixed64 MaxSpeed = Fixed64.FromInt(3);

        /// <summary>Creates the rules, with shots ready in the pool of the calling thread (see <see cref="Projectiles.Prewarm"/>).</summary>
        public ArenaRules()
        {
            Projectiles.Prewarm();
        }

        /// <summary>Creates a state ready for episode 0.</summary>
        public static ArenaState NewState()
        {
            var state = new ArenaState();
            new ArenaRules().ResetEpisode(state);
            return state;
        }

        /// <inheritdoc />
        public void Step(ArenaState state, ReadOnlySpan<Pad> inputs)
        {
            for (int i = 0; i < state.Players.Length; i++)
            {
                if (Move(state.Players[i], inputs[i], out FixedVector2 dash))
                {
                    Projectiles.Fire(state, i, dash);
                }

                state.LastReward[i] = 0;
            }

            Collide(state);
            Projectiles.Update(state);
            for (int i = 0; i < state.Players.Length; i++)
            {
                Player p = state.Players[i];
                if ((p.Position - state.Coin).LengthSquared() <= (Radius + CoinRadius) * (Radius + CoinRadius))
                {
                    p.Score++;
                    state.TotalScore[i]++;
                    state.LastReward[i] = 1;
                    Projectiles.Sparks(state, i, state.Coin);
                    state.Coin = RandomSpot(ref state.Rng);
                }
            }
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(ArenaState state)
        {
            if (state.StepNum >= EpisodeSteps)
            {
                return true;
            }

            foreach (Player p in state.Players)
            {
                if (p.Score >= WinningScore)
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc />
        public void ResetEpisode(ArenaState state)
        {
            for (int i = 0; i < state.Players.Length; i++)
            {
                Player p = state.Players[i];
                p.Position = new FixedVector2(Fixed64.FromInt(20 + (60 * i)), Fixed64.FromInt(50));
                p.Velocity = FixedVector2.Zero;
                p.Score = 0;
                p.DashCooldown = 0;
                state.LastReward[i] = 0;
            }

            state.Bumps = 0;
            Projectiles.Clear(state);
            state.Coin = RandomSpot(ref state.Rng);
        }

        /// <summary>Moves one player; returns true with the dash direction when the player dashed this step.</summary>
        private static bool Move(Player p, Pad pad, out FixedVector2 dash)
        {
            dash = FixedVector2.Zero;
            var direction = new FixedVector2(Fixed64.FromInt(Math.Sign(pad.X)), Fixed64.FromInt(Math.Sign(pad.Y)));
            p.Velocity = (p.Velocity + (direction * Acceleration)) * Friction;
            p.Velocity = new FixedVector2(FixedMath.Clamp(p.Velocity.X, -MaxSpeed, MaxSpeed), FixedMath.Clamp(p.Velocity.Y, -MaxSpeed, MaxSpeed));
            if (p.DashCooldown > 0)
            {
                p.DashCooldown--;
            }
            else if (pad.Dash && direction != FixedVector2.Zero)
            {
                dash = direction.Normalized();
                p.Velocity = dash * DashSpeed;
                p.DashCooldown = 30;
            }

            p.Position += p.Velocity;
            p.Position = new FixedVector2(
                FixedMath.Clamp(p.Position.X, Radius, ArenaSize - Radius),
                FixedMath.Clamp(p.Position.Y, Radius, ArenaSize - Radius));
            return dash != FixedVector2.Zero;
        }

        private static void Collide(ArenaState state)
        {
            Player a = state.Players[0];
            Player b = state.Players[1];
            FixedVector2 delta = b.Position - a.Position;
            Fixed64 minDistance = Radius + Radius;
            Fixed64 distanceSquared = delta.LengthSquared();
            if (distanceSquared >= minDistance * minDistance)
            {
                return;
            }

            Fixed64 distance = FixedMath.Sqrt(distanceSquared);
            FixedVector2 normal = distance == Fixed64.Zero ? FixedVector2.UnitX : delta / distance;
            FixedVector2 push = normal * ((minDistance - distance) / 2);
            a.Position -= push;
            b.Position += push;
            FixedVector2 swap = a.Velocity;
            a.Velocity = b.Velocity;
            b.Velocity = swap;
            state.Bumps++;
        }

        private static FixedVector2 RandomSpot(ref DeterministicRandom rng) =>
            new FixedVector2(Fixed64.FromInt(rng.NextInt(10, 91)), Fixed64.FromInt(rng.NextInt(10, 91)));
    }
}
