using System;

namespace Rollback.Runtime.Tests.Generated
{
    /// <summary>A sample-like generated state: fixed-point positions, scores, a per-step reward, an RNG inside the state.</summary>
    [RollbackState]
    public partial class Arena
    {
        public FixedVector2[] Positions = new FixedVector2[2];
        public int[] Scores = new int[2];
        public int LastReward;
        public int Ticks;
        public DeterministicRandom Rng = new DeterministicRandom(7);
    }

    /// <summary>One player's pad.</summary>
    public struct Pad
    {
        public sbyte X;
        public sbyte Y;
        public byte Fire;

        public Pad(sbyte x, sbyte y, byte fire)
        {
            X = x;
            Y = y;
            Fire = fire;
        }
    }

    /// <summary>Two players move; firing near the other scores. Episodes end on a step limit or a score limit.</summary>
    public class ArenaRules : ISimulation<Arena, Pad>
    {
        public int MaxSteps { get; set; } = 60;

        public virtual void Step(Arena s, ReadOnlySpan<Pad> inputs)
        {
            Fixed64 speed = Fixed64.FromRatio(1, 2);
            int reward = 0;
            for (int p = 0; p < inputs.Length && p < s.Positions.Length; p++)
            {
                var move = new FixedVector2(Fixed64.FromInt(inputs[p].X), Fixed64.FromInt(inputs[p].Y));
                s.Positions[p] = s.Positions[p] + (move * speed);
                if (inputs[p].Fire != 0)
                {
                    FixedVector2 other = s.Positions[(p + 1) % s.Positions.Length];
                    if (FixedVector2.DistanceSquared(s.Positions[p], other) < Fixed64.FromInt(9) || s.Rng.NextInt(4) == 0)
                    {
                        s.Scores[p]++;
                        reward += p == 0 ? 1 : -1;
                    }
                }
            }

            s.LastReward = reward;
            s.Ticks++;
        }

        public bool IsEpisodeOver(Arena s) => s.StepNum >= MaxSteps || s.Scores[0] >= 5 || s.Scores[1] >= 5;

        public void ResetEpisode(Arena s)
        {
            Array.Clear(s.Scores, 0, s.Scores.Length);
            s.Positions[0] = new FixedVector2(Fixed64.FromInt(-3), Fixed64.Zero);
            s.Positions[1] = new FixedVector2(Fixed64.FromInt(3), Fixed64.Zero);
            s.Ticks = 0;
        }
    }

    /// <summary>Deliberately nondeterministic: reads hidden static state, so a replay differs from the first run.</summary>
    public sealed class NondeterministicArenaRules : ArenaRules
    {
        private static int s_counter;

        public override void Step(Arena s, ReadOnlySpan<Pad> inputs)
        {
            base.Step(s, inputs);
            s.Ticks += s_counter++ % 3 == 0 ? 1 : 0;
        }
    }
}
