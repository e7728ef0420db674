using System;

namespace Rollback.Runtime.Tests.Support
{
    /// <summary>
    /// A deterministic game over <see cref="ManualState"/>: inputs move and score, the RNG is mixed in, and an
    /// episode ends on a step limit or on a score that depends on the inputs (so predicted and real
    /// episode ends differ). Counts calls so tests can see replays and speculative episode ends.
    /// </summary>
    public sealed class TestGame : ISimulation<ManualState, TestInput>
    {
        public int MaxSteps { get; set; } = 40;

        public int TargetScore { get; set; } = 30;

        public long Steps;
        public long Resets;
        public int LastSteppedFrame = -1;
        public int HighestSteppedFrame = -1;

        /// <summary>Rollbacks seen from the simulation's side: a step at a frame that is not the previous one + 1.</summary>
        public int ObservedRollbacks;

        /// <summary>Rollbacks whose target lay strictly inside the window the previous rollback had replayed.</summary>
        public int CascadingRollbacks;

        /// <summary>When set, every observed rollback is appended as (target frame, present frame).</summary>
        public System.Collections.Generic.List<(int Target, int Present)>? RollbackLog;

        private int _previousTarget = -1;
        private int _previousPresent = -1;

        public void Step(ManualState s, ReadOnlySpan<TestInput> inputs)
        {
            int frame = s.Frame;
            if (LastSteppedFrame >= 0 && frame != LastSteppedFrame + 1)
            {
                ObservedRollbacks++;
                int present = HighestSteppedFrame + 1;
                if (_previousTarget >= 0 && frame > _previousTarget && frame < _previousPresent)
                {
                    CascadingRollbacks++;
                }

                RollbackLog?.Add((frame, present));
                _previousTarget = frame;
                _previousPresent = present;
            }

            LastSteppedFrame = frame;
            HighestSteppedFrame = Math.Max(HighestSteppedFrame, frame);
            Steps++;

            int reward = 0;
            for (int p = 0; p < inputs.Length; p++)
            {
                TestInput input = inputs[p];
                s.B[p % s.B.Length] += input.Move;
                if ((input.Buttons & 1) != 0)
                {
                    reward += 1 + (p % 3);
                }

                s.A = unchecked((s.A * 31) + (input.Buttons * 7) + input.Move + p);
            }

            s.A ^= s.Rng.NextInt(1 << 20);
            s.Score += reward;
            s.LastReward = reward;
        }

        public bool IsEpisodeOver(ManualState s) => s.StepNum >= MaxSteps || s.Score >= TargetScore;

        public void ResetEpisode(ManualState s)
        {
            Resets++;
            s.Score = 0;
            Array.Clear(s.B, 0, s.B.Length);
            s.A = s.Episode * 1000;
        }
    }
}
