using System;
using System.Collections.Generic;
using System.IO;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Sessions
{
    /// <summary>
    /// Local, sync-test and replay sessions share <see cref="IRollbackSession{TState, TInput}"/>: the same loop
    /// drives each to its end, and exporters and recorders take any of them.
    /// </summary>
    public class SessionShapeTests
    {
        /// <summary>The loop from the interface's documentation; returns the frames reported.</summary>
        private static List<int> RunLoop(IRollbackSession<ManualState, TestInput> session, int seed, int maxTicks = 100_000)
        {
            var reported = new List<int>();
            session.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => reported.Add(f.Frame);
            var random = new DeterministicRandom((ulong)seed);
            var inputs = new TestInput[session.LocalPlayers.Length];
            int ticks = 0;
            while (!session.IsFinished)
            {
                Assert.True(++ticks < maxTicks, "the session never finished");
                session.Poll();
                for (int i = 0; i < inputs.Length; i++)
                {
                    inputs[i] = new TestInput((byte)random.NextInt(4), (sbyte)random.NextInt(-1, 2));
                }

                if (session.AdvanceFrame(inputs) == Advance.Wait)
                {
                    continue;
                }

                Assert.Equal(session.CurrentFrame, session.State.Frame);
            }

            Assert.Equal(Advance.Wait, session.AdvanceFrame(inputs));
            return reported;
        }

        private static ManualState NewState() => new ManualState();

        [Theory]
        [InlineData(1, 1, 0)]
        [InlineData(2, 37, 0)]
        [InlineData(3, 250, 0)]
        [InlineData(2, 0, 1)]
        [InlineData(4, 0, 3)]
        [InlineData(2, 500, 2)]
        [InlineData(3, 60, 5)]
        public void LocalAndSyncTest_FinishOnTheFirstLimitReached_AndReportEveryFrameOnce(int players, int frameCount, int episodes)
        {
            for (int seed = 1; seed <= 3; seed++)
            {
                var game = new TestGame { MaxSteps = 40, TargetScore = 30 };
                var local = new LocalSession<ManualState, TestInput>(game, NewState, players, frameCount: frameCount, episodes: episodes);
                List<int> localFrames = RunLoop(local, seed);
                var sync = new SyncTestSession<ManualState, TestInput>(new TestGame(), NewState, players, checkDistance: 1 + (seed % 4), frameCount: frameCount, episodes: episodes);
                List<int> syncFrames = RunLoop(sync, seed);

                // The expected end, from an independent replica stepped by hand with the same inputs.
                int expectedFrames = ExpectedFrameCount(players, seed, frameCount, episodes);
                Assert.Equal(expectedFrames, localFrames.Count);
                Assert.Equal(expectedFrames, syncFrames.Count);
                for (int i = 0; i < expectedFrames; i++)
                {
                    Assert.Equal(i, localFrames[i]);
                    Assert.Equal(i, syncFrames[i]);
                }

                Assert.Equal(expectedFrames - 1, local.LastConfirmedFrame);
                Assert.Equal(expectedFrames, local.CurrentFrame);
                Assert.Equal(expectedFrames, sync.CurrentFrame);
                Assert.True(sync.FramesChecked > 0);
                if (episodes > 0 && (frameCount == 0 || expectedFrames < frameCount))
                {
                    Assert.Equal(episodes - 1, local.State.Episode);
                    Assert.True(new TestGame().IsEpisodeOver(local.State));
                }
            }
        }

        [Fact]
        public void Replay_FinishesAfterTheLastRecordedFrame_InTheSameLoop()
        {
            var local = new LocalSession<ManualState, TestInput>(new TestGame(), NewState, 3, frameCount: 123);
            var recorder = new InputRecorder<ManualState, TestInput>(local);
            var checksums = new List<ulong>();
            local.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => checksums.Add(f.Checksum);
            RunLoop(local, seed: 9);
            Assert.Equal(123, recorder.FrameCount);

            var replay = new ReplaySession<ManualState, TestInput>(new TestGame(), NewState, recorder.ToReplay());
            Assert.Equal(0, replay.LocalPlayers.Length);
            var replayed = new List<ulong>();
            replay.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => replayed.Add(f.Checksum);
            List<int> frames = RunLoop(replay, seed: 1);
            Assert.Equal(123, frames.Count);
            Assert.Equal(checksums, replayed);
            Assert.Throws<ArgumentException>(() => replay.AdvanceFrame(new TestInput[1]));
        }

        [Fact]
        public void CsvExporter_GivesTheSameRows_FromALocalSessionASyncTestAndTheirReplay()
        {
            string Export(IRollbackSession<ManualState, TestInput> session, int seed)
            {
                var text = new StringWriter { NewLine = "\n" };
                using (var csv = new CsvExporter<ManualState, TestInput>(session, text, leaveOpen: true))
                {
                    csv.AddColumn("score", (in ConfirmedFrame<ManualState, TestInput> f, CsvField field) => field.Write(f.State.Score));
                    RunLoop(session, seed);
                }

                return text.ToString();
            }

            var local = new LocalSession<ManualState, TestInput>(new TestGame(), NewState, 2, frameCount: 200);
            var recorder = new InputRecorder<ManualState, TestInput>(local);
            string fromLocal = Export(local, 4);
            string fromSync = Export(new SyncTestSession<ManualState, TestInput>(new TestGame(), NewState, 2, checkDistance: 5, frameCount: 200), 4);
            string fromReplay = Export(new ReplaySession<ManualState, TestInput>(new TestGame(), NewState, recorder.ToReplay()), 4);
            Assert.Equal(201, fromLocal.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(fromLocal, fromSync);
            Assert.Equal(fromLocal, fromReplay);
        }

        [Fact]
        public void NegativeLimits_Throw()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new LocalSession<ManualState, TestInput>(new TestGame(), NewState, 2, frameCount: -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SyncTestSession<ManualState, TestInput>(new TestGame(), NewState, 2, episodes: -1));
        }

        private static int ExpectedFrameCount(int players, int seed, int frameCount, int episodes)
        {
            var game = new TestGame();
            var state = new ManualState();
            var counters = (IRollbackCounters)state;
            var random = new DeterministicRandom((ulong)seed);
            var inputs = new TestInput[players];
            for (int frame = 0; ; frame++)
            {
                if (frameCount > 0 && frame == frameCount)
                {
                    return frame;
                }

                if (episodes > 0 && state.Episode == episodes - 1 && frame > 0 && game.IsEpisodeOver(state))
                {
                    return frame;
                }

                for (int i = 0; i < players; i++)
                {
                    inputs[i] = new TestInput((byte)random.NextInt(4), (sbyte)random.NextInt(-1, 2));
                }

                int step = state.StepNum;
                int episode = state.Episode;
                if (game.IsEpisodeOver(state))
                {
                    episode++;
                    step = 0;
                    counters.SetCounters(frame, 0, episode);
                    game.ResetEpisode(state);
                }

                game.Step(state, inputs);
                counters.SetCounters(frame + 1, step + 1, episode);
            }
        }
    }
}
