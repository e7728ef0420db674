using Arena.Game;

namespace Arena.Play
{
    /// <summary>The arena's starting state for 2 to 4 players (the game's arrays sized to the player count).</summary>
    public static class ArenaSetup
    {
        /// <summary>A state ready for episode 0 with <paramref name="players"/> players.</summary>
        public static ArenaState NewState(int players)
        {
            var state = new ArenaState { Players = new Player[players], LastReward = new int[players], TotalScore = new int[players] };
            for (int i = 0; i < players; i++)
            {
                state.Players[i] = new Player();
            }

            new ArenaPlayRules().ResetEpisode(state);
            return state;
        }
    }
}
