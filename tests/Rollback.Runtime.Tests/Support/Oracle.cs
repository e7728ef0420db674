using System;

namespace Rollback.Runtime.Tests.Support
{
    /// <summary>
    /// One replica stepped once per frame with the true inputs: no prediction, no rollback. It follows the
    /// documented step order on its own and counts steps since the episode began itself, so nothing it
    /// reports comes from the engine.
    /// </summary>
    public static class Oracle
    {
        public static ConfirmedLog Run(TestGame game, int players, int frames, Func<int, int, TestInput> trueInput)
        {
            var log = new ConfirmedLog(players, frames);
            var state = new ManualState();
            IRollbackCounters counters = state;
            var inputs = new TestInput[players];
            int episode = 0;
            int stepsSinceEpisodeBegan = 0;
            for (int f = 0; f < frames; f++)
            {
                for (int p = 0; p < players; p++)
                {
                    inputs[p] = trueInput(p, f);
                }

                if (game.IsEpisodeOver(state))
                {
                    episode++;
                    stepsSinceEpisodeBegan = 0;
                    counters.SetCounters(f, 0, episode);
                    game.ResetEpisode(state);
                }

                game.Step(state, inputs);
                stepsSinceEpisodeBegan++;
                counters.SetCounters(f + 1, stepsSinceEpisodeBegan, episode);

                log.Checksum[f] = state.Checksum();
                log.Episode[f] = episode;
                log.StepNum[f] = stepsSinceEpisodeBegan;
                log.StateFrame[f] = state.Frame;
                log.StateStepNum[f] = state.StepNum;
                log.StateEpisode[f] = state.Episode;
                log.Score[f] = state.Score;
                log.Reward[f] = state.LastReward;
                inputs.CopyTo(new Span<TestInput>(log.Inputs, f * players, players));
                log.Count++;
            }

            return log;
        }
    }
}
