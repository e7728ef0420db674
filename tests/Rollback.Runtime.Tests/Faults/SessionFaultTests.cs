using System;
using System.Collections.Generic;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Faults
{
    /// <summary>Local, sync-test and replay sessions: a failure faults the session; every later call throws it.</summary>
    public class SessionFaultTests
    {
        public static IEnumerable<object[]> UserCodeCases()
        {
            var failOnCall = new[] { (UserCode.Step, 7), (UserCode.IsEpisodeOver, 11), (UserCode.ResetEpisode, 4), (UserCode.Handler, 9) };
            foreach ((UserCode where, int call) in failOnCall)
            {
                foreach (string kind in new[] { "local", "synctest", "replay" })
                {
                    yield return new object[] { kind, where, call };
                }
            }
        }

        [Theory]
        [MemberData(nameof(UserCodeCases))]
        public void AFailureInUserCode_FaultsEverySessionKind(string kind, UserCode where, int failOnCall)
        {
            var game = new FaultingGame(where, failOnCall);
            IRollbackSession<ManualState, TestInput> session = kind switch
            {
                "local" => new LocalSession<ManualState, TestInput>(game, () => new ManualState(), 2),
                "synctest" => new SyncTestSession<ManualState, TestInput>(game, () => new ManualState(), 2, checkDistance: 3),
                _ => new ReplaySession<ManualState, TestInput>(game, () => new ManualState(), Recording(60)),
            };
            var reported = new List<int>();
            session.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => reported.Add(f.Frame);
            session.FrameConfirmed += game.OnConfirmed;

            var inputs = new TestInput[session.LocalPlayers.Length];
            UserCodeFailure? caught = null;
            for (int tick = 0; tick < 60 && caught is null; tick++)
            {
                try
                {
                    session.Poll();
                    inputs.AsSpan().Fill(new TestInput((byte)(tick % 4), 1));
                    session.AdvanceFrame(inputs);
                }
                catch (UserCodeFailure e)
                {
                    caught = e;
                }
            }

            Assert.NotNull(caught);
            var before = new List<int>(reported);
            foreach (Action call in new Action[]
            {
                () => session.AdvanceFrame(inputs),
                () => session.Poll(),
                () => session.TryGetSnapshot(session.StartFrame, out _, out _),
                () => _ = session.State,
                () => session.AdvanceFrame(inputs),
            })
            {
                var e = Assert.Throws<SessionFaultedException>(call);
                Assert.Same(caught, e.InnerException);
            }

            Assert.Equal(before, reported);
            for (int i = 0; i < reported.Count; i++)
            {
                Assert.Equal(i, reported[i]);
            }

            Assert.Equal(reported.Count - 1, session.LastConfirmedFrame);
            Assert.False(session.IsFinished);
        }

        [Fact]
        public void ASyncTestDesync_ThrowsTheReport_ThenFaultsTheSession()
        {
            var session = new SyncTestSession<ManualState, TestInput>(new CallCountingGame(), () => new ManualState(), 1, checkDistance: 2);
            var desync = Assert.Throws<DesyncException>(() => session.RunRandom(50, seed: 3));
            Assert.Equal("Score", desync.Report.MemberPath);
            Assert.True(session.IsFaulted);
            var later = Assert.Throws<SessionFaultedException>(() => session.AdvanceFrame(new TestInput[1]));
            Assert.Same(desync, later.InnerException);
            Assert.Throws<SessionFaultedException>(() => session.RunRandom(5, seed: 3));
        }

        [Fact]
        public void AReplayThatDiffersFromItsRecording_ThrowsDesync_ThenFaultsTheSession()
        {
            ReplayFile<TestInput> good = Recording(40);
            var checksums = new ulong[good.FrameCount];
            var inputs = new TestInput[good.FrameCount * good.PlayerCount];
            for (int f = 0; f < good.FrameCount; f++)
            {
                checksums[f] = good.Checksum(f);
                good.Inputs(f).CopyTo(inputs.AsSpan(f * good.PlayerCount));
            }

            checksums[17] ^= 1;
            ReplayFile<TestInput> tampered = ReplayFile<TestInput>.Create(good.PlayerCount, good.StartFrame, good.InitialSnapshot, inputs, checksums);
            var session = new ReplaySession<ManualState, TestInput>(new FaultingGame(UserCode.Step, int.MaxValue), () => new ManualState(), tampered);
            var desync = Assert.Throws<DesyncException>(() => session.RunToEnd());
            Assert.Equal(17, desync.Report.Frame);
            Assert.Equal(17, session.LastConfirmedFrame);
            var later = Assert.Throws<SessionFaultedException>(() => session.RunToEnd());
            Assert.Same(desync, later.InnerException);
            Assert.Equal(17, session.LastConfirmedFrame);
        }

        /// <summary>A recording of <paramref name="frames"/> frames of <see cref="FaultingGame"/>'s rules, made without faults.</summary>
        private static ReplayFile<TestInput> Recording(int frames)
        {
            var session = new LocalSession<ManualState, TestInput>(new FaultingGame(UserCode.Step, int.MaxValue), () => new ManualState(), 2);
            using var recorder = new InputRecorder<ManualState, TestInput>(session);
            var inputs = new TestInput[2];
            for (int tick = 0; tick < frames; tick++)
            {
                inputs.AsSpan().Fill(new TestInput((byte)(tick % 4), 1));
                session.AdvanceFrame(inputs);
            }

            return recorder.ToReplay();
        }

        /// <summary>Nondeterministic on purpose: the score depends on how often Step was called.</summary>
        private sealed class CallCountingGame : ISimulation<ManualState, TestInput>
        {
            private long _calls;

            public void Step(ManualState s, ReadOnlySpan<TestInput> inputs) => s.Score += (int)(_calls++ % 2);

            public bool IsEpisodeOver(ManualState s) => false;

            public void ResetEpisode(ManualState s)
            {
            }
        }
    }
}
