using System;
using System.Collections.Generic;
using Xunit;

namespace Rollback.Runtime.Tests.Generated
{
    /// <summary>The engine over a generated state: rollbacks agree with a straight run, and nothing allocates.</summary>
    public class GeneratedStateEngineTests
    {
        private static Pad TruePad(int player, int frame)
        {
            int phase = (frame / (5 + player)) % 4;
            return new Pad((sbyte)(phase - 1), (sbyte)(player == 0 ? 1 - (phase & 1) : 0), (byte)(phase == 2 ? 1 : 0));
        }

        /// <summary>Runs peer 0 of two with player 1's inputs arriving 0..6 frames late; returns the confirmed checksums.</summary>
        private static (RollbackEngine<Arena, Pad> Engine, long Allocated) RunLate(int frames, int warmup, List<ulong>? checksums)
        {
            var engine = new RollbackEngine<Arena, Pad>(new ArenaRules(), () => new Arena(), new RollbackOptions<Pad>
            {
                PlayerCount = 2,
                LocalPlayers = new[] { 0 },
                PredictionWindow = 8,
            });
            long rewardSum = 0;
            engine.FrameConfirmed += (in ConfirmedFrame<Arena, Pad> f) =>
            {
                rewardSum += f.State.LastReward;
                checksums?.Add(f.Checksum);
            };
            var local = new Pad[1];
            int delivered = 0;
            long before = 0;
            for (int tick = 0; engine.CurrentFrame < frames; tick++)
            {
                if (engine.CurrentFrame == warmup && before == 0)
                {
                    before = GC.GetAllocatedBytesForCurrentThread();
                }

                int lateness = (tick / 3) % 7;
                while (delivered <= tick - lateness && delivered < frames)
                {
                    engine.AddRemoteInput(1, delivered, TruePad(1, delivered));
                    delivered++;
                }

                local[0] = TruePad(0, engine.CurrentFrame);
                engine.AdvanceFrame(local);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            while (delivered < frames)
            {
                engine.AddRemoteInput(1, delivered, TruePad(1, delivered));
                delivered++;
            }

            engine.Synchronize();
            return (engine, allocated);
        }

        [Fact]
        public void ConfirmedChecksums_EqualAStraightLocalRun()
        {
            var late = new List<ulong>();
            RollbackEngine<Arena, Pad> engine = RunLate(600, 0, late).Engine;
            Assert.True(engine.Statistics.Rollbacks > 10);
            Assert.True(engine.Statistics.MaxRollbackDepth >= 2);

            var straight = new List<ulong>();
            var local = new LocalSession<Arena, Pad>(new ArenaRules(), () => new Arena(), 2);
            local.FrameConfirmed += (in ConfirmedFrame<Arena, Pad> f) => straight.Add(f.Checksum);
            var inputs = new Pad[2];
            for (int f = 0; f < 600; f++)
            {
                inputs[0] = TruePad(0, f);
                inputs[1] = TruePad(1, f);
                local.AdvanceFrame(inputs);
            }

            Assert.Equal(straight, late);
        }

        [Fact]
        public void TenThousandFramesWithRollbacks_OverAGeneratedState_AllocateZeroBytes()
        {
            (RollbackEngine<Arena, Pad> engine, long allocated) = RunLate(10_500, 500, null);
            Assert.True(engine.Statistics.Rollbacks > 1000, engine.Statistics.ToString());
            Assert.Equal(0, allocated);
        }
    }
}
