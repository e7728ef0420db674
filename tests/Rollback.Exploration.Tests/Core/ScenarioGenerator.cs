using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>Draws a <see cref="ScenarioSpec"/> from a seed, varying only the dimensions of an <see cref="ExplorationSpace"/>.</summary>
    public static class ScenarioGenerator
    {
        private static readonly int[] SmallSizes = { 1, 4, 16, 64 };
        private static readonly int[] LargeSizes = { 256, 1024 };

        /// <summary>The spec of run number <paramref name="index"/> of a batch with base seed <paramref name="baseSeed"/>.</summary>
        /// <param name="space">The dimensions to vary.</param>
        /// <param name="baseSeed">The batch's base seed.</param>
        /// <param name="index">The run's index in the batch.</param>
        /// <returns>The spec.</returns>
        public static ScenarioSpec Draw(ExplorationSpace space, ulong baseSeed, int index)
        {
            ulong seed = ExploreRandom.Mix(baseSeed + ((ulong)index * 0xD1B54A32D192ED03UL));
            var r = new ExploreRandom(seed, 0xD2A5);
            var s = new ScenarioSpec { Seed = seed };

            // Game and input size.
            if (space.Has(Dimension.ArenaGame) && r.Chance(0.2))
            {
                s.Game = GameKind.Arena;
                s.InputSize = 3;
            }
            else if (space.Has(Dimension.LargeInputs) && r.Chance(0.15))
            {
                s.InputSize = r.Pick<int>(LargeSizes);
            }
            else if (space.Has(Dimension.InputSize))
            {
                s.InputSize = r.Pick<int>(SmallSizes);
            }

            // Players and peers.
            int players = space.Has(Dimension.ManyPlayers) && r.Chance(0.5) ? r.Between(3, 8) : 2;
            if (s.InputSize >= 256)
            {
                players = Math.Min(players, 3); // keeps big-input runs within the CI time budget
            }

            int peers = players;
            if (space.Has(Dimension.SeveralLocalPlayers) && r.Chance(0.4))
            {
                peers = r.Between(2, players == 2 ? 2 : players - 1);
            }

            s.PlayersPerPeer = Split(ref r, players, peers);

            // Timing.
            s.InputDelay = space.Has(Dimension.InputDelay) ? r.Between(0, 8) : 2;
            s.PredictionWindow = space.Has(Dimension.Lockstep) && r.Chance(0.1) ? 0
                : space.Has(Dimension.PredictionWindow) ? r.Between(1, 12) : 8;
            if (s.PredictionWindow == 0 && s.InputDelay == 0 && !space.Has(Dimension.LockstepWithoutDelay))
            {
                s.InputDelay = 1;
            }

            if (space.Has(Dimension.LockstepWithoutDelay) && r.Chance(0.04))
            {
                s.PredictionWindow = 0;
                s.InputDelay = 0;
            }
            s.Idle = space.Has(Dimension.Idle) && r.Chance(0.1);
            s.StopPollingAtFinish = space.Has(Dimension.StopPollingAtFinish) && r.Chance(0.5);
            s.PatternedDefaultInput = space.Has(Dimension.DefaultInput) && r.Chance(0.3);

            // Limits and episodes.
            int reach = s.InputDelay + s.PredictionWindow + 1;
            s.EpisodeMinSteps = reach + r.Between(0, 25);
            s.EpisodeMaxSteps = s.EpisodeMinSteps + r.Between(0, 60);
            s.EndBits = r.Between(2, 5);
            int limit = r.Below(3);
            bool episodes = (limit == 1 && space.Has(Dimension.EpisodeLimit)) || (limit == 2 && space.Has(Dimension.BothLimits));
            bool frames = !episodes || limit == 2;
            s.FrameCount = frames ? (s.Game == GameKind.Arena ? r.Between(150, 600) : r.Between(40, 360)) : 0;
            s.Episodes = episodes ? (s.Game == GameKind.Arena ? 1 : r.Between(1, 4)) : 0;

            // Links.
            if (space.Has(Dimension.Latency) && r.Chance(0.6))
            {
                s.LatencyTicks = r.Between(1, 9);
                s.AsymmetryTicks = r.Chance(0.3) ? r.Between(1, 6) : 0;
            }

            if (space.Has(Dimension.Jitter) && r.Chance(0.35))
            {
                s.JitterTicks = r.Between(1, 4);
                s.JitterRedrawTicks = r.Chance(0.5) ? 0 : r.Between(3, 8);
            }

            if (space.Has(Dimension.Loss) && r.Chance(0.4))
            {
                s.Loss = Math.Round(r.Between(1, 25) / 100.0, 2);
            }

            if (space.Has(Dimension.Duplication) && r.Chance(0.25))
            {
                s.Duplicate = Math.Round(r.Between(1, 20) / 100.0, 2);
            }

            if (space.Has(Dimension.Reordering) && r.Chance(0.25))
            {
                s.Reorder = Math.Round(r.Between(1, 30) / 100.0, 2);
            }

            int span = Math.Max(60, s.FrameCount > 0 ? s.FrameCount : s.Episodes * s.EpisodeMinSteps);

            // Events: at most one per peer role; timings inside the run, lengths below the disconnect timeout.
            if (space.Has(Dimension.Partition) && r.Chance(0.2))
            {
                s.PartitionPeer = r.Below(peers);
                s.PartitionStart = r.Between(10, span);
                s.PartitionTicks = r.Between(3, 45);
            }

            if (space.Has(Dimension.Stall) && r.Chance(0.2))
            {
                s.StallPeer = r.Below(peers);
                s.StallStart = r.Between(10, span);
                s.StallTicks = r.Between(3, 60);
            }

            if (space.Has(Dimension.LateStart) && r.Chance(0.2))
            {
                s.LatePeer = r.Below(peers);
                s.LateTicks = r.Between(1, 60);
            }

            if (space.Has(Dimension.Spectator) && r.Chance(0.2))
            {
                s.Spectator = true;
                s.SpectatorDelayTicks = r.Chance(0.5) ? 0 : r.Between(30, 400);
            }

            if (space.Has(Dimension.Leave) && r.Chance(0.15))
            {
                s.LeavePeer = r.Between(1, peers - 1);
                s.LeaveTick = r.Between(5, span);
                s.LeavePolitely = r.Chance(0.5);
            }

            if (space.Has(Dimension.Restart) && r.Chance(0.1))
            {
                s.RestartPeer = r.Between(1, peers - 1);
                s.RestartTick = r.Between(5, span);
            }

            if (s.LeavePeer >= 0 && s.Episodes > 0 && !space.Has(Dimension.LeaveWithEpisodeLimit))
            {
                s.Episodes = 0;
                s.FrameCount = s.FrameCount > 0 ? s.FrameCount : r.Between(40, 360);
            }

            if (!space.Has(Dimension.LongSilence))
            {
                // Drop events until no silence reaches the disconnect timeout.
                if (ExplorationSpace.LongestSilence(s) >= ExplorationSpace.MaxSilence)
                {
                    s.StallPeer = -1;
                    s.StallStart = s.StallTicks = 0;
                }

                if (ExplorationSpace.LongestSilence(s) >= ExplorationSpace.MaxSilence)
                {
                    s.PartitionPeer = -1;
                    s.PartitionStart = s.PartitionTicks = 0;
                }
            }
            else if (r.Chance(0.1))
            {
                s.StallPeer = r.Below(peers);
                s.StallStart = r.Between(0, span);
                s.StallTicks = r.Between(80, 200);
            }

            var faults = new List<HandshakeFault>();
            if (space.Has(Dimension.MismatchedConfig))
            {
                faults.Add(HandshakeFault.MismatchedConfig);
            }

            if (space.Has(Dimension.NeverStarted))
            {
                faults.Add(HandshakeFault.NeverStarts);
            }

            if (faults.Count > 0 && r.Chance(0.06))
            {
                s.Handshake = faults[r.Below(faults.Count)];
            }

            return s;
        }

        private static int[] Split(ref ExploreRandom r, int players, int peers)
        {
            var counts = Enumerable.Repeat(1, peers).ToArray();
            for (int extra = players - peers; extra > 0; extra--)
            {
                counts[r.Below(peers)]++;
            }

            return counts;
        }
    }
}
