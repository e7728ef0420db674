using System;
using Arena.Game;
using Rollback;

namespace Rollback.Scenarios.Tests.Harness
{
    /// <summary>The sample arena for any number of players, and its CSV export columns.</summary>
    public static class ArenaSetup
    {
        public static Func<ArenaState> Factory(int players) => () => NewState(players);

        public static ArenaState NewState(int players)
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

        /// <summary>Every exported value: rewards, scores, totals, positions, coin, bumps.</summary>
        public static CsvExporter<ArenaState, Pad> AddColumns(CsvExporter<ArenaState, Pad> csv, int players)
        {
            for (int i = 0; i < players; i++)
            {
                int p = i;
                csv.AddColumn("reward" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.LastReward[p]));
                csv.AddColumn("score" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Score));
                csv.AddColumn("total" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.TotalScore[p]));
                csv.AddColumn("x" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Position.X.RawValue));
                csv.AddColumn("y" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Position.Y.RawValue));
            }

            csv.AddColumn("coin_x", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Coin.X.RawValue));
            csv.AddColumn("coin_y", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Coin.Y.RawValue));
            csv.AddColumn("bumps", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Bumps));
            return csv;
        }
    }
}
