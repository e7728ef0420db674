using System;
using Rollback.Generators.Tests.Shapes;
using Xunit;

namespace Rollback.Generators.Tests
{
    public class AllocationTests
    {
        [Fact]
        public void SaveAndRestoreAllocateNothingAfterTheFirstCycle()
        {
            // A state with nested objects, arrays of objects and structs, lists and a string.
            Everything state = ShapeFactory.Populated(7);
            var buffer = new byte[state.SnapshotSize * 2];
            var other = new byte[state.SnapshotSize * 2];
            state.Save(buffer);
            state.Restore(buffer);
            state.Checksum();

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                int written = state.Save(buffer);
                state.Restore(buffer.AsSpan(0, written));
                state.Save(other);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(buffer, other);
        }

        [Fact]
        public void ChecksumAllocatesNothingAfterWarmUp()
        {
            Everything state = ShapeFactory.Populated(2);
            ulong expected = state.Checksum();
            long before = GC.GetAllocatedBytesForCurrentThread();
            ulong last = 0;
            for (int i = 0; i < 10_000; i++)
            {
                last = state.Checksum();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(expected, last);
        }

        [Fact]
        public void RestoringAlternatingSnapshotsOfTheSameShapeAllocatesNothing()
        {
            Everything a = ShapeFactory.Populated(1);
            Everything b = ShapeFactory.Populated(2);
            byte[] first = new byte[a.SnapshotSize];
            byte[] second = new byte[b.SnapshotSize];
            a.Save(first);
            b.Save(second);
            var target = ShapeFactory.Populated(3);
            target.Restore(first);
            target.Restore(second);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                target.Restore((i & 1) == 0 ? first : second);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Null(b.FirstDifference(target));
        }
    }
}
