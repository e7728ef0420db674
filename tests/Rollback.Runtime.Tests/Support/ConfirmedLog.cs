namespace Rollback.Runtime.Tests.Support
{
    /// <summary>What was seen of each confirmed frame (preallocated; filling it allocates nothing).</summary>
    public sealed class ConfirmedLog
    {
        public readonly int Players;
        public readonly ulong[] Checksum;
        public readonly int[] Episode;
        public readonly int[] StepNum;
        public readonly int[] StateFrame;
        public readonly int[] StateStepNum;
        public readonly int[] StateEpisode;
        public readonly int[] Score;
        public readonly int[] Reward;
        public readonly TestInput[] Inputs;
        public int Count;

        /// <summary>Violations seen in the handler: frame out of order, or a frame reported while an input was still unknown.</summary>
        public int OrderViolations;
        public int PredictedViolations;

        public ConfirmedLog(int players, int frames)
        {
            Players = players;
            Checksum = new ulong[frames];
            Episode = new int[frames];
            StepNum = new int[frames];
            StateFrame = new int[frames];
            StateStepNum = new int[frames];
            StateEpisode = new int[frames];
            Score = new int[frames];
            Reward = new int[frames];
            Inputs = new TestInput[frames * players];
        }

        public int Capacity => Checksum.Length;

        public TestInput Input(int frame, int player) => Inputs[(frame * Players) + player];

        /// <summary>Subscribes to the engine's confirmed-frame event.</summary>
        public void Attach(RollbackEngine<ManualState, TestInput> engine)
        {
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) =>
            {
                if (f.Frame != Count)
                {
                    OrderViolations++;
                    return;
                }

                for (int p = 0; p < Players; p++)
                {
                    if (engine.NextUnconfirmedFrame(p) <= f.Frame)
                    {
                        PredictedViolations++;
                    }
                }

                if (Count >= Capacity)
                {
                    OrderViolations++;
                    return;
                }

                int i = Count;
                Checksum[i] = f.Checksum;
                Episode[i] = f.Episode;
                StepNum[i] = f.StepNum;
                ManualState s = f.State;
                StateFrame[i] = s.Frame;
                StateStepNum[i] = s.StepNum;
                StateEpisode[i] = s.Episode;
                Score[i] = s.Score;
                Reward[i] = s.LastReward;
                f.Inputs.CopyTo(new System.Span<TestInput>(Inputs, i * Players, Players));
                Count++;
            };
        }
    }
}
