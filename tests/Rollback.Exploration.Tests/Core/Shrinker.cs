using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>
    /// Shrinks a failing scenario to a minimal one that still fails the same way: fewer peers and players, no events,
    /// cleaner links, fewer frames and episodes, smaller inputs, baseline timing. Greedy: each step tries every
    /// simplification and keeps the first that still fails with the same kind, until none does.
    /// </summary>
    public static class Shrinker
    {
        /// <summary>Shrinks <paramref name="failing"/>.</summary>
        /// <param name="failing">A failed run.</param>
        /// <param name="maxRuns">Most runs to spend.</param>
        /// <returns>The smallest failing run found (the input itself when nothing simpler fails).</returns>
        public static RunReport Shrink(RunReport failing, int maxRuns = 300) => Shrink(failing, ScenarioRunner.Run, ExplorationSpace.All, maxRuns);

        /// <summary>Shrinks <paramref name="failing"/> without leaving <paramref name="space"/>.</summary>
        /// <param name="failing">A failed run.</param>
        /// <param name="space">The space the run was drawn from; no candidate leaves it.</param>
        /// <param name="maxRuns">Most runs to spend.</param>
        /// <returns>The smallest failing run found.</returns>
        public static RunReport Shrink(RunReport failing, ExplorationSpace space, int maxRuns = 300) => Shrink(failing, ScenarioRunner.Run, space, maxRuns);

        /// <summary>Shrinks <paramref name="failing"/> with another runner (to test the shrinker itself).</summary>
        /// <param name="failing">A failed run.</param>
        /// <param name="run">Runs a spec.</param>
        /// <param name="space">No candidate leaves this space.</param>
        /// <param name="maxRuns">Most runs to spend.</param>
        /// <returns>The smallest failing run found.</returns>
        public static RunReport Shrink(RunReport failing, Func<ScenarioSpec, RunReport> run, ExplorationSpace space, int maxRuns = 300)
        {
            if (failing.Passed)
            {
                throw new ArgumentException("Only a failed run can be shrunk.", nameof(failing));
            }

            FailureKind kind = failing.Kind!.Value;
            RunReport best = failing;
            int runs = 0;
            bool progress = true;
            while (progress && runs < maxRuns)
            {
                progress = false;
                foreach (ScenarioSpec candidate in Candidates(best.Spec))
                {
                    if (!space.Admits(candidate))
                    {
                        continue;
                    }

                    if (runs++ >= maxRuns)
                    {
                        break;
                    }

                    RunReport r = run(candidate);
                    if (r.Failures.Any(f => f.Kind == kind))
                    {
                        best = r;
                        progress = true;
                        break;
                    }
                }
            }

            return best;
        }

        /// <summary>A test name for a failure kind, e.g. <c>Minimal_RowsPastFinal</c>.</summary>
        /// <param name="report">The failed run.</param>
        /// <returns>The name.</returns>
        public static string TestName(RunReport report) => "Minimal_" + (report.Kind?.ToString() ?? "Pass");

        /// <summary>The failure message of a failed run: what failed, and the minimal case as a ready-to-paste test.</summary>
        /// <param name="original">The failed run.</param>
        /// <param name="minimal">Its shrunk form.</param>
        /// <returns>The message.</returns>
        public static string Message(RunReport original, RunReport minimal) =>
            "A drawn scenario failed:\n" + original.Describe() +
            "\nShrunk to:\n" + minimal.Describe() +
            "\nReady-to-paste test:\n" + minimal.Spec.ToCSharp(TestName(minimal));

        private static IEnumerable<ScenarioSpec> Candidates(ScenarioSpec s)
        {
            // Events go first: each removed makes the case much easier to read.
            if (s.Handshake != HandshakeFault.None)
            {
                yield return With(s, c => c.Handshake = HandshakeFault.None);
            }

            if (s.RestartPeer >= 0)
            {
                yield return With(s, c => { c.RestartPeer = -1; c.RestartTick = 0; });
            }

            if (s.LeavePeer >= 0)
            {
                yield return With(s, c => { c.LeavePeer = -1; c.LeaveTick = 0; c.LeavePolitely = false; });
                if (s.LeavePolitely)
                {
                    yield return With(s, c => c.LeavePolitely = false);
                }
            }

            if (s.PartitionPeer >= 0)
            {
                yield return With(s, c => { c.PartitionPeer = -1; c.PartitionStart = 0; c.PartitionTicks = 0; });
            }

            if (s.StallPeer >= 0)
            {
                yield return With(s, c => { c.StallPeer = -1; c.StallStart = 0; c.StallTicks = 0; });
            }

            if (s.LatePeer >= 0)
            {
                yield return With(s, c => { c.LatePeer = -1; c.LateTicks = 0; });
            }

            if (s.Spectator)
            {
                yield return With(s, c => { c.Spectator = false; c.SpectatorDelayTicks = 0; });
                if (s.SpectatorDelayTicks > 0)
                {
                    yield return With(s, c => c.SpectatorDelayTicks = 0);
                }
            }

            // Peers and players.
            if (s.PeerCount > 2)
            {
                for (int drop = s.PeerCount - 1; drop >= 0; drop--)
                {
                    int d = drop;
                    yield return WithoutPeer(s, d);
                }
            }

            for (int peer = 0; peer < s.PeerCount; peer++)
            {
                if (s.PlayersPerPeer[peer] > 1)
                {
                    int p = peer;
                    yield return With(s, c => c.PlayersPerPeer[p] = 1);
                }
            }

            // Links.
            if (s.Loss > 0)
            {
                yield return With(s, c => c.Loss = 0);
                yield return With(s, c => c.Loss = Math.Round(c.Loss / 2, 2));
            }

            if (s.Duplicate > 0)
            {
                yield return With(s, c => c.Duplicate = 0);
            }

            if (s.Reorder > 0)
            {
                yield return With(s, c => c.Reorder = 0);
            }

            if (s.JitterTicks > 0)
            {
                yield return With(s, c => { c.JitterTicks = 0; c.JitterRedrawTicks = 0; });
            }

            if (s.AsymmetryTicks > 0)
            {
                yield return With(s, c => c.AsymmetryTicks = 0);
            }

            if (s.LatencyTicks > 0)
            {
                yield return With(s, c => c.LatencyTicks = 0);
                yield return With(s, c => c.LatencyTicks /= 2);
                yield return With(s, c => c.LatencyTicks--);
            }

            // Game, input, limits.
            if (s.Game != GameKind.Explore)
            {
                yield return With(s, c => { c.Game = GameKind.Explore; c.InputSize = 4; });
            }
            else if (s.InputSize > 1)
            {
                yield return With(s, c => c.InputSize = 1);
                if (s.InputSize > 4)
                {
                    yield return With(s, c => c.InputSize = 4);
                }
            }

            if (s.FrameCount > 0 && s.Episodes > 0)
            {
                yield return With(s, c => c.FrameCount = 0);
                yield return With(s, c => c.Episodes = 0);
            }

            if (s.Episodes > 1)
            {
                yield return With(s, c => c.Episodes = 1);
                yield return With(s, c => c.Episodes--);
            }

            if (s.FrameCount > 20)
            {
                yield return With(s, c => c.FrameCount /= 2);
                yield return With(s, c => c.FrameCount -= Math.Max(1, c.FrameCount / 10));
            }

            if (s.EpisodeMaxSteps > s.EpisodeMinSteps)
            {
                yield return With(s, c => c.EpisodeMaxSteps = c.EpisodeMinSteps);
            }

            // Timing toward the baseline (input delay 2, prediction window 8), then smaller.
            if (s.InputDelay != 2)
            {
                yield return With(s, c => c.InputDelay = 2);
            }

            if (s.PredictionWindow != 8 && s.PredictionWindow != 0)
            {
                yield return With(s, c => c.PredictionWindow = 8);
            }

            if (s.InputDelay > 0)
            {
                yield return With(s, c => c.InputDelay--);
            }

            if (!s.StopPollingAtFinish)
            {
                yield return With(s, c => c.StopPollingAtFinish = true);
            }

            if (s.PatternedDefaultInput)
            {
                yield return With(s, c => c.PatternedDefaultInput = false);
            }

            if (s.Idle)
            {
                yield return With(s, c => c.Idle = false);
            }
        }

        private static ScenarioSpec With(ScenarioSpec s, Action<ScenarioSpec> change)
        {
            ScenarioSpec c = s.Clone();
            change(c);
            int reach = c.InputDelay + c.PredictionWindow + 1;
            if (c.EpisodeMinSteps < reach)
            {
                c.EpisodeMinSteps = reach;
                c.EpisodeMaxSteps = Math.Max(c.EpisodeMaxSteps, reach);
            }

            return c;
        }

        private static ScenarioSpec WithoutPeer(ScenarioSpec s, int drop) => With(s, c =>
        {
            c.PlayersPerPeer = c.PlayersPerPeer.Where((_, i) => i != drop).ToArray();
            c.PartitionPeer = Renumber(c.PartitionPeer, drop);
            c.StallPeer = Renumber(c.StallPeer, drop);
            c.LatePeer = Renumber(c.LatePeer, drop);
            c.LeavePeer = Renumber(c.LeavePeer, drop);
            c.RestartPeer = Renumber(c.RestartPeer, drop);
            if (c.LeavePeer == 0)
            {
                c.LeavePeer = -1;
            }

            if (c.RestartPeer == 0)
            {
                c.RestartPeer = -1;
            }

            ClearOrphans(c);
        });

        private static void ClearOrphans(ScenarioSpec c)
        {
            if (c.PartitionPeer < 0)
            {
                c.PartitionStart = c.PartitionTicks = 0;
            }

            if (c.StallPeer < 0)
            {
                c.StallStart = c.StallTicks = 0;
            }

            if (c.LatePeer < 0)
            {
                c.LateTicks = 0;
            }

            if (c.LeavePeer < 0)
            {
                c.LeaveTick = 0;
                c.LeavePolitely = false;
            }

            if (c.RestartPeer < 0)
            {
                c.RestartTick = 0;
            }
        }

        private static int Renumber(int peer, int drop) => peer == drop ? -1 : peer > drop ? peer - 1 : peer;
    }
}
