using System;
using System.Linq;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Scenarios.Tests
{
    /// <summary>
    /// The promises of docs/p2p.md, end to end over the seeded simulated network, several seeds and parameters each:
    /// handshake outcomes, the end of the session, lockstep, the acknowledged end, spectators far behind, a second
    /// failure during a disconnect agreement, duplicated datagrams. Every run that completes applies the five checks.
    /// </summary>
    public class SessionBehaviourTests
    {
        private readonly ITestOutputHelper _output;

        public SessionBehaviourTests(ITestOutputHelper output) => _output = output;

        private static LinkConditions Ms(int latency, int jitter = 0, double loss = 0) => ScenarioTableTests.Ms(latency, jitter, loss: loss);

        // ------------------------------------------------------------------ handshake

        [Theory]
        [InlineData(1UL, 2000)]
        [InlineData(2UL, 5000)]
        public void APeerThatNeverAnswers_FailsTheSessionAfterTheHandshakeTimeout_NeverASoloGame(ulong seed, int timeoutMs)
        {
            var r = new Scenario
            {
                Name = "silent peer",
                Seed = seed,
                HandshakeTimeoutMs = timeoutMs,
                DisconnectTimeoutMs = 500,
                LateStartPeer = 1,
                LateStartTick = 100000,
                QuitPeer = 1,
                QuitAtTick = 0,
                MaxTicks = 2000,
            }.Run();
            PeerRun survivor = r.Peers[0];
            Assert.True(survivor.Finished);
            Assert.Equal(SessionFailureReason.HandshakeTimedOut, survivor.Failure.Reason);
            Assert.Equal(PeerSessionState.Failed, survivor.Session!.SessionState);
            Assert.Equal(0, survivor.ConfirmedFrames);
            Assert.Equal(0, survivor.Session.CurrentFrame);
            long expectedTick = timeoutMs * Scenario.Fps / 1000;
            Assert.InRange(survivor.FinishedAtTick, expectedTick - 2, expectedTick + 3);
        }

        [Theory]
        [InlineData(1UL, 1, 360)]  // 12 s late, within the 30 s default
        [InlineData(2UL, 0, 150)]
        [InlineData(3UL, 1, 600)]
        public void APeerThatStartsLateWithinTheHandshakeTimeout_GivesANormalSession(ulong seed, int latePeer, int lateTicks)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"peer {latePeer} starts {lateTicks} ticks late",
                    Seed = seed,
                    LateStartPeer = latePeer,
                    LateStartTick = lateTicks,
                    DisconnectTimeoutMs = 2000,
                    Network = n => n.SetAllLinks(Ms(50, loss: 0.1)),
                },
                _output,
                minRollbacks: 1);
            Assert.All(r.AgreedDisconnect, d => Assert.Equal(int.MaxValue, d));
            Assert.Equal(1499, r.FinalFrame);
        }

        [Theory]
        [InlineData(1UL, 0.0)]
        [InlineData(2UL, 0.2)]
        [InlineData(3UL, 0.4)]
        public void APeerRestartedWithTheSameSessionId_IsRefusedWithAReason_AndTheOtherFinishes(ulong seed, double loss)
        {
            var net = new SimulatedNetwork(2, seed, Ms(40, loss: loss));
            long tick = 0;
            PeerSession<ArenaState, Pad> Make(int me) => new PeerSession<ArenaState, Pad>(
                new ArenaRules(),
                ArenaSetup.Factory(2),
                net[me],
                new PeerSessionOptions<Pad> { SessionId = 42, FrameCount = 600, FramesPerSecond = Scenario.Fps, Clock = () => tick * 1000 / Scenario.Fps, Timing = { DisconnectTimeout = TimeSpan.FromSeconds(5) } }
                    .AddLocalPlayer(me)
                    .AddRemotePlayer(1 - me, net.AddressOf(1 - me)));
            var sessions = new[] { Make(0), Make(1) };
            int disconnectFrame = -1;
            sessions[0].PlayerDisconnected += (player, frame) => disconnectFrame = frame;
            var pad = new Pad[1];
            long restartedAt = -1;
            long refusedAt = -1;
            for (; tick < 3000 && !sessions[0].IsFinished; tick++)
            {
                if (tick == 200)
                {
                    sessions[1] = Make(1); // the process restarts: same session id and configuration, new nonce
                    restartedAt = tick;
                }

                foreach (PeerSession<ArenaState, Pad> s in sessions)
                {
                    if (s.IsFinished)
                    {
                        continue;
                    }

                    s.Poll();
                    s.AdvanceFrame(pad);
                }

                if (refusedAt < 0 && restartedAt >= 0 && sessions[1].Failure.HasFailed)
                {
                    refusedAt = tick;
                }

                net.Advance();
            }

            Assert.Equal(SessionFailureReason.SessionInProgress, sessions[1].Failure.Reason);
            Assert.Equal(0, sessions[1].CurrentFrame);
            Assert.InRange(refusedAt - restartedAt, 1, 60);
            Assert.True(sessions[0].IsFinished, "the running peer finishes alone after agreeing on the restarted peer's frame");
            Assert.False(sessions[0].Failure.HasFailed);
            Assert.InRange(disconnectFrame, 100, 220);
            Assert.Equal(599, sessions[0].LastConfirmedFrame);
        }

        // ------------------------------------------------------------------ the end

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        [InlineData(5UL)]
        [InlineData(6UL)]
        [InlineData(7UL)]
        [InlineData(8UL)]
        public void FrameCountAndEpisodes_TheEpisodeEndComesFirst_NoFramePastIt(ulong seed)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "episodes 1 and frame count 10000, 10 % loss",
                    Seed = seed,
                    Episodes = 1,
                    Frames = 10000,
                    BothLimits = true,
                    Rules = _ => new DashEndsEpisodeRules(),
                    Network = n => n.SetAllLinks(Ms(0, loss: 0.1)),
                },
                _output,
                minEpisodeEnds: 0);
            Assert.True(r.FinalFrame < 449);
            Assert.All(r.Peers, p => Assert.Equal(r.FinalFrame, p.Session!.FinalFrame));
        }

        [Theory]
        [InlineData(1UL, 600)]
        [InlineData(2UL, 1000)]
        [InlineData(3UL, 451)]
        public void FrameCountAndEpisodes_TheFrameLimitComesFirst(ulong seed, int frames)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"episodes 5 and frame count {frames}",
                    Seed = seed,
                    Episodes = 5,
                    Frames = frames,
                    BothLimits = true,
                    Network = n => n.SetAllLinks(Ms(60, jitter: 30, loss: 0.1)),
                },
                _output,
                minEpisodeEnds: 1);
            Assert.Equal(frames - 1, r.FinalFrame);
        }

        [Theory]
        [InlineData(1UL, 2)]
        [InlineData(2UL, 3)]
        [InlineData(3UL, 2)]
        public void AllRemotesDisconnected_TheLastEpisodeEndsTheSession_NoFramePastIt(ulong seed, int peers)
        {
            // Every other peer leaves in the last episode: the survivor plays alone, and its end still depends on the
            // dash inputs, which it predicts no longer. It confirms nothing past the last episode's end.
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"{peers} peers, everyone but peer 0 leaves in the last episode",
                    Peers = peers,
                    Seed = seed,
                    Episodes = 2,
                    Rules = _ => new DashEndsEpisodeRules(),
                    QuitPeer = 1,
                    QuitAtTick = 40,
                    QuitPolitely = true,
                    Network = n => n.SetAllLinks(Ms(80, loss: 0.1)),
                },
                _output,
                minEpisodeEnds: 1);
            Assert.True(r.Peers[0].Finished);
        }

        [Theory]
        [InlineData(1UL, 0.0, false)]
        [InlineData(2UL, 0.3, false)]
        [InlineData(3UL, 0.3, true)]
        [InlineData(4UL, 0.5, true)]
        public void TheEndIsAcknowledged_APeerMayStopRightAfterIsFinished_NoOneWaitsForATimeout(ulong seed, double loss, bool spectator)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"the end under {loss:P0} loss",
                    Seed = seed,
                    Frames = 600,
                    Spectator = spectator,
                    DisconnectTimeoutMs = 10000,
                    StopWhenFinished = true,
                    Network = n => n.SetAllLinks(Ms(40, loss: loss)),
                },
                _output,
                minEpisodeEnds: 1);
            foreach (PeerRun p in r.Peers)
            {
                _output.WriteLine($"finished at {p.FinishedAtTick}: {string.Join("; ", p.Session!.GetAllPeerStatistics())} | {p.Session.Network}");
            }

            long first = r.Peers.Min(p => p.FinishedAtTick);
            long last = r.Peers.Max(p => p.FinishedAtTick);
            Assert.True(last - first < 60, $"the last peer finished {last - first} ticks after the first (a timeout is 300)");
            Assert.All(r.Peers, p => Assert.All(p.DisconnectFrames, d => Assert.Equal(int.MaxValue, d)));
            Assert.All(r.Peers, p => Assert.All(p.Session!.GetAllPeerStatistics(), s => Assert.False(s.Disconnected)));
            if (spectator)
            {
                Assert.True(r.SpectatorFinished);
                Assert.Empty(r.SpectatorsDropped);
                Assert.True(r.Peers[0].FinishedAtTick - r.SpectatorFinishedAtTick < 60);
                Checks.AssertSameText(r.Peers[0].Csv, r.SpectatorCsv!, "spectator export differs");
            }
        }

        // ------------------------------------------------------------------ lockstep

        [Theory]
        [InlineData(1UL, 0, 0.0)]
        [InlineData(2UL, 0, 0.1)]
        [InlineData(3UL, 1, 0.1)]
        [InlineData(4UL, 3, 0.0)]
        [InlineData(5UL, 3, 0.2)]
        public void Lockstep_WithAnyInputDelay_SimulatesEveryFrame_WithoutRollback(ulong seed, int inputDelay, double loss)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"lockstep, input delay {inputDelay}",
                    Seed = seed,
                    Frames = 600,
                    PredictionWindow = 0,
                    InputDelay = inputDelay,
                    DisconnectTimeoutMs = 3000,
                    Network = n => n.SetAllLinks(Ms(30, loss: loss)),
                },
                _output,
                zeroRollbacks: true,
                minEpisodeEnds: 1);
            Assert.Equal(599, r.FinalFrame);
            Assert.All(r.AgreedDisconnect, d => Assert.Equal(int.MaxValue, d));
        }

        [Theory]
        [InlineData(1UL, 0, 1)]
        [InlineData(2UL, 4, 2)]
        [InlineData(3UL, 8, 12)]
        [InlineData(4UL, 2, 0)]
        public void InputDelayAndPredictionWindow_Varied(ulong seed, int inputDelay, int window)
        {
            Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"input delay {inputDelay}, window {window}",
                    Seed = seed,
                    Frames = 700,
                    InputDelay = inputDelay,
                    PredictionWindow = window,
                    Peers = 3,
                    Network = n => n.SetAllLinks(Ms(70, jitter: 30, loss: 0.1)),
                },
                _output,
                minEpisodeEnds: 1);
        }

        // ------------------------------------------------------------------ spectators

        [Theory]
        [InlineData(1UL, 300)]
        [InlineData(2UL, 800)]
        public void ASpectatorFarBehind_CatchesUpFasterThanRealTime(ulong seed, int lateTicks)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = $"spectator {lateTicks} ticks late",
                    Seed = seed,
                    Spectator = true,
                    SpectatorStartTick = lateTicks,
                    DisconnectTimeoutMs = 60000,
                    Network = n => n.SetAllLinks(Ms(40, loss: 0.1)),
                },
                _output);
            Assert.True(r.SpectatorFinished);
            Checks.AssertSameText(r.Peers[0].Csv, r.SpectatorCsv!, "spectator export differs");

            // 1,500 frames at up to 4 per tick from a late start: done well before the late start plus real time.
            Assert.True(r.SpectatorFinishedAtTick < lateTicks + 1500 - 200, $"spectator finished at tick {r.SpectatorFinishedAtTick}");
        }

        [Fact]
        public void ASpectatorBeyondTheKeptHistory_GetsAClearFailure_AndThePeersFinish()
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "spectator beyond the kept history",
                    Seed = 4,
                    Frames = 1500,
                    Spectator = true,
                    SpectatorStartTick = 1300,
                    DisconnectTimeoutMs = 60000,
                    Network = n => n.SetAllLinks(Ms(30)),
                },
                _output);
            Assert.Equal(SessionFailureReason.TooFarBehind, r.SpectatorFailure.Reason);
            Assert.Contains(DisconnectReason.TooFarBehind, r.SpectatorsDropped);
            Assert.True(r.Peers[0].Finished);
        }

        // ------------------------------------------------------------------ disconnects

        [Theory]
        [InlineData(1UL, 4, false)]
        [InlineData(2UL, 4, true)]
        [InlineData(3UL, 5, false)]
        public void ASecondFailureDuringTheDisconnectAgreement_DoesNotHang(ulong seed, int peers, bool politely)
        {
            // The last peer goes silent; while the others agree on its frame (timeout 1 s), a second peer vanishes too.
            ScenarioResult r = new Scenario
            {
                Name = $"{peers} peers, two failures in a row",
                Peers = peers,
                Seed = seed,
                QuitPeer = peers - 1,
                QuitAtTick = 400,
                QuitPolitely = politely,
                DisconnectTimeoutMs = 1000,
                EachTick = (tick, net, sessions) =>
                {
                    if (tick == 425)
                    {
                        net!.AddStall(peers - 2, 425, 1_000_000); // the second failure, mid-agreement
                    }
                },
                MaxTicks = 4000,
                Network = n => n.SetAllLinks(Ms(60, loss: 0.15)),
            }.Run();
            _output.WriteLine(r.Summary());
            for (int i = 0; i < peers - 2; i++)
            {
                PeerRun run = r.Peers[i];
                Assert.True(run.Finished, $"survivor {i} did not finish: {r.Summary()}");
                Assert.Empty(run.TimelineErrors);
                Assert.True(run.DisconnectFrames[peers - 1] != int.MaxValue && run.DisconnectFrames[peers - 2] != int.MaxValue);
                Assert.Equal(r.Peers[0].DisconnectFrames, run.DisconnectFrames);
                Checks.AssertSameText(r.Peers[0].Csv, run.Csv, "survivor exports differ");
            }
        }

        // ------------------------------------------------------------------ the wire

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        public void DuplicatedDatagrams_AreRejectedByTheirSequenceNumber(ulong seed)
        {
            ScenarioResult r = Checks.RunAndAssert(
                new Scenario
                {
                    Name = "40 % duplication",
                    Seed = seed,
                    Network = n => n.SetAllLinks(new LinkConditions { LatencyTicks = 2, DuplicateProbability = 0.4, LossProbability = 0.05 }),
                },
                _output,
                minRollbacks: 1);
            Assert.All(r.Peers, p => Assert.True(p.Network!.DroppedFor(DropReason.Duplicate) > 100, p.Network.DropsByReason()));
        }
    }
}
