using System;
using System.Collections.Generic;
using System.Threading;
using Xunit;

namespace Rollback.Runtime.Tests.Churn
{
    /// <summary>A mob subtype: returning one to the base type's pool is an error.</summary>
    [RollbackState]
    public partial class EliteMob : Mob
    {
        public int Armor;
    }

    /// <summary>A state type used by no other test, so its per-thread pool starts empty in every test.</summary>
    [RollbackState]
    public partial class Crate
    {
        public int Weight = 5;
        public string? Label = "crate";
        public List<int> Items = new List<int> { 1, 2, 3 };
        public Mob? Guard;
    }

    /// <summary>What <see cref="RollbackPool{T}"/> promises to game code.</summary>
    public class RollbackPoolTests
    {
        [Fact]
        public void Rent_OnAnEmptyPool_GivesANewObject_AndAfterReturnTheSameObjectResetToNew()
        {
            RollbackPool<Crate>.Clear();
            Crate first = RollbackPool<Crate>.Rent();
            Assert.Null(first.FirstDifference(new Crate()));

            first.Weight = 99;
            first.Label = "used";
            first.Items.Add(4);
            first.Items[0] = -1;
            first.Guard = new Mob { Id = 3, Hp = 9 };
            RollbackPool<Crate>.Return(first);
            Assert.Equal(1, RollbackPool<Crate>.Count);

            Crate again = RollbackPool<Crate>.Rent();
            Assert.Same(first, again);
            Assert.Equal(0, RollbackPool<Crate>.Count);
            Assert.Null(again.FirstDifference(new Crate()));
            Assert.Equal(new Crate().Checksum(), again.Checksum());
            Assert.Null(again.Guard);
            Assert.Equal(new[] { 1, 2, 3 }, again.Items);
        }

        [Fact]
        public void Rent_AfterManyUses_AllocatesNothing()
        {
            RollbackPool<Crate>.Clear();
            var held = new Crate[8];
            for (int round = 0; round < 3; round++)
            {
                Cycle(held);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 1000; round++)
            {
                Cycle(held);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

            static void Cycle(Crate[] held)
            {
                for (int i = 0; i < held.Length; i++)
                {
                    held[i] = RollbackPool<Crate>.Rent();
                    held[i].Weight = i;
                    held[i].Items.Add(i);
                }

                for (int i = 0; i < held.Length; i++)
                {
                    RollbackPool<Crate>.Return(held[i]);
                }
            }
        }

        [Fact]
        public void Return_RejectsNull_ADerivedType_AndAnObjectReturnedTwice()
        {
            RollbackPool<Mob>.Clear();
            Assert.Throws<ArgumentNullException>(() => RollbackPool<Mob>.Return(null!));
            var elite = new EliteMob();
            ArgumentException wrongType = Assert.Throws<ArgumentException>(() => RollbackPool<Mob>.Return(elite));
            Assert.Contains("EliteMob", wrongType.Message);

            var mob = new Mob();
            RollbackPool<Mob>.Return(mob);
            Assert.Throws<InvalidOperationException>(() => RollbackPool<Mob>.Return(mob));
            Assert.Equal(1, RollbackPool<Mob>.Count);
            RollbackPool<Mob>.Clear();
            Assert.Equal(0, RollbackPool<Mob>.Count);
        }

        [Fact]
        public void ThePool_IsBoundedByCapacity_AndCapacityCannotBeNegative()
        {
            RollbackPool<Crate>.Clear();
            int old = RollbackPool<Crate>.Capacity;
            Assert.Equal(256, old);
            try
            {
                RollbackPool<Crate>.Capacity = 10;
                for (int i = 0; i < 25; i++)
                {
                    RollbackPool<Crate>.Return(new Crate());
                }

                Assert.Equal(10, RollbackPool<Crate>.Count);
                Assert.Throws<ArgumentOutOfRangeException>(() => RollbackPool<Crate>.Capacity = -1);
                RollbackPool<Crate>.Capacity = 0;
                RollbackPool<Crate>.Return(new Crate());
                Assert.Equal(10, RollbackPool<Crate>.Count);
            }
            finally
            {
                RollbackPool<Crate>.Capacity = old;
                RollbackPool<Crate>.Clear();
            }
        }

        [Fact]
        public void Prewarm_ConstructsUpFront_SoRentingThatManyAllocatesNothing()
        {
            RollbackPool<Crate>.Clear();
            RollbackPool<Crate>.Prewarm(12);
            Assert.Equal(12, RollbackPool<Crate>.Count);
            RollbackPool<Crate>.Prewarm(5);
            Assert.Equal(12, RollbackPool<Crate>.Count);
            Assert.Throws<ArgumentOutOfRangeException>(() => RollbackPool<Crate>.Prewarm(-1));

            var held = new Crate[12];
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < held.Length; i++)
            {
                held[i] = RollbackPool<Crate>.Rent();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(12, new HashSet<Crate>(held, ReferenceEqualityComparer.Instance).Count);
            RollbackPool<Crate>.Clear();
        }

        [Fact]
        public void KeptObjects_AreHandedOutInTheOrderTheyWereKept()
        {
            RollbackPool<Crate>.Clear();
            var kept = new Crate[20];
            int rented = 0;
            for (int i = 0; i < kept.Length; i++)
            {
                kept[i] = new Crate();
                RollbackPool<Crate>.Return(kept[i]);
                if (i % 3 == 2)
                {
                    // Interleave takes with returns so the queue wraps around its storage.
                    Assert.Same(kept[rented++], RollbackPool<Crate>.Rent());
                }
            }

            for (int i = rented; i < kept.Length; i++)
            {
                Assert.Same(kept[i], RollbackPool<Crate>.Rent());
            }

            Assert.Equal(0, RollbackPool<Crate>.Count);
        }

        [Fact]
        public void ThePool_IsPerThread()
        {
            RollbackPool<Crate>.Clear();
            RollbackPool<Crate>.Return(new Crate());
            int seenElsewhere = -1;
            var thread = new Thread(() => seenElsewhere = RollbackPool<Crate>.Count);
            thread.Start();
            thread.Join();
            Assert.Equal(0, seenElsewhere);
            Assert.Equal(1, RollbackPool<Crate>.Count);
            RollbackPool<Crate>.Clear();
        }
    }
}
