using System;
using Rollback.Snapshots;
using Xunit;

namespace Rollback.Runtime.Tests.Snapshots
{
    /// <summary>The reserved-block writes generated code uses for runs of fixed-size members.</summary>
    public class SnapshotBlockTests
    {
        private struct Pair
        {
            public long A;
            public int B;
        }

        [Fact]
        public void A_block_run_writes_the_same_bytes_as_member_by_member_writes()
        {
            var pair = new Pair { A = -5_000_000_000L, B = 77 };
            byte[] oneByOne = new byte[64];
            var w1 = new SnapshotWriter(oneByOne);
            w1.Write<byte>(9);
            w1.Write(pair);
            w1.Write<short>(-3);
            w1.WriteArray(new[] { 1, 2 });

            byte[] blocked = new byte[64];
            var w2 = new SnapshotWriter(blocked);
            Span<byte> block = w2.Reserve(sizeof(byte) + SnapshotEncoding.SizeOf<Pair>() + sizeof(short));
            int at = 0;
            SnapshotWriter.Put<byte>(block, ref at, 9);
            SnapshotWriter.Put(block, ref at, pair);
            SnapshotWriter.Put<short>(block, ref at, -3);
            w2.WriteArray(new[] { 1, 2 });

            Assert.Equal(block.Length, at);
            Assert.Equal(w1.Position, w2.Position);
            Assert.Equal(oneByOne, blocked);

            var reader = new SnapshotReader(blocked.AsSpan(0, w2.Position));
            ReadOnlySpan<byte> taken = reader.Take(sizeof(byte) + SnapshotEncoding.SizeOf<Pair>() + sizeof(short));
            int readAt = 0;
            Assert.Equal(9, SnapshotReader.Get<byte>(taken, ref readAt));
            Pair back = SnapshotReader.Get<Pair>(taken, ref readAt);
            Assert.Equal(pair.A, back.A);
            Assert.Equal(pair.B, back.B);
            Assert.Equal(-3, SnapshotReader.Get<short>(taken, ref readAt));
            int[]? array = null;
            reader.ReadArray(ref array);
            Assert.Equal(new[] { 1, 2 }, array);
            Assert.Equal(0, reader.Remaining);
        }

        [Fact]
        public void Reserving_more_than_the_destination_holds_is_a_too_small_error()
        {
            byte[] buffer = new byte[8];
            Assert.Throws<SnapshotBufferTooSmallException>(() =>
            {
                var writer = new SnapshotWriter(buffer);
                writer.Write(1);
                writer.Reserve(5);
            });
        }

        [Fact]
        public void Taking_more_than_the_snapshot_holds_is_a_format_error()
        {
            byte[] buffer = new byte[6];
            Assert.Throws<SnapshotFormatException>(() =>
            {
                var reader = new SnapshotReader(buffer);
                reader.Read<int>();
                reader.Take(3);
            });
        }

        [Theory]
        [InlineData(0, 7)]
        [InlineData(4, 4)]
        [InlineData(int.MaxValue, 0)]
        public void Put_and_Get_outside_the_block_throw_instead_of_touching_the_bytes_after_it(int offset, int blockSize)
        {
            byte[] buffer = new byte[16];
            Assert.Throws<ArgumentOutOfRangeException>(() =>
            {
                int at = offset;
                SnapshotWriter.Put<long>(buffer.AsSpan(0, blockSize), ref at, -1L);
            });
            Assert.All(buffer, b => Assert.Equal(0, b));
            Assert.Throws<ArgumentOutOfRangeException>(() =>
            {
                int at = offset;
                SnapshotReader.Get<long>(new ReadOnlySpan<byte>(buffer, 0, blockSize), ref at);
            });
        }
    }
}
