using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Arena.Game;
using Rollback.Exploration.Tests.Core;

namespace Rollback.Exploration.Tests.Game
{
    /// <summary>What the runner needs of a game: rules, fresh states, bot inputs and the exported columns.</summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public interface IExploredGame<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        /// <summary>The rules for a scenario (a fresh instance per peer).</summary>
        /// <param name="spec">The scenario.</param>
        /// <returns>The rules.</returns>
        ISimulation<TState, TInput> Rules(ScenarioSpec spec);

        /// <summary>A fresh state for <paramref name="players"/> players.</summary>
        /// <param name="players">Player count.</param>
        /// <returns>The state.</returns>
        TState NewState(int players);

        /// <summary>A non-zero input to use as the agreed default.</summary>
        TInput PatternedDefault { get; }

        /// <summary>A new random input for a bot.</summary>
        /// <param name="random">The bot's stream.</param>
        /// <returns>The input.</returns>
        TInput RandomInput(ref ExploreRandom random);

        /// <summary>Appends the game's columns of one confirmed state (after the step).</summary>
        /// <param name="line">The export line.</param>
        /// <param name="state">The state.</param>
        void AppendColumns(StringBuilder line, TState state);
    }

    /// <summary>The exploration game over any unmanaged input.</summary>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed class ExploreGame<TInput> : IExploredGame<ExploreState, TInput>
        where TInput : unmanaged
    {
        /// <inheritdoc />
        public ISimulation<ExploreState, TInput> Rules(ScenarioSpec spec) =>
            new ExploreRules<TInput>(spec.EpisodeMinSteps, spec.EpisodeMaxSteps, (1UL << spec.EndBits) - 1);

        /// <inheritdoc />
        public ExploreState NewState(int players) => ExploreState.Create(players);

        /// <inheritdoc />
        public TInput PatternedDefault
        {
            get
            {
                TInput input = default;
                Span<byte> bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref input, 1));
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = (byte)(0xA5 ^ i);
                }

                return input;
            }
        }

        /// <inheritdoc />
        public TInput RandomInput(ref ExploreRandom random)
        {
            TInput input = default;
            Span<byte> bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref input, 1));
            random.Fill(bytes);
            bytes[0] |= 1; // never the default input, so a change is always visible to the predictor
            return input;
        }

        /// <inheritdoc />
        public void AppendColumns(StringBuilder line, ExploreState state)
        {
            line.Append(state.Mix.ToString("x16", CultureInfo.InvariantCulture)).Append(',').Append(state.LastReward.ToString(CultureInfo.InvariantCulture));
            foreach (int score in state.Scores)
            {
                line.Append(',').Append(score.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The sample arena with random pads.</summary>
    public sealed class ArenaGame : IExploredGame<ArenaState, Pad>
    {
        /// <inheritdoc />
        public ISimulation<ArenaState, Pad> Rules(ScenarioSpec spec) => new ArenaRules();

        /// <inheritdoc />
        public ArenaState NewState(int players)
        {
            var state = new ArenaState
            {
                Players = new Player[players],
                LastReward = new int[players],
                TotalScore = new int[players],
            };
            for (int i = 0; i < players; i++)
            {
                state.Players[i] = new Player();
            }

            new ArenaRules().ResetEpisode(state);
            return state;
        }

        /// <inheritdoc />
        public Pad PatternedDefault => new Pad(1, -1, false);

        /// <inheritdoc />
        public Pad RandomInput(ref ExploreRandom random) =>
            new Pad((sbyte)(random.Below(3) - 1), (sbyte)(random.Below(3) - 1), random.Chance(0.1));

        /// <inheritdoc />
        public void AppendColumns(StringBuilder line, ArenaState state)
        {
            for (int i = 0; i < state.Players.Length; i++)
            {
                Player p = state.Players[i];
                line.Append(state.LastReward[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.Score.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(state.TotalScore[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.Position.X.RawValue.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.Position.Y.RawValue.ToString(CultureInfo.InvariantCulture)).Append(',');
            }

            line.Append(state.Coin.X.RawValue.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(state.Coin.Y.RawValue.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(state.Bumps.ToString(CultureInfo.InvariantCulture));
        }
    }
}
