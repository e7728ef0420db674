using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rollback.Snapshots
{
    /// <summary>
    /// Reads the canonical snapshot encoding written by <see cref="SnapshotWriter"/>. Used by generated
    /// code; it allocates only when the shape of the state changed (an array of another length, a
    /// list or object that was null, a different string).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref struct SnapshotReader
    {
        private readonly ReadOnlySpan<byte> _buffer;
        private int _position;

        /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
        /// <param name="buffer">The snapshot body.</param>
        public SnapshotReader(ReadOnlySpan<byte> buffer)
        {
            SnapshotEncoding.EnsureLittleEndian();
            _buffer = buffer;
            _position = 0;
        }

        /// <summary>Bytes read so far.</summary>
        public int Position => _position;

        /// <summary>Bytes not read yet.</summary>
        public int Remaining => _buffer.Length - _position;

        /// <summary>Reads an unmanaged value from its raw bytes.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <returns>The value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Read<T>() where T : unmanaged
        {
            int size = Unsafe.SizeOf<T>();
            if ((uint)size > (uint)Remaining)
            {
                throw Truncated(size);
            }

            T value = Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position));
            _position += size;
            return value;
        }

        /// <summary>
        /// Takes the next <paramref name="size"/> bytes, a run of fixed-size members, checked once; generated code
        /// reads the block with <see cref="Get{T}"/>.
        /// </summary>
        /// <param name="size">The bytes the run takes.</param>
        /// <returns>The bytes.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<byte> Take(int size)
        {
            if ((uint)size > (uint)Remaining)
            {
                throw Truncated(size);
            }

            ReadOnlySpan<byte> block = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position), size);
            _position += size;
            return block;
        }

        /// <summary>Reads an unmanaged value at <paramref name="offset"/> of a block from <see cref="Take"/> and advances the offset.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="block">A block from <see cref="Take"/>.</param>
        /// <param name="offset">Where in the block; advanced past the value.</param>
        /// <returns>The value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Get<T>(ReadOnlySpan<byte> block, ref int offset) where T : unmanaged
        {
            int size = Unsafe.SizeOf<T>();
            if ((ulong)(uint)offset + (uint)size > (uint)block.Length)
            {
                ThrowOutsideBlock(offset, size, block.Length);
            }

            T value = Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref MemoryMarshal.GetReference(block), offset));
            offset += size;
            return value;
        }

        /// <summary>Reads a boolean written by <see cref="SnapshotWriter.WriteBool"/>.</summary>
        /// <returns>The value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ReadBool()
        {
            if (Remaining < 1)
            {
                throw Truncated(1);
            }

            return Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position++) != 0;
        }

        /// <summary>Reads a nullable unmanaged value written by <see cref="SnapshotWriter.WriteNullable{T}"/>.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <returns>The value.</returns>
        public T? ReadNullable<T>() where T : unmanaged
        {
            bool present = ReadBool();
            T value = Read<T>();
            return present ? value : (T?)null;
        }

        /// <summary>Reads a presence marker written by <see cref="SnapshotWriter.WritePresence"/>.</summary>
        /// <returns>Whether the reference was non-null.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ReadPresence() => ReadBool();

        /// <summary>Reads a length prefix; -1 stands for null.</summary>
        /// <returns>The length, or -1.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int ReadLength()
        {
            int length = Read<int>();
            if (length < -1)
            {
                ThrowNegativeLength(length, _position - sizeof(int));
            }

            return length;
        }

        /// <summary>Reads raw bytes into <paramref name="destination"/>.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="destination">Where to copy the values.</param>
        public void ReadRaw<T>(Span<T> destination) where T : unmanaged
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(destination);
            if (bytes.Length > Remaining)
            {
                throw Truncated(bytes.Length);
            }

            _buffer.Slice(_position, bytes.Length).CopyTo(bytes);
            _position += bytes.Length;
        }

        /// <summary>
        /// Reads an array written by <see cref="SnapshotWriter.WriteArray{T}"/> into <paramref name="array"/>,
        /// in place when the length matches, into a new array otherwise.
        /// </summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="array">The array to fill or replace.</param>
        public void ReadArray<T>(ref T[]? array) where T : unmanaged
        {
            int length = ReadLength();
            if (length < 0)
            {
                array = null;
                return;
            }

            EnsureAvailable(length, Unsafe.SizeOf<T>());
            if (array is null || array.Length != length)
            {
                array = length == 0 ? Array.Empty<T>() : new T[length];
            }

            ReadRaw<T>(array);
        }

        /// <summary>Reads a list written by <see cref="SnapshotWriter.WriteList{T}"/>, reusing the existing list.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="list">The list to fill or replace.</param>
        public void ReadList<T>(ref List<T>? list) where T : unmanaged
        {
            int count = ReadLength();
            if (count < 0)
            {
                list = null;
                return;
            }

            EnsureAvailable(count, Unsafe.SizeOf<T>());
            list ??= new List<T>(count);
#if NET8_0_OR_GREATER
            CollectionsMarshal.SetCount(list, count);
            ReadRaw(CollectionsMarshal.AsSpan(list));
#else
            list.Clear();
            if (list.Capacity < count)
            {
                list.Capacity = count;
            }

            for (int i = 0; i < count; i++)
            {
                list.Add(Read<T>());
            }
#endif
        }

        /// <summary>
        /// Reads a string written by <see cref="SnapshotWriter.WriteString"/>. Keeps <paramref name="existing"/>
        /// when it already holds the same text, and otherwise offers <paramref name="existing"/> to a per-thread
        /// pool and takes the text from it, so rolling back between recurring texts allocates nothing after the
        /// first time.
        /// </summary>
        /// <param name="existing">The current value.</param>
        /// <returns>The restored string.</returns>
        public string? ReadString(string? existing)
        {
            int length = ReadLength();
            if (length < 0)
            {
                return null;
            }

            EnsureAvailable(length, sizeof(char));
            ReadOnlySpan<char> chars = MemoryMarshal.Cast<byte, char>(_buffer.Slice(_position, length * sizeof(char)));
            _position += length * sizeof(char);
            if (existing is not null)
            {
                if (chars.SequenceEqual(existing.AsSpan()))
                {
                    return existing;
                }

                SnapshotStringPool.Offer(existing);
            }

            return SnapshotStringPool.Get(chars);
        }

        /// <summary>Reads a collection count and checks the bytes left can hold that many elements of at least <paramref name="minElementSize"/> bytes.</summary>
        /// <param name="minElementSize">The smallest encoded size of one element.</param>
        /// <returns>The count, or -1 for null.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int ReadCount(int minElementSize)
        {
            int count = ReadLength();
            if (count > 0)
            {
                EnsureAvailable(count, minElementSize);
            }

            return count;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void EnsureAvailable(int count, int elementSize)
        {
            if ((long)count * elementSize > Remaining)
            {
                ThrowTruncated((long)count * elementSize);
            }
        }

        private void ThrowTruncated(long needed) => throw Truncated(needed);

        private static void ThrowNegativeLength(int length, int at) =>
            throw new SnapshotFormatException($"Snapshot is corrupt: negative length {length} at byte {at}.");

        private static void ThrowOutsideBlock(int offset, int size, int length) =>
            throw new ArgumentOutOfRangeException(nameof(offset), $"{size} bytes at offset {offset} do not fit in a block of {length} bytes.");

        private SnapshotFormatException Truncated(long needed) =>
            new SnapshotFormatException($"Snapshot is truncated or corrupt: {needed} more bytes needed at byte {_position}, {Remaining} left.");
    }
}
