using System;
using System.Collections.Generic;
using Xunit;

namespace Rollback.Runtime.Tests.Churn
{
    /// <summary>Restores keep the nested objects they drop and reuse them instead of constructing new ones.</summary>
    public class RestoreReuseTests
    {
        private static ChurnWorld World(int mobs, bool boss, int seed)
        {
            var w = new ChurnWorld { NextId = seed * 100 };
            for (int i = 0; i < mobs; i++)
            {
                w.Mobs.Add(new Mob { Id = w.NextId++, Hp = i + seed, Kind = i % 2 == 0 ? "runner" : "tank", Trail = { i, seed } });
            }

            if (boss)
            {
                w.Boss = new Mob { Id = -seed, Hp = 50, Target = new Mob { Id = -seed - 1 } };
            }

            for (int i = 0; i < w.Slots.Length; i++)
            {
                w.Slots[i] = (i + seed) % 2 == 0 ? new Mob { Id = 1000 + i } : null;
            }

            w.Banner = ChurnWorld.Banners[seed % ChurnWorld.Banners.Length];
            return w;
        }

        private static byte[] Save(IRollbackState state)
        {
            var bytes = new byte[state.SnapshotSize];
            Assert.Equal(bytes.Length, state.Save(bytes));
            return bytes;
        }

        [Fact]
        public void ARestoreThatDropsObjects_KeepsThem_AndTheNextRestoreThatNeedsObjectsTakesThemBack()
        {
            RollbackPool<Mob>.Clear();
            byte[] crowded = Save(World(10, boss: true, seed: 1));
            byte[] empty = Save(World(2, boss: false, seed: 2));

            var live = new ChurnWorld();
            live.Restore(crowded);
            var known = new HashSet<Mob>(ReferenceEqualityComparer.Instance);
            known.UnionWith(AllMobs(live));
            int poolBefore = RollbackPool<Mob>.Count;

            live.Restore(empty);
            known.UnionWith(AllMobs(live));
            // 8 mobs from the shrunk list, the boss (holding its target) and two slot occupants were dropped; two
            // newly occupied slots took theirs back from the pool (and a reused boss drops its target in turn).
            Assert.True(RollbackPool<Mob>.Count >= poolBefore + 8 + 1 + 2 - 2, $"pool holds {RollbackPool<Mob>.Count}, held {poolBefore}");

            live.Restore(crowded);
            Assert.Equal(ChecksumOf(crowded), live.Checksum());
            List<Mob> after = AllMobs(live);
            Assert.Equal(10 + 2 + 2, after.Count);
            Assert.All(after, m => Assert.Contains(m, known));
        }

        private static List<Mob> AllMobs(ChurnWorld w)
        {
            var all = new List<Mob>(w.Mobs);
            for (Mob? m = w.Boss; m is not null; m = m.Target)
            {
                all.Add(m);
            }

            foreach (Mob? m in w.Slots)
            {
                if (m is not null)
                {
                    all.Add(m);
                }
            }

            return all;
        }

        [Fact]
        public void RestoringBetweenDifferentShapes_AllocatesNothingAfterOneRound_AndRestoresExactly()
        {
            var snapshots = new List<byte[]>();
            var checksums = new List<ulong>();
            for (int seed = 1; seed <= 6; seed++)
            {
                ChurnWorld w = World(seed * 3 % 11, boss: seed % 2 == 0, seed);
                snapshots.Add(Save(w));
                checksums.Add(w.Checksum());
            }

            var live = new ChurnWorld();
            var order = new DeterministicRandom(3);
            for (int i = 0; i < 200; i++)
            {
                live.Restore(snapshots[order.NextInt(snapshots.Count)]);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20_000; i++)
            {
                int k = order.NextInt(snapshots.Count);
                live.Restore(snapshots[k]);
                if (live.Checksum() != checksums[k])
                {
                    Assert.Fail($"restore {i} of snapshot {k} came out different");
                }
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void AStringARestoreReplaces_IsReusedWhenALaterRestoreBringsItsTextBack()
        {
            var w = new ChurnWorld { Banner = new string('q', 3) + "-banner-reuse" };
            string madeByTheGame = w.Banner;
            byte[] withIt = Save(w);
            w.Banner = "another banner";
            byte[] withOther = Save(w);

            w.Banner = madeByTheGame;
            w.Restore(withOther);
            Assert.Equal("another banner", w.Banner);
            w.Restore(withIt);
            Assert.Same(madeByTheGame, w.Banner);
        }

        private static ulong ChecksumOf(byte[] snapshot)
        {
            var w = new ChurnWorld();
            w.Restore(snapshot);
            return w.Checksum();
        }
    }
}
