using System;
using System.Globalization;
using System.Text;
using Arena.Game;
using Rollback;

namespace Rollback.LiteNetLib.Tests
{
    /// <summary>The arena for any number of players, and one export row per confirmed frame with every value that matters.</summary>
    internal static class ArenaExport
    {
        public static Func<ArenaState> Factory(int players) => () =>
        {
            var state = new ArenaState { Players = new Player[players], LastReward = new int[players], TotalScore = new int[players] };
            for (int i = 0; i < players; i++)
            {
                state.Players[i] = new Player();
            }

            new ArenaRules().ResetEpisode(state);
            return state;
        };

        public static void AppendRow(StringBuilder csv, in ConfirmedFrame<ArenaState, Pad> f)
        {
            csv.Append(f.Frame).Append(',').Append(f.Episode).Append(',').Append(f.StepNum);
            foreach (Pad pad in f.Inputs)
            {
                csv.Append(',').Append(pad.ToString());
            }

            ArenaState s = f.State;
            for (int p = 0; p < s.Players.Length; p++)
            {
                csv.Append(',').Append(s.LastReward[p]).Append(',').Append(s.TotalScore[p]).Append(',').Append(s.Players[p].Score)
                   .Append(',').Append(s.Players[p].Position.X.RawValue.ToString(CultureInfo.InvariantCulture))
                   .Append(',').Append(s.Players[p].Position.Y.RawValue.ToString(CultureInfo.InvariantCulture));
            }

            csv.Append(',').Append(s.Coin.X.RawValue.ToString(CultureInfo.InvariantCulture)).Append(',').Append(s.Coin.Y.RawValue.ToString(CultureInfo.InvariantCulture))
               .Append(',').Append(f.Checksum.ToString("x16", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
