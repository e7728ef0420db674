using System.Collections.Generic;
using Arena.Game;
using Rollback.Scenarios.Tests.Harness;
using Xunit;

namespace Rollback.Scenarios.Tests
{
    /// <summary>Where a session ends, on its own: the frame limit, the episode limit, both, and the gating of the last episode.</summary>
    public class SessionEndTests
    {
        /// <summary>Steps the arena with idle inputs and hands every confirmed frame to <paramref name="end"/> while it is not past the end.</summary>
        private static List<int> Drive(SessionEnd<ArenaState, Pad> end, int frames, List<bool>? gated = null)
        {
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaSetup.Factory(2), 2);
            var finals = new List<int>();
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
            {
                if (!end.IsBeyond(f.Frame) && end.OnConfirmed(in f))
                {
                    finals.Add(f.Frame);
                }
            };
            var inputs = new Pad[2];
            for (int i = 0; i < frames; i++)
            {
                gated?.Add(end.IsGated(session.State));
                session.AdvanceFrame(inputs);
            }

            return finals;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        [InlineData(1000)]
        public void FrameLimitOnly_TheFinalFrameIsKnownFromTheStart(int frameCount)
        {
            var end = new SessionEnd<ArenaState, Pad>(new ArenaRules(), frameCount, 0);
            Assert.Equal(frameCount - 1, end.FinalFrame);
            Assert.False(end.EpisodeEndPending);
            Assert.True(end.IsBeyond(frameCount));
            Assert.False(end.IsBeyond(frameCount - 1));
            Assert.Equal(new[] { frameCount - 1 }, Drive(end, frameCount + 20));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void EpisodeLimitOnly_TheFinalFrameIsFoundOnTheConfirmedTimeline(int episodes)
        {
            var end = new SessionEnd<ArenaState, Pad>(new ArenaRules(), 0, episodes);
            Assert.Equal(int.MaxValue, end.FinalFrame);
            Assert.True(end.EpisodeEndPending);
            var gated = new List<bool>();
            List<int> finals = Drive(end, (450 * episodes) + 50, gated);
            Assert.Equal(new[] { (450 * episodes) - 1 }, finals);
            Assert.Equal((450 * episodes) - 1, end.FinalFrame);
            Assert.Equal(episodes, end.EpisodesCompleted);
            Assert.False(end.EpisodeEndPending);

            // Gated exactly while the live state was in the last episode and its end was not found.
            if (episodes > 1)
            {
                Assert.False(gated[(450 * (episodes - 1)) - 10]);
            }

            Assert.True(gated[(450 * (episodes - 1)) + 10]);
            Assert.False(gated[(450 * episodes) + 10]);
        }

        [Theory]
        [InlineData(300, 1, 299)]   // the frame limit first
        [InlineData(10000, 1, 449)] // the episode end first
        [InlineData(900, 2, 899)]   // both on the same frame
        [InlineData(451, 2, 450)]
        public void BothLimits_WhicheverComesFirstEndsTheSession(int frameCount, int episodes, int expectedFinal)
        {
            var end = new SessionEnd<ArenaState, Pad>(new ArenaRules(), frameCount, episodes);
            Assert.Equal(new[] { expectedFinal }, Drive(end, 1200));
            Assert.Equal(expectedFinal, end.FinalFrame);
            Assert.True(end.IsBeyond(expectedFinal + 1));
        }

        [Fact]
        public void ALiveStateThatEndedTheLastEpisode_HoldsTheNextFrame_UntilTheEndIsConfirmed()
        {
            var end = new SessionEnd<ArenaState, Pad>(new ArenaRules(), 0, 1);
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaSetup.Factory(2), 2);
            var inputs = new Pad[2];
            for (int i = 0; i < 449; i++)
            {
                Assert.False(end.MustHold(session.State, session.CurrentFrame));
                session.AdvanceFrame(inputs);
            }

            session.AdvanceFrame(inputs); // frame 449 ends episode 0 (not yet handed to the end)
            Assert.True(end.MustHold(session.State, session.CurrentFrame));
        }
    }
}
