using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;

namespace Rollback.Scenarios.Tests.Harness
{
    /// <summary>What one peer did and exported.</summary>
    public sealed class PeerRun
    {
        public PeerRun(int players)
        {
            DisconnectFrames = new int[players];
            for (int p = 0; p < players; p++)
            {
                DisconnectFrames[p] = int.MaxValue;
            }
        }

        public string Csv { get; set; } = string.Empty;

        public bool Finished { get; set; }

        public bool Quit { get; set; }

        public long Rollbacks { get; set; }

        public int MaxDepth { get; set; }

        public long FramesSimulated { get; set; }

        public long StalledTicks { get; set; }

        public int MaxFrameGap { get; set; }

        public NetworkStatistics? Network { get; set; }

        public PeerSession<ArenaState, Pad>? Session { get; set; }

        /// <summary>Frames that ended an episode (the last frame of each episode), from the confirmed records.</summary>
        public List<int> EpisodeEnds { get; } = new List<int>();

        public List<int> Checksums { get; } = new List<int>();

        public List<string> TimelineErrors { get; } = new List<string>();

        public List<PeerDesync> Desyncs { get; } = new List<PeerDesync>();

        public List<PeerDesyncReport> DesyncReports { get; } = new List<PeerDesyncReport>();

        public int[] DisconnectFrames { get; }

        public int ConfirmedFrames { get; set; }

        /// <summary>The tick the session first reported <c>IsFinished</c> (-1: never).</summary>
        public long FinishedAtTick { get; set; } = -1;

        public SessionFailure Failure { get; set; }
    }

    /// <summary>Checks every confirmed record as it comes: order, StepNum = steps since the episode began, episode ends where the rules say.</summary>
    public sealed class TimelineChecker
    {
        private readonly PeerRun _run;
        private readonly ISimulation<ArenaState, Pad> _rules;
        private int _expectedFrame;
        private int _episode;
        private int _steps;
        private bool _previousWasOver;

        public TimelineChecker(PeerRun run, ISimulation<ArenaState, Pad> rules)
        {
            _run = run;
            _rules = rules;
        }

        public void OnConfirmed(in ConfirmedFrame<ArenaState, Pad> f)
        {
            if (f.Frame != _expectedFrame)
            {
                Error($"frame {f.Frame} confirmed, expected {_expectedFrame}");
            }

            _expectedFrame = f.Frame + 1;
            if (_previousWasOver)
            {
                _run.EpisodeEnds.Add(f.Frame - 1);
                _episode++;
                _steps = 0;
            }

            _steps++;
            if (f.Episode != _episode)
            {
                Error($"frame {f.Frame}: episode {f.Episode}, expected {_episode}");
            }

            if (f.StepNum != _steps || f.State.StepNum != _steps)
            {
                Error($"frame {f.Frame}: StepNum {f.StepNum} (state {f.State.StepNum}), expected {_steps} steps since the episode began");
            }

            if (f.State.Frame != f.Frame + 1)
            {
                Error($"frame {f.Frame}: state Frame {f.State.Frame}");
            }

            _previousWasOver = _rules.IsEpisodeOver(f.State);
            _run.ConfirmedFrames++;
        }

        private void Error(string message)
        {
            if (_run.TimelineErrors.Count < 20)
            {
                _run.TimelineErrors.Add(message);
            }
        }
    }

    /// <summary>Everything a scenario run produced, plus the oracle: one replica stepped once with the true inputs.</summary>
    public sealed class ScenarioResult
    {
        private readonly List<Pad>[] _trueInputs;

        public ScenarioResult(Scenario scenario, int players)
        {
            Scenario = scenario;
            Peers = new PeerRun[players];
            _trueInputs = new List<Pad>[players];
            for (int i = 0; i < players; i++)
            {
                Peers[i] = new PeerRun(players);
                _trueInputs[i] = new List<Pad>();
            }
        }

        public Scenario Scenario { get; }

        public PeerRun[] Peers { get; }

        public long Ticks { get; set; }

        public TimeSpan WallTime { get; set; }

        public NetworkCounters NetworkCounters { get; set; }

        public string? SpectatorCsv { get; set; }

        public bool SpectatorFinished { get; set; }

        public long SpectatorFinishedAtTick { get; set; } = -1;

        public SessionFailure SpectatorFailure { get; set; }

        /// <summary>Why peer 0 stopped serving its spectator, each time it did.</summary>
        public List<DisconnectReason> SpectatorsDropped { get; } = new List<DisconnectReason>();

        public string OracleCsv { get; private set; } = string.Empty;

        public List<int> OracleEpisodeEnds { get; } = new List<int>();

        public List<string> OracleTimelineErrors { get; } = new List<string>();

        /// <summary>The agreed disconnect frame per player, as the surviving peers saw it (int.MaxValue: none).</summary>
        public int[] AgreedDisconnect { get; private set; } = Array.Empty<int>();

        public int FinalFrame { get; private set; }

        /// <summary>Records the input a peer's local player committed for <paramref name="frame"/>.</summary>
        public void RecordInput(int player, int frame, Pad input)
        {
            List<Pad> list = _trueInputs[player];
            while (list.Count < frame)
            {
                list.Add(default); // frames before the input delay: the agreed default
            }

            if (list.Count == frame)
            {
                list.Add(input);
            }
            else
            {
                throw new InvalidOperationException($"player {player}: input for frame {frame} recorded twice");
            }
        }

        /// <summary>Steps one replica with the true inputs (the default input from an agreed disconnect frame) and exports it.</summary>
        public void BuildOracle()
        {
            int players = Peers.Length;
            AgreedDisconnect = new int[players];
            for (int p = 0; p < players; p++)
            {
                AgreedDisconnect[p] = int.MaxValue;
                foreach (PeerRun run in Survivors())
                {
                    AgreedDisconnect[p] = Math.Min(AgreedDisconnect[p], run.DisconnectFrames[p]);
                }
            }

            // The final frame comes from the oracle's own timeline and the scenario's limits, never from the exports:
            // whichever of the frame limit and the end of the last episode comes first.
            int frameLimit = Scenario.FrameLimit > 0 ? Scenario.FrameLimit - 1 : int.MaxValue;
            int lastEpisode = Scenario.Episodes - 1;
            ISimulation<ArenaState, Pad> rules = Scenario.Rules?.Invoke(0) ?? new ArenaRules();
            var endRules = Scenario.Rules?.Invoke(0) ?? new ArenaRules();
            var session = new LocalSession<ArenaState, Pad>(rules, ArenaSetup.Factory(players), players);
            var writer = new StringWriter();
            var oracleRun = new PeerRun(players);
            var checker = new TimelineChecker(oracleRun, Scenario.Rules?.Invoke(0) ?? new ArenaRules());
            int final = -1;
            session.FrameConfirmed += checker.OnConfirmed;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
            {
                if (final < 0 && (f.Frame == frameLimit || (lastEpisode >= 0 && f.Episode == lastEpisode && endRules.IsEpisodeOver(f.State))))
                {
                    final = f.Frame;
                }
            };
            int longest = 0;
            foreach (List<Pad> list in _trueInputs)
            {
                longest = Math.Max(longest, list.Count);
            }

            using (ArenaSetup.AddColumns(new CsvExporter<ArenaState, Pad>(session, writer, leaveOpen: true), players))
            {
                var inputs = new Pad[players];
                for (int f = 0; final < 0; f++)
                {
                    if (f > longest + 1000)
                    {
                        OracleTimelineErrors.Add($"the oracle found no final frame by frame {f}");
                        break;
                    }

                    bool missing = false;
                    for (int p = 0; p < players; p++)
                    {
                        List<Pad> list = _trueInputs[p];
                        inputs[p] = f >= AgreedDisconnect[p] ? default : f < list.Count ? list[f] : default;
                        missing |= f < AgreedDisconnect[p] && f >= list.Count;
                    }

                    if (missing)
                    {
                        OracleTimelineErrors.Add($"no true input for frame {f}, before the final frame");
                        break;
                    }

                    session.AdvanceFrame(inputs);
                }
            }

            FinalFrame = final;
            OracleCsv = writer.ToString();
            OracleEpisodeEnds.AddRange(oracleRun.EpisodeEnds);
            OracleTimelineErrors.AddRange(oracleRun.TimelineErrors);
        }

        public IEnumerable<PeerRun> Survivors()
        {
            foreach (PeerRun run in Peers)
            {
                if (!run.Quit)
                {
                    yield return run;
                }
            }
        }

        public string Summary()
        {
            var sb = new StringBuilder();
            sb.Append(Scenario).Append(": ").Append(Ticks).Append(" ticks, final frame ").Append(FinalFrame).Append(", episodes ended ").Append(OracleEpisodeEnds.Count);
            for (int i = 0; i < Peers.Length; i++)
            {
                PeerRun r = Peers[i];
                sb.Append(" | peer ").Append(i).Append(": rows ").Append(r.ConfirmedFrames).Append(", rollbacks ").Append(r.Rollbacks)
                  .Append(", max depth ").Append(r.MaxDepth).Append(", finished ").Append(r.Finished).Append(", dropped ").Append(r.Network?.DropsByReason() ?? "-").Append(", relayed ").Append(r.Network?.InputsRelayed ?? 0).Append(", ts waits ").Append(r.Network?.TimeSyncWaits ?? 0);
            }

            return sb.ToString();
        }
    }
}
