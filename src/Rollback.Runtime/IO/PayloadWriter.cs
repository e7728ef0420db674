using System;
using System.Buffers.Binary;
using System.Text;

namespace Rollback.IO
{
    /// <summary>
    /// Writes a file payload: little-endian integers, length-prefixed arrays and strings, in the layout MemoryPack
    /// gives a plain object (a one-byte member count, then the members in order), so files written before the
    /// runtime had its own codec read the same.
    /// </summary>
    /// <remarks>
    /// An array is its element count (int32) then its elements' little-endian bytes. A string is 0 when empty, else
    /// the bitwise complement of its UTF-8 byte count (int32, so negative), its UTF-16 length (int32), then the
    /// UTF-8 bytes. Nulls are never written: a null array or string is written empty.
    /// </remarks>
    internal sealed class PayloadWriter
    {
        private byte[] _buffer;
        private int _length;

        /// <summary>Creates a writer.</summary>
        /// <param name="capacity">The expected payload size (the buffer grows past it).</param>
        public PayloadWriter(int capacity = 256)
        {
            _buffer = new byte[Math.Max(capacity, 16)];
        }

        /// <summary>The bytes written so far.</summary>
        public ReadOnlySpan<byte> Written => new ReadOnlySpan<byte>(_buffer, 0, _length);

        /// <summary>Opens an object of <paramref name="memberCount"/> members.</summary>
        /// <param name="memberCount">Members that follow (0 to 249).</param>
        public void WriteObjectHeader(byte memberCount)
        {
            if (memberCount > PayloadReader.MaxMemberCount)
            {
                throw new ArgumentOutOfRangeException(nameof(memberCount), memberCount, $"An object holds at most {PayloadReader.MaxMemberCount} members.");
            }

            Take(1)[0] = memberCount;
        }

        /// <summary>Writes a 32-bit integer.</summary>
        /// <param name="value">The value.</param>
        public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

        /// <summary>Writes a 64-bit unsigned integer.</summary>
        /// <param name="value">The value.</param>
        public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

        /// <summary>Writes a boolean as one byte, 0 or 1.</summary>
        /// <param name="value">The value.</param>
        public void WriteBoolean(bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;

        /// <summary>Writes a string as UTF-8.</summary>
        /// <param name="value">The text (null is written empty).</param>
        public void WriteString(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                WriteInt32(0);
                return;
            }

            int byteCount = Encoding.UTF8.GetByteCount(value);
            WriteInt32(~byteCount);
            WriteInt32(value!.Length);
            Encoding.UTF8.GetBytes(value.AsSpan(), Take(byteCount));
        }

        /// <summary>Writes a byte array.</summary>
        /// <param name="values">The bytes.</param>
        public void WriteBytes(ReadOnlySpan<byte> values)
        {
            WriteInt32(values.Length);
            values.CopyTo(Take(values.Length));
        }

        /// <summary>Writes an array of 32-bit integers.</summary>
        /// <param name="values">The values.</param>
        public void WriteInt32s(ReadOnlySpan<int> values)
        {
            WriteInt32(values.Length);
            foreach (int value in values)
            {
                WriteInt32(value);
            }
        }

        /// <summary>Writes an array of 64-bit unsigned integers.</summary>
        /// <param name="values">The values.</param>
        public void WriteUInt64s(ReadOnlySpan<ulong> values)
        {
            WriteInt32(values.Length);
            foreach (ulong value in values)
            {
                WriteUInt64(value);
            }
        }

        /// <summary>The written bytes as a new array.</summary>
        /// <returns>A copy of <see cref="Written"/>.</returns>
        public byte[] ToArray() => Written.ToArray();

        private Span<byte> Take(int count)
        {
            if (_buffer.Length - _length < count)
            {
                long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + count);
                if (wanted > int.MaxValue)
                {
                    throw new InvalidOperationException("A file payload cannot exceed 2 GB.");
                }

                Array.Resize(ref _buffer, (int)wanted);
            }

            Span<byte> span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }
    }
}
