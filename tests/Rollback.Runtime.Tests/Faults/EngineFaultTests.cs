using System;
using System.Collections.Generic;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Faults
{
    /// <summary>
    /// After an exception from user code the engine is faulted: the failing call throws the original, every later
    /// call throws <see cref="SessionFaultedException"/> carrying it, and no confirmed frame is ever reported twice.
    /// Driven with a remote player whose inputs arrive late (so failures also land inside rollbacks and replays).
    /// </summary>
    public class EngineFaultTests
    {
        public static IEnumerable<object[]> Cases()
        {
            foreach (UserCode where in Enum.GetValues(typeof(UserCode)))
            {
                for (int seed = 1; seed <= 6; seed++)
                {
                    yield return new object[] { where, seed };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void AFailureInUserCode_FaultsTheEngine_LaterCallsThrowTheFaultAndNoFrameIsReportedTwice(UserCode where, int seed)
        {
            var random = new DeterministicRandom((ulong)seed);
            int failOnCall = 1 + random.NextInt(where == UserCode.ResetEpisode ? 12 : 60);
            var game = new FaultingGame(where, failOnCall);
            var engine = new RollbackEngine<ManualState, TestInput>(game, () => new ManualState(), new RollbackOptions<TestInput>
            {
                PlayerCount = 2,
                LocalPlayers = new[] { 0 },
                PredictionWindow = 8,
                InputDelay = random.NextInt(3),
                Predictor = game,
            });
            var reported = new List<int>();
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) => reported.Add(f.Frame);
            engine.FrameConfirmed += game.OnConfirmed;

            int lateness = 1 + random.NextInt(6);
            int delivered = 0;
            UserCodeFailure? caught = null;
            for (int tick = 0; tick < 600 && caught is null; tick++)
            {
                try
                {
                    var local = new[] { new TestInput((byte)random.NextInt(4), (sbyte)random.NextInt(-1, 2)) };
                    engine.AdvanceFrame(local);
                    while (delivered <= engine.CurrentFrame - lateness)
                    {
                        engine.AddRemoteInput(1, delivered, new TestInput((byte)((delivered * 7) % 4), (sbyte)((delivered % 3) - 1)));
                        delivered++;
                    }

                    if (tick % 3 == 0)
                    {
                        engine.Synchronize();
                    }
                }
                catch (UserCodeFailure e)
                {
                    caught = e;
                }
            }

            Assert.NotNull(caught);
            Assert.Same(game.Thrown, caught);
            Assert.True(engine.IsFaulted);
            Assert.Same(caught, engine.Fault);

            int lastConfirmed = engine.LastConfirmedFrame;
            var before = new List<int>(reported);
            AssertFaulted(caught!, () => engine.AdvanceFrame(new[] { default(TestInput) }));
            AssertFaulted(caught!, () => engine.Synchronize());
            AssertFaulted(caught!, () => engine.AddRemoteInput(1, delivered, default));
            AssertFaulted(caught!, () => engine.SetDisconnected(1, engine.CurrentFrame));
            AssertFaulted(caught!, () => engine.TryGetSnapshot(engine.CurrentFrame, out _, out _));
            AssertFaulted(caught!, () => _ = engine.State);
            AssertFaulted(caught!, () => engine.RestoreSnapshot(engine.CurrentFrame, new ManualState()));
            AssertFaulted(caught!, () => ((IRollbackSession<ManualState, TestInput>)engine).Poll());
            AssertFaulted(caught!, () => engine.AdvanceFrame(new[] { default(TestInput) }));

            // Frames were reported once each, in order, and nothing more after the fault.
            Assert.Equal(before, reported);
            for (int i = 0; i < reported.Count; i++)
            {
                Assert.Equal(i, reported[i]);
            }

            Assert.Equal(lastConfirmed, engine.LastConfirmedFrame);
            Assert.Equal(reported.Count - 1, lastConfirmed);
        }

        [Fact]
        public void AHandlerThatAdvancesTheEngine_FaultsItWithAClearMessage()
        {
            var engine = new RollbackEngine<ManualState, TestInput>(new TestGame(), () => new ManualState(), new RollbackOptions<TestInput> { PlayerCount = 1 });
            int calls = 0;
            engine.FrameConfirmed += (in ConfirmedFrame<ManualState, TestInput> f) =>
            {
                calls++;
                engine.AdvanceFrame(new[] { default(TestInput) });
            };

            var first = Assert.Throws<InvalidOperationException>(() => engine.AdvanceFrame(new[] { default(TestInput) }));
            Assert.Contains("already advancing", first.Message, StringComparison.Ordinal);
            var later = Assert.Throws<SessionFaultedException>(() => engine.AdvanceFrame(new[] { default(TestInput) }));
            Assert.Same(first, later.InnerException);
            Assert.Same(first, later.Fault);
            Assert.Contains("faulted", later.Message, StringComparison.Ordinal);
            Assert.Contains("already advancing", later.Message, StringComparison.Ordinal);
            Assert.Equal(1, calls);
        }

        [Fact]
        public void BadArguments_DoNotFaultTheEngine()
        {
            var engine = new RollbackEngine<ManualState, TestInput>(new TestGame(), () => new ManualState(), new RollbackOptions<TestInput>
            {
                PlayerCount = 2,
                LocalPlayers = new[] { 0 },
            });
            Assert.Throws<ArgumentException>(() => engine.AdvanceFrame(new TestInput[2]));
            Assert.Throws<ArgumentOutOfRangeException>(() => engine.AddRemoteInput(5, 0, default));
            Assert.Throws<ArgumentException>(() => engine.AddRemoteInput(0, 0, default));
            engine.AddRemoteInput(1, 0, new TestInput(1, 0));
            Assert.Throws<RollbackImpossibleException>(() => engine.AddRemoteInput(1, 0, new TestInput(2, 0)));
            Assert.False(engine.IsFaulted);
            Assert.Equal(Advance.Simulated, engine.AdvanceFrame(new[] { default(TestInput) }));
            Assert.Equal(0, engine.LastConfirmedFrame);
        }

        private static void AssertFaulted(Exception original, Action call)
        {
            var e = Assert.Throws<SessionFaultedException>(call);
            Assert.Same(original, e.InnerException);
        }
    }
}
