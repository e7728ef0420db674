using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Arena.Game;
using Rollback;

namespace Arena.Play
{
    /// <summary>How a match ended, as the process's exit code.</summary>
    public enum MatchOutcome
    {
        /// <summary>The match reached its final frame on every peer.</summary>
        Completed = 0,

        /// <summary>A confirmed frame's checksum differed between peers.</summary>
        Desync = 1,

        /// <summary>Bad command-line options.</summary>
        BadOptions = 2,

        /// <summary>A peer left or stopped answering.</summary>
        PeerLeft = 3,

        /// <summary>The lobby or the session handshake failed.</summary>
        HandshakeFailed = 4,

        /// <summary>This player quit (q, Escape or Ctrl+C).</summary>
        Quit = 5,

        /// <summary>The game itself failed (an exception; the message says which).</summary>
        Error = 6,
    }

    /// <summary>
    /// The real-time loop of one process: a fixed 60 Hz step on the wall clock (a step the session declines — time-sync
    /// advice, prediction window — is skipped, so a peer that runs ahead waits instead of drifting), the present state
    /// drawn at 30 Hz between steps, keys read without blocking, and the export, input log and replay written at the end.
    /// </summary>
    public sealed class MatchRunner
    {
        private const double RenderIntervalMs = 1000.0 / 30;
        private readonly PlayOptions _options;
        private readonly MatchPlan _plan;
        private readonly MatchSession _session;
        private readonly Func<bool> _interrupted;
        private readonly bool _draw;
        private string _message = "handshaking with the other players ...";
        private bool _alarm;
        private MatchOutcome _outcome = MatchOutcome.Completed;
        private bool _stop;
        private bool _wasRunning;

        public MatchRunner(PlayOptions options, MatchPlan plan, MatchSession session, bool draw, Func<bool> interrupted)
        {
            _options = options;
            _plan = plan;
            _session = session;
            _draw = draw;
            _interrupted = interrupted;
        }

        /// <summary>Where the export was written.</summary>
        public string ExportPath { get; private set; } = string.Empty;

        /// <summary>Plays the match to its end (or failure) and returns how it ended.</summary>
        public MatchOutcome Run()
        {
            Directory.CreateDirectory(_options.OutputDirectory);
            string name = _plan.IsSpectator ? "spectator" : "seat" + (_plan.Seat + 1).ToString(CultureInfo.InvariantCulture);
            ExportPath = Path.Combine(_options.OutputDirectory, $"arena-{name}.csv");
            CsvExporter<ArenaState, Pad> exporter = ExportFormat.Attach(_session.Session, ExportFormat.OpenWriter(ExportPath), _plan.Players);
            var recorder = new InputRecorder<ArenaState, Pad>(_session.Session);
            var inputs = new InputLog();
            _session.Desync += (frame, report) => Fail(MatchOutcome.Desync, report);
            _session.PlayerLeft += (player, frame) => PlayerLeft(player, frame);

            bool human = !_plan.IsSpectator && !_options.Bot;
            Bot? bot = _options.Bot ? new Bot(_options.Seed ?? (ulong)_plan.Seat + 1, _plan.Seat) : null;
            // Keys are read whenever there is a terminal to read them from (q quits a bot's or a spectator's screen too);
            // only a keyboard seat turns them into pads.
            Keyboard? keyboard = human || (_draw && !Console.IsInputRedirected) ? new Keyboard() : null;
            var view = new ArenaView(_plan.Seat, _plan.Players, _plan.Limit, human ? "arrows/WASD move · space dash · q quit" : _plan.IsSpectator ? "spectating · q quit" : "a bot plays this seat · q quit");
            TerminalScreen? screen = _draw ? new TerminalScreen() : null;
            try
            {
                Loop(bot, keyboard, inputs, view, screen);
            }
            finally
            {
                screen?.Dispose();
                exporter.Dispose();
                recorder.Dispose();
            }

            recorder.Save(Path.Combine(_options.OutputDirectory, $"arena-{name}.replay"));
            if (!_plan.IsSpectator)
            {
                inputs.Save(Path.Combine(_options.OutputDirectory, $"arena-{name}.inputs.csv"));
            }

            Console.WriteLine(_message);
            Console.WriteLine(FormattableString.Invariant(
                $"frames: current {_session.CurrentFrame}, last confirmed {_session.LastConfirmedFrame}; rollbacks {_session.Rollbacks} (max depth {_session.MaxRollbackDepth}); time-sync waits {_session.TimeSyncWaits}"));
            Console.WriteLine($"export {ExportPath}: {exporter.Rows} rows");
            Console.WriteLine("export sha256:" + ExportFormat.Sha256(ExportPath));
            return _outcome;
        }

        private void Loop(Bot? bot, Keyboard? keyboard, InputLog inputs, ArenaView view, TerminalScreen? screen)
        {
            bool human = bot is null && !_plan.IsSpectator;
            const double stepMs = 1000.0 / MatchSetup.FramesPerSecond;
            var clock = Stopwatch.StartNew();
            double nextStep = 0;
            double nextRender = 0;
            double nextProgress = 2000;
            double finishedAt = -1;
            Pad? pending = null;
            var rate = new RateMeter();
            while (!_stop)
            {
                double now = clock.Elapsed.TotalMilliseconds;
                keyboard?.Drain();
                if (_interrupted() || (keyboard?.QuitRequested ?? false))
                {
                    _session.Leave();
                    _outcome = MatchOutcome.Quit;
                    _message = "you left the match";
                    break;
                }

                _session.Poll();
                if (!_session.IsRunning)
                {
                    string? problem = _session.HandshakeProblem();
                    if (problem is not null && (problem.Contains("refused", StringComparison.Ordinal) || now > _options.TimeoutSeconds * 1000.0))
                    {
                        Fail(MatchOutcome.HandshakeFailed, "handshake failed: " + problem);
                        break;
                    }

                    nextStep = now;
                }
                else if (finishedAt < 0)
                {
                    if (!_wasRunning)
                    {
                        _wasRunning = true;
                        _message = _plan.IsSpectator ? "watching" : "playing — go for the $";
                    }

                    for (int steps = 0; now >= nextStep && steps < 4 && !_stop; steps++)
                    {
                        Pad pad = pending ?? bot?.Next() ?? (human ? keyboard!.Current : default);
                        int before = _session.CurrentFrame;
                        if (_session.TryAdvance(pad))
                        {
                            if (!_plan.IsSpectator)
                            {
                                inputs.Record(before + _plan.InputDelay, pad);
                            }

                            pending = null;
                            keyboard?.Consumed();
                        }
                        else if (bot is not null)
                        {
                            pending = pad;
                        }

                        nextStep += stepMs;
                    }

                    if (now - nextStep > 250)
                    {
                        nextStep = now; // the process was held up (suspended, swapped): do not race to catch up
                    }

                    if (!_stop && _session.ConnectedRemotePlayers == 0 && !_session.IsFinished)
                    {
                        Fail(MatchOutcome.PeerLeft, _plan.IsSpectator ? "the host stopped answering" : "every other player has left — match over");
                    }
                }

                if (_session.IsFinished && finishedAt < 0)
                {
                    finishedAt = now;
                    if (_outcome == MatchOutcome.Completed)
                    {
                        _message = $"match over at frame {_session.FinalFrame} — every peer confirmed it";
                    }
                }

                if (finishedAt >= 0 && now - finishedAt > 500)
                {
                    break; // kept answering peers that had not heard the end yet
                }

                rate.Sample(now, _session.Rollbacks);
                if (screen is not null && now >= nextRender)
                {
                    nextRender = Math.Max(nextRender + RenderIntervalMs, now);
                    var figures = new StatusFigures(_session.CurrentFrame, _session.LastConfirmedFrame, _session.PingMs, _session.FrameAdvantage, rate.PerSecond, _session.Rollbacks, _session.MaxRollbackDepth);
                    screen.Draw(view.Render(_session.State, figures, _message, _alarm));
                }
                else if (screen is null && now >= nextProgress)
                {
                    nextProgress += 2000;
                    Console.WriteLine(FormattableString.Invariant(
                        $"t={now / 1000,5:0.0}s frame {_session.CurrentFrame} confirmed {_session.LastConfirmedFrame} ping {_session.PingMs} ms advantage {_session.FrameAdvantage} rollbacks {_session.Rollbacks}"));
                }

                double wait = Math.Min(nextStep, screen is null ? nextStep : nextRender) - clock.Elapsed.TotalMilliseconds;
                Thread.Sleep(wait > 1.5 ? 1 : 0);
            }

            if (screen is not null && _stop)
            {
                // Leave the reason on screen for a moment before the terminal is restored.
                var figures = new StatusFigures(_session.CurrentFrame, _session.LastConfirmedFrame, _session.PingMs, _session.FrameAdvantage, rate.PerSecond, _session.Rollbacks, _session.MaxRollbackDepth);
                screen.Draw(view.Render(_session.State, figures, _message, _alarm));
                Thread.Sleep(1500);
            }
        }

        private void PlayerLeft(int player, int frame)
        {
            if (!_wasRunning && !_session.IsRunning)
            {
                // Dropped before the first frame: the peer was never reached.
                Fail(MatchOutcome.HandshakeFailed, $"handshake failed: no handshake with player {player + 1} (their process never answered on the session's port)");
                return;
            }

            if (_outcome == MatchOutcome.Completed)
            {
                _outcome = MatchOutcome.PeerLeft;
            }

            _alarm = true;
            _message = $"player {player + 1} left (their input is idle from frame {frame} on every peer)";
            if (!_draw)
            {
                Console.WriteLine(_message);
            }
        }

        private void Fail(MatchOutcome outcome, string message)
        {
            if (_stop)
            {
                return;
            }

            _outcome = outcome;
            _message = message;
            _alarm = true;
            _stop = true;
            if (!_draw)
            {
                Console.WriteLine(message);
            }
        }

        /// <summary>Rollbacks per second over the last second or so.</summary>
        private sealed class RateMeter
        {
            private double _t0 = -1;
            private long _count0;
            private double _t1;
            private long _count1;

            public double PerSecond { get; private set; }

            public void Sample(double now, long count)
            {
                if (_t0 < 0)
                {
                    _t0 = _t1 = now;
                    _count0 = _count1 = count;
                    return;
                }

                if (now - _t1 >= 500)
                {
                    PerSecond = (count - _count0) * 1000.0 / Math.Max(1, now - _t0);
                    _t0 = _t1;
                    _count0 = _count1;
                    _t1 = now;
                    _count1 = count;
                }
            }
        }
    }
}
