using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rollback.Snapshots;

namespace Rollback.Runtime.Tests.Support
{
    /// <summary>
    /// A hand-written IRollbackState with its own little-endian encoding. Kept as a baseline that does not
    /// depend on the generator or on the generated snapshot layout.
    /// </summary>
    public sealed class ManualState : IRollbackState, IRollbackCounters
    {
        private const ulong SchemaId = 0x4D414E55414C0001UL;

        public int A;
        public int[] B = new int[4];
        public DeterministicRandom Rng = new DeterministicRandom(12345);
        public int Score;
        public int LastReward;

        public int Frame { get; private set; }

        public int StepNum { get; private set; }

        public int Episode { get; private set; }

        public int SnapshotSize => 16 + (4 * sizeof(int)) + sizeof(int) + (B.Length * sizeof(int)) + Unsafe.SizeOf<DeterministicRandom>() + (2 * sizeof(int));

        void IRollbackCounters.SetCounters(int frame, int stepNum, int episode)
        {
            Frame = frame;
            StepNum = stepNum;
            Episode = episode;
        }

        public int Save(Span<byte> destination)
        {
            int size = SnapshotSize;
            if (destination.Length < size)
            {
                throw new ArgumentException("destination too small", nameof(destination));
            }

            int pos = 0;
            BinaryPrimitives.WriteUInt64LittleEndian(destination, SchemaId);
            pos += 8;
            BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(pos), size);
            pos += 4;
            pos += 4; // reserved
            Put(destination, ref pos, Frame);
            Put(destination, ref pos, StepNum);
            Put(destination, ref pos, Episode);
            Put(destination, ref pos, A);
            Put(destination, ref pos, B.Length);
            foreach (int b in B)
            {
                Put(destination, ref pos, b);
            }

            MemoryMarshal.Write(destination.Slice(pos), in Rng);
            pos += Unsafe.SizeOf<DeterministicRandom>();
            Put(destination, ref pos, Score);
            Put(destination, ref pos, LastReward);
            return pos;
        }

        public void Restore(ReadOnlySpan<byte> source)
        {
            if (source.Length < 16 || BinaryPrimitives.ReadUInt64LittleEndian(source) != SchemaId)
            {
                throw new SnapshotFormatException("not a ManualState snapshot");
            }

            int size = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(8));
            if (size > source.Length)
            {
                throw new SnapshotFormatException("truncated ManualState snapshot");
            }

            int pos = 16;
            Frame = Get(source, ref pos);
            StepNum = Get(source, ref pos);
            Episode = Get(source, ref pos);
            A = Get(source, ref pos);
            int length = Get(source, ref pos);
            if (B.Length != length)
            {
                B = new int[length];
            }

            for (int i = 0; i < length; i++)
            {
                B[i] = Get(source, ref pos);
            }

            Rng = MemoryMarshal.Read<DeterministicRandom>(source.Slice(pos));
            pos += Unsafe.SizeOf<DeterministicRandom>();
            Score = Get(source, ref pos);
            LastReward = Get(source, ref pos);
        }

        public ulong Checksum()
        {
            var buffer = new byte[SnapshotSize];
            int written = Save(buffer);
            return SnapshotEncoding.Checksum(buffer.AsSpan(0, written));
        }

        private static void Put(Span<byte> destination, ref int pos, int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(pos), value);
            pos += 4;
        }

        private static int Get(ReadOnlySpan<byte> source, ref int pos)
        {
            int value = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(pos));
            pos += 4;
            return value;
        }

        public string? FirstDifference(IRollbackState other)
        {
            var o = (ManualState)other;
            if (Frame != o.Frame) return nameof(Frame);
            if (StepNum != o.StepNum) return nameof(StepNum);
            if (Episode != o.Episode) return nameof(Episode);
            if (A != o.A) return nameof(A);
            int i = SnapshotCompare.FirstDifferentIndex(B, o.B);
            if (i == -2) return nameof(B);
            if (i >= 0) return $"B[{i}]";
            if (!Rng.Equals(o.Rng)) return nameof(Rng);
            if (Score != o.Score) return nameof(Score);
            if (LastReward != o.LastReward) return nameof(LastReward);
            return null;
        }
    }
}
