using System;
using System.Collections.Generic;
using System.Text;
using Arena.Game;

namespace Rollback.LiteNetLib.Tests
{
    /// <summary>What every peer of a <see cref="LoopbackMatch"/> exported, its timeline errors, and the oracle's export.</summary>
    internal sealed class MatchResult
    {
        private readonly List<Pad>[] _trueInputs;
        private readonly int[] _expectedFrame;
        private readonly int[] _steps;
        private readonly int[] _episode;
        private readonly bool[] _previousOver;
        private readonly ArenaRules _rules = new ArenaRules();

        public MatchResult(int peers)
        {
            Csv = new StringBuilder[peers];
            _trueInputs = new List<Pad>[peers];
            _expectedFrame = new int[peers];
            _steps = new int[peers];
            _episode = new int[peers];
            _previousOver = new bool[peers];
            Finished = new bool[peers];
            Rollbacks = new long[peers];
            Counters = new LiteNetLibTransportCounters[peers];
            EpisodeEnds = new List<int>[peers];
            for (int i = 0; i < peers; i++)
            {
                Csv[i] = new StringBuilder();
                _trueInputs[i] = new List<Pad>();
                EpisodeEnds[i] = new List<int>();
            }
        }

        public StringBuilder[] Csv { get; }

        public bool[] Finished { get; }

        public long[] Rollbacks { get; }

        public LiteNetLibTransportCounters[] Counters { get; }

        public List<int>[] EpisodeEnds { get; }

        public List<string> TimelineErrors { get; } = new List<string>();

        public int Desyncs { get; set; }

        public int Disconnects { get; set; }

        public TimeSpan WallTime { get; set; }

        public string OracleCsv { get; private set; } = string.Empty;

        public List<int> OracleEpisodeEnds { get; } = new List<int>();

        public void RecordInput(int player, int frame, Pad input)
        {
            List<Pad> list = _trueInputs[player];
            while (list.Count < frame)
            {
                list.Add(default);
            }

            if (list.Count != frame)
            {
                throw new InvalidOperationException($"player {player}: input for frame {frame} recorded twice");
            }

            list.Add(input);
        }

        /// <summary>Frames confirmed once each, in order; StepNum counts the steps of the episode; episodes end where the rules say.</summary>
        public void CheckTimeline(int peer, in ConfirmedFrame<ArenaState, Pad> f)
        {
            if (f.Frame != _expectedFrame[peer])
            {
                TimelineErrors.Add($"peer {peer}: frame {f.Frame} confirmed, expected {_expectedFrame[peer]}");
            }

            _expectedFrame[peer] = f.Frame + 1;
            if (_previousOver[peer])
            {
                EpisodeEnds[peer].Add(f.Frame - 1);
                _episode[peer]++;
                _steps[peer] = 0;
            }

            _steps[peer]++;
            if (f.Episode != _episode[peer] || f.StepNum != _steps[peer] || f.State.StepNum != _steps[peer])
            {
                TimelineErrors.Add($"peer {peer}: frame {f.Frame} episode {f.Episode} step {f.StepNum}, expected episode {_episode[peer]} step {_steps[peer]}");
            }

            _previousOver[peer] = _rules.IsEpisodeOver(f.State);
        }

        public void BuildOracle(int frames)
        {
            int players = Csv.Length;
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaExport.Factory(players), players);
            var csv = new StringBuilder();
            bool previousOver = false;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
            {
                ArenaExport.AppendRow(csv, f);
                if (previousOver)
                {
                    OracleEpisodeEnds.Add(f.Frame - 1);
                }

                previousOver = _rules.IsEpisodeOver(f.State);
            };
            var inputs = new Pad[players];
            for (int f = 0; f < frames; f++)
            {
                for (int p = 0; p < players; p++)
                {
                    inputs[p] = f < _trueInputs[p].Count ? _trueInputs[p][f] : default;
                }

                session.AdvanceFrame(inputs);
            }

            OracleCsv = csv.ToString();
        }

        public string Summary()
        {
            var text = new StringBuilder().Append("wall ").Append(WallTime.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).Append(" s");
            for (int i = 0; i < Csv.Length; i++)
            {
                LiteNetLibTransportCounters c = Counters[i];
                text.Append(" | peer ").Append(i).Append(": finished ").Append(Finished[i]).Append(", rows ").Append(Csv[i].ToString().Split('\n').Length - 1)
                    .Append(", rollbacks ").Append(Rollbacks[i]).Append(", sent ").Append(c.Sent).Append(", received ").Append(c.Received)
                    .Append(", not connected ").Append(c.NotConnected).Append(", too large ").Append(c.TooLarge).Append(", queue full ").Append(c.QueueFull)
                    .Append(", connections ").Append(c.Connections);
            }

            return text.ToString();
        }
    }
}
