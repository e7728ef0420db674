using Rollback;
using Xunit;

namespace RollbackGame.Tests
{
    public class SyncTests
    {
        // Rolls back 2 frames every frame, replays, and compares checksums: any nondeterminism or any state kept
        // outside GameState throws a DesyncException naming the frame and the first member that differs.
        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void TheRulesSurviveARollbackEveryFrame(ulong seed)
        {
            var session = new SyncTestSession<GameState, GameInput>(new GameRules(), GameRules.NewState, GameRules.Players, checkDistance: 2);
            session.RunRandom(1500, seed, (ref DeterministicRandom random, int player, int frame) =>
                new GameInput((sbyte)random.NextInt(-1, 2), (sbyte)random.NextInt(-1, 2)));

            Assert.True(session.FramesChecked > 1500);
            Assert.Equal(1500, session.Statistics.Rollbacks);
            Assert.Equal(1500, session.State.Frame);
            Assert.Equal(2, session.State.Episode); // episodes of 600 steps: frames 1200 to 1499 are the third
        }

        [Fact]
        public void TwoReplicasFedTheSameInputsStayIdentical()
        {
            var a = new LocalSession<GameState, GameInput>(new GameRules(), GameRules.NewState, GameRules.Players);
            var b = new LocalSession<GameState, GameInput>(new GameRules(), GameRules.NewState, GameRules.Players);
            var random = new DeterministicRandom(9);
            var inputs = new GameInput[GameRules.Players];
            for (int frame = 0; frame < 2000; frame++)
            {
                for (int p = 0; p < inputs.Length; p++)
                {
                    inputs[p] = new GameInput((sbyte)random.NextInt(-1, 2), (sbyte)random.NextInt(-1, 2));
                }

                a.AdvanceFrame(inputs);
                b.AdvanceFrame(inputs);
                Assert.Equal(a.State.Checksum(), b.State.Checksum());
            }

            Assert.Equal(2000, a.State.Frame);
        }
    }
}
