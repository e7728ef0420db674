using System;
using System.Runtime.InteropServices;
using Rollback;

namespace Rollback.Exploration.Tests.Game
{
    /// <summary>
    /// Deterministic rules over any unmanaged input: every input byte is folded into <see cref="ExploreState.Mix"/>;
    /// an episode ends after <see cref="MaxSteps"/> steps, or earlier, once <see cref="MinSteps"/> are done, on a step whose
    /// hash has its low bits zero. Episode ends therefore depend on the inputs, so predictions cross ends that never
    /// happen and miss ones that do.
    /// </summary>
    /// <typeparam name="TInput">One player's input.</typeparam>
    public sealed class ExploreRules<TInput> : ISimulation<ExploreState, TInput>
        where TInput : unmanaged
    {
        /// <summary>Creates the rules.</summary>
        /// <param name="minSteps">Steps before an input-driven end may happen.</param>
        /// <param name="maxSteps">Steps after which the episode always ends.</param>
        /// <param name="endMask">An episode ends early on a step where <c>Mix &amp; endMask == 0</c>.</param>
        public ExploreRules(int minSteps, int maxSteps, ulong endMask)
        {
            if (minSteps < 1 || maxSteps < minSteps)
            {
                throw new ArgumentOutOfRangeException(nameof(minSteps), "Need 1 <= minSteps <= maxSteps.");
            }

            MinSteps = minSteps;
            MaxSteps = maxSteps;
            EndMask = endMask;
        }

        /// <summary>Steps before an input-driven end may happen.</summary>
        public int MinSteps { get; }

        /// <summary>Steps after which the episode always ends.</summary>
        public int MaxSteps { get; }

        /// <summary>The mask of the input-driven end.</summary>
        public ulong EndMask { get; }

        /// <inheritdoc />
        public void Step(ExploreState state, ReadOnlySpan<TInput> inputs)
        {
            ulong mix = state.Mix;
            int reward = 0;
            for (int p = 0; p < inputs.Length; p++)
            {
                ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(inputs.Slice(p, 1));
                for (int i = 0; i < bytes.Length; i++)
                {
                    mix = (mix ^ bytes[i]) * 0x100000001B3UL;
                }

                mix = (mix ^ (ulong)p) * 0xBF58476D1CE4E5B9UL;
                int gain = bytes[0] & 3;
                state.Scores[p] += gain;
                reward += bytes[0];
            }

            state.Mix = mix ^ (mix >> 29);
            state.LastReward = reward;
        }

        /// <inheritdoc />
        public bool IsEpisodeOver(ExploreState state) =>
            state.StepNum >= MaxSteps || (state.StepNum >= MinSteps && (state.Mix & EndMask) == 0);

        /// <inheritdoc />
        public void ResetEpisode(ExploreState state)
        {
            Array.Clear(state.Scores, 0, state.Scores.Length);
            state.Mix = 0x9E3779B97F4A7C15UL ^ (ulong)state.Episode;
            state.LastReward = 0;
        }
    }
}
