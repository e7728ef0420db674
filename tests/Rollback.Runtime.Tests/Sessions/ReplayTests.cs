using System;
using System.Collections.Generic;
using System.IO;
using Rollback.Runtime.Tests.Generated;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Sessions
{
    public class ReplayTests
    {
        private static (ReplayFile<Pad> Replay, List<ulong> Checksums) RecordLocalArena(int frames)
        {
            var session = new LocalSession<Arena, Pad>(new ArenaRules(), () => new Arena(), 2);
            var checksums = new List<ulong>();
            session.FrameConfirmed += (in ConfirmedFrame<Arena, Pad> f) => checksums.Add(f.Checksum);
            using var recorder = new InputRecorder<Arena, Pad>(session);
            var random = new DeterministicRandom(3);
            var inputs = new Pad[2];
            for (int f = 0; f < frames; f++)
            {
                inputs[0] = new Pad((sbyte)random.NextInt(-1, 2), (sbyte)random.NextInt(-1, 2), (byte)random.NextInt(2));
                inputs[1] = new Pad((sbyte)random.NextInt(-1, 2), 0, (byte)random.NextInt(2));
                session.AdvanceFrame(inputs);
            }

            Assert.Equal(frames, recorder.FrameCount);
            return (recorder.ToReplay(), checksums);
        }

        [Fact]
        public void LocalSession_RoundTripsThroughAFile_WithTheSameChecksumsFrameForFrame()
        {
            (ReplayFile<Pad> replay, List<ulong> original) = RecordLocalArena(400);
            string path = Path.Combine(Path.GetTempPath(), $"rollback-replay-{Guid.NewGuid():N}.rbr");
            try
            {
                replay.Save(path);
                ReplayFile<Pad> loaded = ReplayFile<Pad>.Load(path);
                Assert.Equal(400, loaded.FrameCount);
                Assert.Equal(2, loaded.PlayerCount);
                Assert.Equal(typeof(Pad).FullName, loaded.InputTypeName);

                var session = new ReplaySession<Arena, Pad>(new ArenaRules(), () => new Arena(), loaded);
                var replayed = new List<ulong>();
                session.FrameConfirmed += (in ConfirmedFrame<Arena, Pad> f) => replayed.Add(f.Checksum);
                session.RunToEnd();
                Assert.True(session.IsFinished);
                Assert.False(session.AdvanceFrame());
                Assert.Equal(original, replayed);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void ARollbackSession_RecordsItsConfirmedTimeline_AndReplaysIt()
        {
            var scenario = new LateScenario { Seed = 11, Players = 3, LocalPlayers = new[] { 0 }, MaxLate = 9, Frames = 300 }.Build();
            var recorder = new InputRecorder<ManualState, TestInput>(scenario.Engine);
            scenario.Run();
            Assert.True(scenario.Engine.Statistics.Rollbacks > 0);

            byte[] bytes = recorder.ToReplay().ToBytes();
            var session = new ReplaySession<ManualState, TestInput>(new TestGame(), () => new ManualState(), ReplayFile<TestInput>.FromBytes(bytes));
            var replayed = new List<ulong>();
            session.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => replayed.Add(f.Checksum);
            session.RunToEnd();

            ConfirmedLog oracle = scenario.RunOracle();
            Assert.Equal(300, replayed.Count);
            for (int f = 0; f < 300; f++)
            {
                Assert.Equal(oracle.Checksum[f], replayed[f]);
            }
        }

        [Fact]
        public void ARecordingStartedMidSession_StartsFromThatFramesSnapshot()
        {
            var session = new LocalSession<ManualState, TestInput>(new TestGame(), () => new ManualState(), 1);
            var inputs = new[] { new TestInput(1, 1) };
            for (int f = 0; f < 50; f++)
            {
                session.AdvanceFrame(inputs);
            }

            var recorder = new InputRecorder<ManualState, TestInput>(session);
            var checksums = new List<ulong>();
            session.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => checksums.Add(f.Checksum);
            for (int f = 0; f < 30; f++)
            {
                session.AdvanceFrame(inputs);
            }

            ReplayFile<TestInput> replay = recorder.ToReplay();
            Assert.Equal(50, replay.StartFrame);
            var replaySession = new ReplaySession<ManualState, TestInput>(new TestGame(), () => new ManualState(), replay);
            var replayed = new List<ulong>();
            replaySession.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => replayed.Add(f.Checksum);
            replaySession.RunToEnd();
            Assert.Equal(checksums, replayed);
            Assert.Equal(80, replaySession.State.Frame);
        }

        [Fact]
        public void ADifferentSimulation_IsReportedAsADesyncAtTheFirstDifferentFrame()
        {
            (ReplayFile<Pad> replay, _) = RecordLocalArena(200);
            var session = new ReplaySession<Arena, Pad>(new ArenaRules { MaxSteps = 7 }, () => new Arena(), replay);
            var ex = Assert.Throws<DesyncException>(() => session.RunToEnd());
            Assert.True(ex.Report.Frame <= 60, $"desync reported at {ex.Report.Frame}");
        }

        [Fact]
        public void TruncatedFiles_GiveAClearError()
        {
            byte[] bytes = RecordLocalArena(50).Replay.ToBytes();
            foreach (int length in new[] { 0, 3, 8, 20, 24, 40, bytes.Length / 2, bytes.Length - 1 })
            {
                var ex = Assert.Throws<ReplayFormatException>(() => ReplayFile<Pad>.FromBytes(bytes.AsSpan(0, length)));
                Assert.True(ex.Message.Contains("truncated") || ex.Message.Contains("magic"), $"{length}: {ex.Message}");
            }
        }

        [Fact]
        public void ForeignCorruptAndMismatchedFiles_GiveAClearError()
        {
            byte[] bytes = RecordLocalArena(50).Replay.ToBytes();

            var foreign = Assert.Throws<ReplayFormatException>(() => ReplayFile<Pad>.FromBytes(System.Text.Encoding.UTF8.GetBytes("frame,episode,step\n0,0,1\n")));
            Assert.Contains("Not a Rollback replay", foreign.Message);

            byte[] corrupt = (byte[])bytes.Clone();
            corrupt[corrupt.Length - 5] ^= 0x40;
            Assert.Contains("corrupt", Assert.Throws<ReplayFormatException>(() => ReplayFile<Pad>.FromBytes(corrupt)).Message);

            byte[] future = (byte[])bytes.Clone();
            future[8] = 99;
            Assert.Contains("version 99", Assert.Throws<ReplayFormatException>(() => ReplayFile<Pad>.FromBytes(future)).Message);

            var wrongType = Assert.Throws<ReplayFormatException>(() => ReplayFile<TestInput>.FromBytes(bytes));
            Assert.Contains(typeof(Pad).FullName!, wrongType.Message);
            Assert.Contains(typeof(TestInput).FullName!, wrongType.Message);

            // A replay of another state type: the initial snapshot is refused by the state's own header check.
            Assert.Throws<SnapshotFormatException>(() => new ReplaySession<ManualState, Pad>(new PadGame(), () => new ManualState(), ReplayFile<Pad>.FromBytes(bytes)));
        }

        private sealed class PadGame : ISimulation<ManualState, Pad>
        {
            public void Step(ManualState s, ReadOnlySpan<Pad> inputs)
            {
            }

            public bool IsEpisodeOver(ManualState s) => false;

            public void ResetEpisode(ManualState s)
            {
            }
        }
    }
}
