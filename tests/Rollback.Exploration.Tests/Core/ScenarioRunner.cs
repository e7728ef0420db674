using System;
using System.Collections.Generic;
using System.Linq;
using Arena.Game;
using Rollback.Exploration.Tests.Game;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>Runs a <see cref="ScenarioSpec"/> with the game and input type it names and applies every check.</summary>
    public static class ScenarioRunner
    {
        /// <summary>Runs the spec; exceptions out of the sessions become a failure of the run.</summary>
        /// <param name="spec">The scenario.</param>
        /// <returns>The report.</returns>
        public static RunReport Run(ScenarioSpec spec) => Run(spec, null);

        /// <summary>Runs the spec with hooks (hostile transports, per-tick injections).</summary>
        /// <param name="spec">The scenario.</param>
        /// <param name="hooks">The hooks, or null.</param>
        /// <returns>The report.</returns>
        public static RunReport Run(ScenarioSpec spec, RunHooks? hooks)
        {
            try
            {
                return spec.Game switch
                {
                    GameKind.Arena => new ScenarioRun<ArenaState, Pad>(spec, new ArenaGame(), hooks).Execute(),
                    _ => spec.InputSize switch
                    {
                        1 => Explore<Input1>(spec, hooks),
                        4 => Explore<Input4>(spec, hooks),
                        16 => Explore<Input16>(spec, hooks),
                        64 => Explore<Input64>(spec, hooks),
                        256 => Explore<Input256>(spec, hooks),
                        1024 => Explore<Input1024>(spec, hooks),
                        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.InputSize, "Input sizes: 1, 4, 16, 64, 256, 1024."),
                    },
                };
            }
            catch (ArgumentOutOfRangeException)
            {
                throw;
            }
            catch (Exception e)
            {
                var report = new RunReport(spec);
                report.Fail(FailureKind.Exception, e.GetType().Name + ": " + e.Message + " at " + FirstFrame(e));
                return report;
            }
        }

        private static RunReport Explore<TInput>(ScenarioSpec spec, RunHooks? hooks)
            where TInput : unmanaged =>
            new ScenarioRun<ExploreState, TInput>(spec, new ExploreGame<TInput>(), hooks).Execute();

        private static string FirstFrame(Exception e)
        {
            string trace = e.StackTrace ?? string.Empty;
            int nl = trace.IndexOf('\n', StringComparison.Ordinal);
            return (nl < 0 ? trace : trace.Substring(0, nl)).Trim();
        }
    }

    /// <summary>One run: the tick loop over the simulated network, then the checks against the oracle.</summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed partial class ScenarioRun<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly ScenarioSpec _spec;
        private readonly IExploredGame<TState, TInput> _game;
        private readonly RunReport _report;
        private readonly List<TInput>[] _trueInputs;
        private readonly RunHooks? _hooks;
        private readonly TInput _default;

        /// <summary>Creates the run.</summary>
        /// <param name="spec">The scenario.</param>
        /// <param name="game">The game.</param>
        /// <param name="hooks">Hostile transports and per-tick injections, or null.</param>
        public ScenarioRun(ScenarioSpec spec, IExploredGame<TState, TInput> game, RunHooks? hooks = null)
        {
            _hooks = hooks;
            _spec = spec;
            _default = spec.PatternedDefaultInput ? game.PatternedDefault : default;
            _game = game;
            _report = new RunReport(spec);
            _trueInputs = Enumerable.Range(0, spec.PlayerCount).Select(_ => new List<TInput>()).ToArray();
        }

        /// <summary>Ticks every endpoint until all are done or the bound passes, then checks.</summary>
        /// <returns>The report.</returns>
        public RunReport Execute()
        {
            ScenarioSpec s = _spec;
            int n = s.PeerCount;
            int endpoints = n + (s.Spectator ? 1 : 0);
            var net = new DrivenNetwork(s, endpoints);
            Func<long> clock = () => net.NowMs;
            int players = s.PlayerCount;
            Func<TState> factory = () => _game.NewState(players);

            var peers = new DrivenPeer<TState, TInput>[n];
            var exports = new ExportRecorder<TState, TInput>[n];
            var bots = new Bot[players];
            var pending = new TInput[players];
            var hasPending = new bool[players];
            var quit = new bool[n];
            var restarted = new bool[n];
            DrivenPeer<TState, TInput>? reborn = null;
            ExportRecorder<TState, TInput>? rebornExport = null;
            for (int p = 0; p < players; p++)
            {
                bots[p] = new Bot(s.Seed, p, s.Idle, _default);
            }

            for (int i = 0; i < n; i++)
            {
                ISimulation<TState, TInput> rules = _game.Rules(s);
                if (_hooks is not null && _hooks.DriftingPeer == i)
                {
                    rules = new DriftingRules<TState, TInput>(rules, _hooks.DriftFrame);
                }

                exports[i] = new ExportRecorder<TState, TInput>(_game, _game.Rules(s));
                var transport = net.Transport(i);
                if (_hooks?.Wrap is not null)
                {
                    transport = _hooks.Wrap(i, transport, net.Address);
                }

                if (s.Spectator && i == 0 && !ProtocolProbe.SpectatorFrameFits(players, System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>()))
                {
                    // Documented refusal: a host cannot serve spectators when one frame's inputs exceed a datagram.
                    try
                    {
                        _ = new DrivenPeer<TState, TInput>(s, i, rules, factory, transport, net.Address, clock, _default, exports[i].Handler);
                        _report.Fail(FailureKind.Spectator, $"a host of {players} players with {System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>()} B inputs accepted a spectator it cannot serve");
                    }
                    catch (ArgumentException e)
                    {
                        _report.Notes.Add("the host refused the spectator as documented: " + e.Message);
                    }

                    return _report;
                }

                peers[i] = new DrivenPeer<TState, TInput>(s, i, rules, factory, transport, net.Address, clock, _default, exports[i].Handler);
            }

            DrivenSpectator<TState, TInput>? spectator = null;
            ExportRecorder<TState, TInput>? spectatorExport = null;
            if (s.Spectator)
            {
                spectatorExport = new ExportRecorder<TState, TInput>(_game, _game.Rules(s));
                spectator = new DrivenSpectator<TState, TInput>(s, _game.Rules(s), factory, net.Transport(n), net.Address(0), clock, _default, spectatorExport.Handler);
            }

            long bound = s.BoundTicks > 0 ? s.BoundTicks : Bound(s);
            _report.Bound = bound;
            var inputs = new TInput[players];
            bool leftBeforeStart = false;
            while (true)
            {
                long tick = net.Now;
                bool allDone = true;
                for (int i = 0; i < n; i++)
                {
                    DrivenPeer<TState, TInput> peer = restarted[i] ? reborn! : peers[i];
                    if (!quit[i] && !NeverStarts(i) && !Done(peer))
                    {
                        allDone = false;
                    }
                }

                if (spectator is not null && !spectator.IsFinished && !AnyHandshakeFault)
                {
                    allDone = false;
                }

                if (allDone || tick >= bound)
                {
                    break;
                }

                _hooks?.EachTick?.Invoke(tick);

                for (int i = 0; i < n; i++)
                {
                    if (quit[i] || NeverStarts(i) || (i == s.LatePeer && tick < s.LateTicks) || net.IsStalled(i))
                    {
                        continue;
                    }

                    if (i == s.LeavePeer && tick >= s.LeaveTick)
                    {
                        leftBeforeStart = Enumerable.Range(0, n).Where(k => k != i && !quit[k]).All(k => peers[k].IsSynchronizing);
                        quit[i] = true;
                        if (s.LeavePolitely)
                        {
                            peers[i].Leave();
                        }

                        continue;
                    }

                    if (i == s.RestartPeer && tick >= s.RestartTick && !restarted[i])
                    {
                        restarted[i] = true;
                        rebornExport = new ExportRecorder<TState, TInput>(_game, _game.Rules(s));
                        reborn = new DrivenPeer<TState, TInput>(s, i, _game.Rules(s), factory, net.Transport(i), net.Address, clock, _default, rebornExport.Handler);
                    }

                    DrivenPeer<TState, TInput> peer = restarted[i] ? reborn! : peers[i];
                    if (Done(peer) && s.StopPollingAtFinish)
                    {
                        continue; // the natural loop: while (!session.IsFinished)
                    }

                    peer.Poll();
                    int[] local = peer.LocalPlayers;
                    Span<TInput> mine = inputs.AsSpan(0, local.Length);
                    for (int k = 0; k < local.Length; k++)
                    {
                        int p = local[k];
                        if (!hasPending[p])
                        {
                            pending[p] = bots[p].Next(_game);
                            hasPending[p] = true;
                        }

                        mine[k] = pending[p];
                    }

                    int before = peer.CurrentFrame;
                    if (peer.Advance(mine))
                    {
                        foreach (int p in local)
                        {
                            hasPending[p] = false;
                            if (!restarted[i])
                            {
                                Record(p, before + s.InputDelay, pending[p]);
                            }
                        }
                    }
                }

                if (tick >= s.SpectatorDelayTicks)
                {
                    spectator?.Tick();
                }

                net.Advance();
            }

            _report.Ticks = net.Now;
            for (int i = 0; i < n; i++)
            {
                // A peer the others dropped for its silence, and told so, fails with DisconnectedByPeers (docs/p2p.md):
                // it is checked like a peer that left, against the disconnect frame the others agreed on.
                if (!quit[i] && !restarted[i] && peers[i].WasDisconnectedByPeers)
                {
                    quit[i] = true;
                    _report.Notes.Add($"peer {i} was disconnected by the others: {peers[i].Failure}");
                }
            }

            for (int i = 0; i < n; i++)
            {
                _report.Notes.Add($"peer {i}{(quit[i] ? " (left)" : string.Empty)}{(restarted[i] ? " (restarted)" : string.Empty)}: frame {peers[i].CurrentFrame}, finished {peers[i].IsFinished}, rows {exports[i].Rows.Count}, rollbacks {peers[i].Rollbacks}, {peers[i].Network}");
            }

            _report.Notes.Add("network: " + net.Describe());
            for (int i = 0; i < n; i++)
            {
                _report.PeerRows.Add(exports[i].Rows);
                _report.Dropped += peers[i].Dropped;
            }

            if (AnyHandshakeFault)
            {
                CheckHandshakeFailure(peers, exports, quit, restarted, reborn, rebornExport);
            }
            else if (leftBeforeStart && Enumerable.Range(0, n).All(i => quit[i] || peers[i].Failure is not null))
            {
                // The leave came before the handshake completed and the session never started: no peer may play alone.
                // (When the reply was already in flight the handshake completes and the normal checks apply.)
                CheckLeaveBeforeStart(peers, exports, quit);
            }
            else if (s.RestartPeer >= 0 && restarted[s.RestartPeer])
            {
                CheckRestart(peers, exports, quit, restarted, reborn!);
            }
            else
            {
                Check(peers, exports, quit, spectator, spectatorExport);
            }

            return _report;
        }

        private bool AnyHandshakeFault => _spec.Handshake != HandshakeFault.None;

        private bool NeverStarts(int peer) => _spec.Handshake == HandshakeFault.NeverStarts && peer == _spec.PeerCount - 1;

        /// <summary>
        /// The natural loop stops at <c>IsFinished</c>. A run drawn to fail its handshake keeps ticking to the bound, so a
        /// session that turns into a solo game after reporting the failure is caught.
        /// </summary>
        private bool Done(DrivenPeer<TState, TInput> peer) => !AnyHandshakeFault && peer.IsFinished;

        /// <summary>Virtual ticks within which every endpoint must be done: generous, but finite.</summary>
        private static long Bound(ScenarioSpec s)
        {
            int timeoutTicks = (s.DisconnectTimeoutMs * DrivenNetwork.TicksPerSecond / 1000) + 1;
            long frames = s.FrameCount > 0 ? s.FrameCount : (long)s.Episodes * (s.Game == GameKind.Arena ? 450 : s.EpisodeMaxSteps);
            int oneWay = s.LatencyTicks + s.AsymmetryTicks + s.JitterTicks + (s.Reorder > 0 ? 2 : 0) + 1;
            // A peer may run input delay + prediction window frames ahead of the last remote input it has, which is one
            // one-way trip old: below that trip the game runs slower than real time, by design.
            double perFrame = 1.5 * Math.Max(1.0, (double)oneWay / Math.Max(1, s.InputDelay + s.PredictionWindow));
            if (s.InputDelay + s.PredictionWindow == 0)
            {
                // Lockstep without delay: a frame's inputs are taken at that frame and travel a one-way trip before anyone
                // simulates it, and the next frame's are taken only then.
                perFrame = 1.25 * (oneWay + 1);
            }

            perFrame *= 1 + (4 * s.Loss * (s.PredictionWindow == 0 ? s.PeerCount - 1 : 1)); // lockstep waits for every peer's resend
            if (s.InputSize >= 256)
            {
                perFrame *= 2;
            }

            long bound = (long)(frames * perFrame) + 150 + (10 * oneWay) + s.LateTicks + s.StallTicks + s.PartitionTicks;
            bound += s.SpectatorDelayTicks;
            if (s.LeavePeer >= 0 || s.RestartPeer >= 0 || s.Handshake != HandshakeFault.None)
            {
                bound += 3 * timeoutTicks;
            }

            if (s.LeavePeer >= 0 || s.RestartPeer >= 0 || s.Handshake != HandshakeFault.None)
            {
                bound += DrivenPeer<TState, TInput>.HandshakeTimeoutMs * DrivenNetwork.TicksPerSecond / 1000; // a handshake that cannot complete fails only then
            }

            return bound;
        }

        private void Record(int player, int frame, TInput input)
        {
            List<TInput> list = _trueInputs[player];
            while (list.Count < frame && list.Count < _spec.InputDelay)
            {
                list.Add(_default); // frames before the input delay: the agreed default
            }

            if (list.Count != frame)
            {
                _report.Fail(FailureKind.MissingInput, $"player {player}: input for frame {frame} given after {list.Count} inputs");
                return;
            }

            list.Add(input);
        }

        /// <summary>A player's bot: a new random input every 4 to 6 frames (so predictions fail), or always the default.</summary>
        private struct Bot
        {
            private ExploreRandom _random;
            private readonly bool _idle;
            private int _left;
            private TInput _current;

            public Bot(ulong seed, int player, bool idle, TInput idleInput)
            {
                _random = new ExploreRandom(seed, 0xB07 + (ulong)player);
                _idle = idle;
                _left = 0;
                _current = idleInput;
            }

            public TInput Next(IExploredGame<TState, TInput> game)
            {
                if (_idle)
                {
                    return _current;
                }

                if (_left-- <= 0)
                {
                    _current = game.RandomInput(ref _random);
                    _left = _random.Between(3, 5);
                }

                return _current;
            }
        }
    }
}
