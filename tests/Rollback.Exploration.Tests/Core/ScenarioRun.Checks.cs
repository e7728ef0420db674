using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>The checks of a run: the five checks against the oracle, disconnects, the spectator, handshakes, restarts.</summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed partial class ScenarioRun<TState, TInput>
    {
        private void CheckHandshakeFailure(DrivenPeer<TState, TInput>[] peers, ExportRecorder<TState, TInput>[] exports, bool[] quit, bool[] restarted, DrivenPeer<TState, TInput>? reborn, ExportRecorder<TState, TInput>? rebornExport)
        {
            for (int i = 0; i < peers.Length; i++)
            {
                if (NeverStarts(i))
                {
                    continue;
                }

                if (quit[i])
                {
                    if (exports[i].Rows.Count > 0)
                    {
                        _report.Fail(FailureKind.HandshakeOutcome, $"peer {i} (left) exported {exports[i].Rows.Count} rows of a session whose handshake cannot complete ({_spec.Handshake})");
                    }

                    continue; // it left before its handshake could fail
                }

                // A restarted peer is judged by its new instance; the old one was abandoned mid-handshake.
                DrivenPeer<TState, TInput> peer = restarted[i] ? reborn! : peers[i];
                ExportRecorder<TState, TInput> export = restarted[i] ? rebornExport! : exports[i];
                if (export.Rows.Count > 0 || (restarted[i] && exports[i].Rows.Count > 0))
                {
                    _report.Fail(FailureKind.HandshakeOutcome, $"peer {i} exported {Math.Max(export.Rows.Count, exports[i].Rows.Count)} rows of a session whose handshake cannot complete ({_spec.Handshake})");
                }

                if (peer.Failure is null)
                {
                    _report.Fail(FailureKind.HandshakeOutcome, $"peer {i}{(restarted[i] ? " (restarted)" : string.Empty)} reports no failure within {_report.Bound} ticks ({_spec.Handshake}); finished {peer.IsFinished}");
                }
            }
        }

        /// <summary>
        /// A peer left before every handshake completed: the session never starts (docs/p2p.md), so every other peer must
        /// report a failure and export nothing; none may play alone.
        /// </summary>
        private void CheckLeaveBeforeStart(DrivenPeer<TState, TInput>[] peers, ExportRecorder<TState, TInput>[] exports, bool[] quit)
        {
            for (int i = 0; i < peers.Length; i++)
            {
                if (quit[i])
                {
                    continue;
                }

                if (exports[i].Rows.Count > 0)
                {
                    _report.Fail(FailureKind.HandshakeOutcome, $"peer {i} exported {exports[i].Rows.Count} rows though peer {_spec.LeavePeer} left before the handshake completed");
                }

                if (peers[i].Failure is null)
                {
                    _report.Fail(FailureKind.HandshakeOutcome, $"peer {i} reports no failure within {_report.Bound} ticks though peer {_spec.LeavePeer} left before the handshake completed; finished {peers[i].IsFinished}");
                }
            }
        }

        private void CheckRestart(DrivenPeer<TState, TInput>[] peers, ExportRecorder<TState, TInput>[] exports, bool[] quit, bool[] restarted, DrivenPeer<TState, TInput> reborn)
        {
            // A restarted peer either rejoins or is refused with a reason; never a silent deadlock.
            for (int i = 0; i < peers.Length; i++)
            {
                DrivenPeer<TState, TInput> peer = restarted[i] ? reborn : peers[i];
                if (!quit[i] && !peer.IsFinished && peer.Failure is null)
                {
                    _report.Fail(FailureKind.DidNotFinish, $"peer {i}{(restarted[i] ? " (restarted)" : string.Empty)} neither finished nor failed within {_report.Bound} ticks (frame {peer.CurrentFrame})");
                }
            }

            List<int> others = Enumerable.Range(0, peers.Length).Where(i => !restarted[i] && !quit[i] && peers[i].IsFinished).ToList();
            for (int k = 1; k < others.Count; k++)
            {
                CompareRows(exports[others[0]].Rows, exports[others[k]].Rows, FailureKind.ExportsDiffer, $"peers {others[0]} and {others[k]}");
            }
        }

        private void Check(DrivenPeer<TState, TInput>[] peers, ExportRecorder<TState, TInput>[] exports, bool[] quit, DrivenSpectator<TState, TInput>? spectator, ExportRecorder<TState, TInput>? spectatorExport)
        {
            ScenarioSpec s = _spec;
            int players = s.PlayerCount;
            int[] survivors = Enumerable.Range(0, peers.Length).Where(i => !quit[i]).ToArray();
            // The disconnect frames come from a survivor; with none (one peer dropped, the other left later), from a peer
            // that left on its own: it still agreed on the frames before it left.
            int reference = survivors.Length > 0 ? survivors[0]
                : Enumerable.Range(0, peers.Length).Where(i => !peers[i].WasDisconnectedByPeers).DefaultIfEmpty(-1).First();
            if (reference < 0)
            {
                _report.Fail(FailureKind.Disconnect, "every peer was disconnected by the others: no peer kept the session");
                return;
            }

            foreach (int i in survivors)
            {
                if (!peers[i].IsFinished)
                {
                    _report.Fail(FailureKind.DidNotFinish, $"peer {i} did not finish within {_report.Bound} ticks (frame {peers[i].CurrentFrame}, {exports[i].Rows.Count} rows)");
                }

                if (peers[i].Desyncs > 0)
                {
                    _report.Fail(FailureKind.Desync, $"peer {i} reported {peers[i].Desyncs} checksum disagreements");
                }

                _report.Rollbacks += peers[i].Rollbacks;
            }

            // Disconnects: every survivor agrees on every player's disconnect frame; only a peer that left has one.
            // Disagreements are judged once the final frame is known: a disconnect frame past it changes no row.
            var agreed = new int[players];
            var disconnectFindings = new List<(int Frame, string Text)>();
            for (int p = 0; p < players; p++)
            {
                agreed[p] = peers[reference].DisconnectFrameOf(p);
                foreach (int i in survivors)
                {
                    int frame = peers[i].DisconnectFrameOf(p);
                    if (frame != agreed[p])
                    {
                        disconnectFindings.Add((Math.Min(frame, agreed[p]), $"player {p}: peer {reference} says disconnected from frame {Show(agreed[p])}, peer {i} says {Show(frame)}"));
                    }
                }

                if (agreed[p] != int.MaxValue && !quit[s.OwnerOf(p)])
                {
                    disconnectFindings.Add((agreed[p], $"player {p} reported disconnected from frame {agreed[p]} though its peer neither left nor was told it was dropped"));
                }
            }

            // The oracle: one replica stepped once with the true inputs; the final frame comes from it and the limits.
            var oracleExport = new ExportRecorder<TState, TInput>(_game, _game.Rules(s));
            var oracle = new OracleReplica<TState, TInput>(_game.Rules(s), () => _game.NewState(players), players, oracleExport.Handler);
            var step = new TInput[players];
            int final = -1;
            for (int f = 0; final < 0; f++)
            {
                bool complete = true;
                for (int p = 0; p < players; p++)
                {
                    if (f >= agreed[p])
                    {
                        step[p] = _default;
                    }
                    else if (f < _trueInputs[p].Count)
                    {
                        step[p] = _trueInputs[p][f];
                    }
                    else if (f < s.InputDelay)
                    {
                        step[p] = _default;
                    }
                    else
                    {
                        complete = false;
                    }
                }

                if (!complete)
                {
                    break;
                }

                oracle.Step(step);
                bool frameLimit = s.FrameCount > 0 && f == s.FrameCount - 1;
                bool episodeLimit = s.Episodes > 0 && oracleExport.LastEndsEpisode && oracleExport.LastEpisode == s.Episodes - 1;
                if (frameLimit || episodeLimit)
                {
                    final = f;
                }
            }

            foreach ((int frame, string text) in disconnectFindings)
            {
                if (final < 0 || frame <= final)
                {
                    _report.Fail(FailureKind.Disconnect, text);
                }
            }

            _report.FinalFrame = final;
            _report.EpisodeEnds = oracleExport.EpisodeEnds.Count;
            List<string> truth = oracleExport.Rows;
            if (final < 0 && survivors.Length > 0)
            {
                _report.Fail(FailureKind.MissingInput, $"the oracle ran out of true inputs at frame {truth.Count} before reaching the final frame");
            }

            // (1)-(4) for every survivor, plus no rows past the final frame.
            foreach (int i in survivors)
            {
                List<string> rows = exports[i].Rows;
                if (final >= 0 && rows.Count > final + 1)
                {
                    _report.Fail(FailureKind.RowsPastFinal, $"peer {i} exported {rows.Count - final - 1} rows after the final frame {final}: {rows[final + 1]}");
                }

                if (i != survivors[0])
                {
                    CompareRows(exports[survivors[0]].Rows, rows, FailureKind.ExportsDiffer, $"peers {survivors[0]} and {i}");
                }

                CompareRows(truth, rows, FailureKind.OracleMismatch, $"oracle and peer {i}");
                if (!exports[i].EpisodeEnds.SequenceEqual(oracleExport.EpisodeEnds.Where(e => e < rows.Count)))
                {
                    _report.Fail(FailureKind.EpisodeEnds, $"peer {i} ended episodes at [{string.Join(",", exports[i].EpisodeEnds)}], the oracle at [{string.Join(",", oracleExport.EpisodeEnds)}]");
                }

                foreach (string e in exports[i].Errors)
                {
                    _report.Fail(FailureKind.StepNum, $"peer {i}: {e}");
                }
            }

            // Peers that left: what they confirmed before the agreed disconnect frame of their players is the truth too.
            // A peer that left may have confirmed later frames with its own inputs, which the others replaced by the
            // default input from the agreed frame on: those rows are not checked against the oracle (docs/exploration.md).
            for (int i = 0; i < peers.Length; i++)
            {
                if (quit[i])
                {
                    int cut = s.PlayersOf(i).Min(p => agreed[p]);
                    List<string> rows = exports[i].Rows;
                    ComparePrefix(truth, rows.Take(Math.Min(rows.Count, cut)).ToList(), $"oracle and peer {i} (left)");
                }
            }

            if (spectator is not null)
            {
                if (quit[0] || HostSilentPastTimeout(s))
                {
                    // Its host left, was dropped, or fell silent past the disconnect timeout: the spectator may stop short
                    // (failing with HostTimedOut, docs/p2p.md), but what it confirmed is the truth.
                    if (spectator.IsFinished && spectator.Failure is null && spectatorExport!.Rows.Count != truth.Count)
                    {
                        _report.Fail(FailureKind.Spectator, $"the spectator finished with {spectatorExport.Rows.Count} rows of {truth.Count} and no failure");
                    }

                    ComparePrefix(truth, spectatorExport!.Rows, "oracle and spectator (host gone)");
                }
                else
                {
                    if (!spectator.IsFinished || spectator.Failure is not null)
                    {
                        _report.Fail(FailureKind.DidNotFinish, $"the spectator did not finish within {_report.Bound} ticks ({spectatorExport!.Rows.Count} rows; failure: {spectator.Failure ?? "none"})");
                    }

                    CompareRows(truth, spectatorExport!.Rows, FailureKind.Spectator, "oracle and spectator");
                }
            }

            // (5) stressed as drawn.
            if (ExpectsRollbacks(s, final) && !quit.Any(q => q) && _report.Rollbacks == 0)
            {
                _report.Fail(FailureKind.Rollbacks, $"no rollback over {final + 1} frames with {s.LatencyTicks} ticks of latency and input delay {s.InputDelay}");
            }

            if (s.Idle && _report.Rollbacks != 0)
            {
                _report.Fail(FailureKind.Rollbacks, $"{_report.Rollbacks} rollbacks with idle players");
            }
        }

        /// <summary>Whether peer 0, the spectator's host, is kept silent (stalled, cut off or late) for longer than the disconnect timeout.</summary>
        private static bool HostSilentPastTimeout(ScenarioSpec s)
        {
            long timeoutTicks = (long)s.DisconnectTimeoutMs * DrivenNetwork.TicksPerSecond / 1000;
            long late = s.LatePeer == 0 ? s.LateTicks : 0;
            long stall = s.StallPeer == 0 ? s.StallTicks + (s.StallStart <= late + 1 ? Math.Max(0, late) : 0) : 0; // a stall right after a late start extends it
            long silent = Math.Max(Math.Max(late, stall), s.PartitionPeer == 0 ? s.PartitionTicks : 0);
            return silent >= timeoutTicks - 2;
        }

        /// <summary>Drawn to cause rollbacks: predicting, active inputs, and remote inputs that arrive after the input delay.</summary>
        private static bool ExpectsRollbacks(ScenarioSpec s, int final) =>
            !s.Idle && s.LeavePeer < 0 && s.PredictionWindow > 1 && s.LatencyTicks >= s.InputDelay + 2 && final >= 90;

        private void CompareRows(List<string> expected, List<string> actual, FailureKind kind, string what)
        {
            int common = Math.Min(expected.Count, actual.Count);
            for (int k = 0; k < common; k++)
            {
                if (!string.Equals(expected[k], actual[k], StringComparison.Ordinal))
                {
                    _report.Fail(kind, $"{what}: first difference at row {k}:\n      {expected[k]}\n      {actual[k]}");
                    return;
                }
            }

            if (expected.Count != actual.Count)
            {
                _report.Fail(kind, $"{what}: {expected.Count} vs {actual.Count} rows");
            }
        }

        private void ComparePrefix(List<string> expected, List<string> actual, string what)
        {
            for (int k = 0; k < actual.Count; k++)
            {
                if (k >= expected.Count || !string.Equals(expected[k], actual[k], StringComparison.Ordinal))
                {
                    _report.Fail(FailureKind.OracleMismatch, $"{what}: row {k} is not the truth:\n      {(k < expected.Count ? expected[k] : "<none>")}\n      {actual[k]}");
                    return;
                }
            }
        }

        private static string Show(int frame) => frame == int.MaxValue ? "never" : frame.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
