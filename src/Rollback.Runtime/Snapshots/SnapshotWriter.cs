using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rollback.Snapshots
{
    /// <summary>
    /// Writes the canonical little-endian snapshot encoding into caller-provided memory. Used by
    /// generated code; it never allocates.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref struct SnapshotWriter
    {
        private readonly Span<byte> _buffer;
        private int _position;

        /// <summary>Creates a writer over <paramref name="buffer"/>.</summary>
        /// <param name="buffer">The destination memory.</param>
        public SnapshotWriter(Span<byte> buffer)
        {
            SnapshotEncoding.EnsureLittleEndian();
            _buffer = buffer;
            _position = 0;
        }

        /// <summary>Bytes written so far.</summary>
        public int Position => _position;

        /// <summary>Writes an unmanaged value as its raw bytes.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="value">The value.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write<T>(T value) where T : unmanaged
        {
            int size = Unsafe.SizeOf<T>();
            EnsureSpace(size);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position), value);
            _position += size;
        }

        /// <summary>
        /// Reserves <paramref name="size"/> bytes for a run of fixed-size members, checked once, and returns them;
        /// generated code fills the block with <see cref="Put{T}"/>.
        /// </summary>
        /// <param name="size">The bytes the run takes.</param>
        /// <returns>The reserved bytes.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Span<byte> Reserve(int size)
        {
            EnsureSpace(size);
            Span<byte> block = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position), size);
            _position += size;
            return block;
        }

        /// <summary>Writes an unmanaged value at <paramref name="offset"/> of a reserved block and advances the offset.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="block">A block from <see cref="Reserve"/>.</param>
        /// <param name="offset">Where in the block; advanced past the value.</param>
        /// <param name="value">The value.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Put<T>(Span<byte> block, ref int offset, T value) where T : unmanaged
        {
            int size = Unsafe.SizeOf<T>();
            if ((ulong)(uint)offset + (uint)size > (uint)block.Length)
            {
                ThrowOutsideBlock(offset, size, block.Length);
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(block), offset), value);
            offset += size;
        }

        /// <summary>Writes a boolean as one byte, 0 or 1, whatever its in-memory representation.</summary>
        /// <param name="value">The value.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WriteBool(bool value)
        {
            EnsureSpace(1);
            Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position++) = value ? (byte)1 : (byte)0;
        }

        /// <summary>Writes a nullable unmanaged value: a presence byte, then the value or zeros.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="value">The value.</param>
        public void WriteNullable<T>(T? value) where T : unmanaged
        {
            WriteBool(value.HasValue);
            Write(value.GetValueOrDefault());
        }

        /// <summary>Writes a presence marker for a reference: 1 when present, 0 for null.</summary>
        /// <param name="present">Whether the reference is non-null.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WritePresence(bool present) => WriteBool(present);

        /// <summary>Writes a length prefix; -1 stands for null.</summary>
        /// <param name="length">The length, or -1.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WriteLength(int length) => Write(length);

        /// <summary>Writes the raw bytes of a span of unmanaged values, without a length prefix.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="values">The values.</param>
        public void WriteRaw<T>(ReadOnlySpan<T> values) where T : unmanaged
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
            EnsureSpace(bytes.Length);
            bytes.CopyTo(_buffer.Slice(_position));
            _position += bytes.Length;
        }

        /// <summary>Writes an array of unmanaged values: its length (-1 for null), then its raw bytes.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="array">The array, or null.</param>
        public void WriteArray<T>(T[]? array) where T : unmanaged
        {
            if (array is null)
            {
                WriteLength(-1);
                return;
            }

            // One space check for the length and the elements together.
            int bytes = array.Length * Unsafe.SizeOf<T>();
            EnsureSpace(sizeof(int) + bytes);
            ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), _position);
            Unsafe.WriteUnaligned(ref at, array.Length);
            MemoryMarshal.AsBytes(array.AsSpan()).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref at, sizeof(int)), bytes));
            _position += sizeof(int) + bytes;
        }

        /// <summary>Writes a list of unmanaged values: its count (-1 for null), then its raw bytes.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="list">The list, or null.</param>
        public void WriteList<T>(List<T>? list) where T : unmanaged
        {
            if (list is null)
            {
                WriteLength(-1);
                return;
            }

            WriteLength(list.Count);
#if NET5_0_OR_GREATER
            WriteRaw<T>(CollectionsMarshal.AsSpan(list));
#else
            for (int i = 0; i < list.Count; i++)
            {
                Write(list[i]);
            }
#endif
        }

        /// <summary>Writes a string as its UTF-16 code units: length (-1 for null), then the chars.</summary>
        /// <param name="value">The string, or null.</param>
        public void WriteString(string? value)
        {
            if (value is null)
            {
                WriteLength(-1);
                return;
            }

            WriteLength(value.Length);
            WriteRaw(value.AsSpan());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void EnsureSpace(int size)
        {
            if ((uint)size > (uint)(_buffer.Length - _position))
            {
                ThrowTooSmall(size);
            }
        }

        private static void ThrowOutsideBlock(int offset, int size, int length) =>
            throw new ArgumentOutOfRangeException(nameof(offset), $"{size} bytes at offset {offset} do not fit in a reserved block of {length} bytes.");

        private void ThrowTooSmall(int size) =>
            throw new SnapshotBufferTooSmallException(
                $"Snapshot destination is too small: {size} more bytes needed at byte {_position} of {_buffer.Length}. Size the buffer with IRollbackState.SnapshotSize.");
    }
}
