using System;
using Rollback;

namespace RollbackGame
{
    /// <summary>
    /// The deterministic rules: players move on a fixed-point grid, whoever reaches the target scores and the target
    /// jumps to a random spot. Only integer and <see cref="Fixed64"/> math, randomness only from the state's generator:
    /// the analyzers check that, and every peer computes the same bits.
    /// </summary>
    public sealed class GameRules : ISimulation<GameState, GameInput>
    {
        /// <summary>Players in a match.</summary>
        public const int Players = 2;

        /// <summary>Steps in an episode.</summary>
        public const int EpisodeSteps = 600;

        private static readonly Fixed64 Speed = Fixed64.FromRatio(3, 2);
        private static readonly Fixed64 Reach = Fixed64.FromInt(5);
        private static readonly Fixed64 Size = Fixed64.FromInt(100);

        /// <summary>A state ready for episode 0.</summary>
        public static GameState NewState()
        {
            var state = new GameState();
            new GameRules().ResetEpisode(state);
            return state;
        }

        /// <inheritdoc />
        public void Step(GameState state, ReadOnlySpan<GameInput> inputs)
        {
            for (int p = 0; p < Players; p++)
            {
                var move = new FixedVector2(Fixed64.FromInt(Math.Sign(inputs[p].X)), Fixed64.FromInt(Math.Sign(inputs[p].Y))) * Speed;
                FixedVector2 next = state.Positions[p] + move;
                state.Positions[p] = new FixedVector2(FixedMath.Clamp(next.X, Fixed64.Zero, Size), FixedMath.Clamp(next.Y, Fixed64.Zero, Size));
                state.LastReward[p] = 0;
                if ((state.Positions[p] - state.Target).LengthSquared() <= Reach * Reach)
                {
                    state.Scores[p]++;
                    state.LastReward[p] = 1;
                    state.Target = RandomSpot(ref state.Rng);
                }
            }
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(GameState state) => state.StepNum >= EpisodeSteps;

        /// <inheritdoc />
        public void ResetEpisode(GameState state)
        {
            for (int p = 0; p < Players; p++)
            {
                state.Positions[p] = new FixedVector2(Fixed64.FromInt(25 + (50 * p)), Fixed64.FromInt(50));
                state.Scores[p] = 0;
                state.LastReward[p] = 0;
            }

            state.Target = RandomSpot(ref state.Rng);
        }

        private static FixedVector2 RandomSpot(ref DeterministicRandom rng) =>
            new FixedVector2(Fixed64.FromInt(rng.NextInt(10, 91)), Fixed64.FromInt(rng.NextInt(10, 91)));
    }
}
