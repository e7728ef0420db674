using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// The same body bytes as the generated code for <see cref="MixedState"/>, written by hand with raw pointer
    /// arithmetic: one space check per unit, no null or exact-type checks, no header. Not a usable codec (it
    /// assumes the shape never changes); it is the lower bound of this encoding on this machine, which shows how
    /// much of the gap to two span copies is the encoding itself (presence bytes, length prefixes, one small
    /// array per unit) rather than the generated code.
    /// </summary>
    internal static class HandWrittenMixedCodec
    {
        private const int UnitFixedBytes = 1 + 4 + 16 + 16 + 4; // presence, Id, Position, Velocity, Health

        public static int Save(MixedState s, Span<byte> destination)
        {
            ref byte b = ref MemoryMarshal.GetReference(destination);
            int p = 0;
            Unsafe.WriteUnaligned(ref b, s.Tick);
            p += 4;
            p = WriteRaw(ref b, p, destination.Length, ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(s.Name.AsSpan())), s.Name.Length, s.Name.Length * sizeof(char));
            var units = s.Units;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, p), units.Count);
            p += 4;
            for (int i = 0; i < units.Count; i++)
            {
                Unit u = units[i];
                if (destination.Length - p < UnitFixedBytes)
                {
                    throw new ArgumentException("too small");
                }

                ref byte q = ref Unsafe.Add(ref b, p);
                q = 1;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref q, 1), u.Id);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref q, 5), u.Position);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref q, 21), u.Velocity);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref q, 37), u.Health);
                p = WriteInts(ref b, p + UnitFixedBytes, destination.Length, u.Cooldowns);
            }

            p = WriteInts(ref b, p, destination.Length, s.Scores);
            return WriteInts(ref b, p, destination.Length, CollectionsMarshal.AsSpan(s.Events));
        }

        public static void Restore(MixedState s, ReadOnlySpan<byte> source)
        {
            ref byte b = ref MemoryMarshal.GetReference(source);
            int p = 0;
            s.Tick = Unsafe.ReadUnaligned<int>(ref b);
            p += 4;
            int nameLength = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref b, p));
            p += 4 + nameLength * sizeof(char); // the name is unchanged in this benchmark
            int count = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref b, p));
            p += 4;
            var units = s.Units;
            for (int i = 0; i < count; i++)
            {
                if (source.Length - p < UnitFixedBytes)
                {
                    throw new ArgumentException("truncated");
                }

                Unit u = units[i];
                ref byte q = ref Unsafe.Add(ref b, p);
                u.Id = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref q, 1));
                u.Position = Unsafe.ReadUnaligned<Vec>(ref Unsafe.Add(ref q, 5));
                u.Velocity = Unsafe.ReadUnaligned<Vec>(ref Unsafe.Add(ref q, 21));
                u.Health = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref q, 37));
                p = ReadInts(ref b, p + UnitFixedBytes, source.Length, u.Cooldowns);
            }

            p = ReadInts(ref b, p, source.Length, s.Scores);
            ReadInts(ref b, p, source.Length, CollectionsMarshal.AsSpan(s.Events));
        }

        private static int WriteInts(ref byte b, int p, int capacity, ReadOnlySpan<int> values) =>
            WriteRaw(ref b, p, capacity, ref Unsafe.As<int, byte>(ref MemoryMarshal.GetReference(values)), values.Length, values.Length * sizeof(int));

        private static int WriteRaw(ref byte b, int p, int capacity, ref byte source, int length, int bytes)
        {
            if (capacity - p < 4 + bytes)
            {
                throw new ArgumentException("too small");
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, p), length);
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref b, p + 4), ref source, (uint)bytes);
            return p + 4 + bytes;
        }

        private static int ReadInts(ref byte b, int p, int capacity, Span<int> values)
        {
            int length = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref b, p));
            int bytes = length * sizeof(int);
            if (length != values.Length || capacity - p < 4 + bytes)
            {
                throw new ArgumentException("shape changed");
            }

            Unsafe.CopyBlockUnaligned(ref Unsafe.As<int, byte>(ref MemoryMarshal.GetReference(values)), ref Unsafe.Add(ref b, p + 4), (uint)bytes);
            return p + 4 + bytes;
        }
    }
}
