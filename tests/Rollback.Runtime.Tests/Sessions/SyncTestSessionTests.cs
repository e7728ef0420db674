using System;
using System.Collections.Generic;
using Rollback.Runtime.Tests.Generated;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Sessions
{
    public class SyncTestSessionTests
    {
        private static Pad RandomPad(ref DeterministicRandom random, int player, int frame) =>
            new Pad((sbyte)random.NextInt(-1, 2), (sbyte)random.NextInt(-1, 2), (byte)random.NextInt(2));

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(7)]
        public void DeterministicSimulation_Passes(int checkDistance)
        {
            var session = new SyncTestSession<Arena, Pad>(new ArenaRules(), () => new Arena(), 2, checkDistance);
            var confirmed = new List<int>();
            session.FrameConfirmed += (in ConfirmedFrame<Arena, Pad> f) => confirmed.Add(f.Frame);

            session.RunRandom(500, seed: 99, RandomPad);

            Assert.Equal(500, session.State.Frame);
            Assert.True(session.FramesChecked >= 500 * checkDistance - (checkDistance * checkDistance));
            Assert.True(session.Statistics.Rollbacks >= 499);
            Assert.True(session.State.Episode > 2, "episodes should end during the run, inside replayed windows");

            // Replays of already confirmed frames never raise the event again.
            Assert.Equal(500, confirmed.Count);
            for (int i = 0; i < confirmed.Count; i++)
            {
                Assert.Equal(i, confirmed[i]);
            }
        }

        [Fact]
        public void NondeterministicSimulation_IsCaught_AndTheMemberIsNamed()
        {
            var session = new SyncTestSession<Arena, Pad>(new NondeterministicArenaRules(), () => new Arena(), 2, checkDistance: 3);
            var ex = Assert.Throws<DesyncException>(() => session.RunRandom(200, seed: 5, RandomPad));
            Assert.Equal("Ticks", ex.Report.MemberPath);
            Assert.InRange(ex.Report.Frame, 0, 200);
            Assert.NotEqual(ex.Report.ExpectedChecksum, ex.Report.ActualChecksum);
            Assert.Contains("Ticks", ex.Message);
            Assert.Contains($"frame {ex.Report.Frame}", ex.Message);
        }

        [Fact]
        public void HandWrittenState_DeterministicPasses_HiddenStaticStateIsCaught()
        {
            var ok = new SyncTestSession<ManualState, TestInput>(new TestGame(), () => new ManualState(), 3, checkDistance: 4);
            ok.RunRandom(300, seed: 1);
            Assert.Equal(300, ok.State.Frame);

            var bad = new SyncTestSession<ManualState, TestInput>(new LeakyGame(), () => new ManualState(), 1, checkDistance: 2);
            var ex = Assert.Throws<DesyncException>(() => bad.RunRandom(100, seed: 1));
            Assert.Equal("Score", ex.Report.MemberPath);
        }

        [Fact]
        public void BadCheckDistance_Throws()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new SyncTestSession<Arena, Pad>(new ArenaRules(), () => new Arena(), 2, checkDistance: 0));
        }

        private sealed class LeakyGame : ISimulation<ManualState, TestInput>
        {
            private static long s_calls;

            public void Step(ManualState s, ReadOnlySpan<TestInput> inputs) => s.Score += (int)(s_calls++ % 2);

            public bool IsEpisodeOver(ManualState s) => false;

            public void ResetEpisode(ManualState s)
            {
            }
        }
    }
}
