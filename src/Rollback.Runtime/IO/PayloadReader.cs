using System;
using System.Buffers.Binary;
using System.Text;

namespace Rollback.IO
{
    /// <summary>
    /// Reads what <see cref="PayloadWriter"/> writes, strictly: a length that runs past the end, a negative length,
    /// a boolean other than 0 or 1, text that is not valid UTF-8 or whose UTF-16 length disagrees with its header,
    /// a member count other than the one expected, or bytes left over, all throw <see cref="FormatException"/>
    /// naming the byte offset. Nothing larger than the remaining bytes is ever allocated.
    /// </summary>
    internal ref struct PayloadReader
    {
        /// <summary>The largest member count an object header can give (MemoryPack reserves 250-255).</summary>
        public const byte MaxMemberCount = 249;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private readonly ReadOnlySpan<byte> _bytes;
        private int _at;

        /// <summary>Reads <paramref name="bytes"/> from the start.</summary>
        /// <param name="bytes">The payload.</param>
        public PayloadReader(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
            _at = 0;
        }

        /// <summary>Reads an object header and checks its member count.</summary>
        /// <param name="what">What the object is, for the message.</param>
        /// <param name="memberCount">The member count the format has.</param>
        /// <exception cref="FormatException">Another count, or a null object.</exception>
        public void ReadObjectHeader(string what, byte memberCount)
        {
            int at = _at;
            byte count = Take(1, what)[0];
            if (count != memberCount)
            {
                throw new FormatException(count > MaxMemberCount
                    ? $"the {what} at byte {at} is missing"
                    : $"the {what} at byte {at} has {count} members where this version has {memberCount}");
            }
        }

        /// <summary>Reads a 32-bit integer.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>The value.</returns>
        public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

        /// <summary>Reads a 64-bit unsigned integer.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>The value.</returns>
        public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

        /// <summary>Reads a boolean written as 0 or 1.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>The value.</returns>
        public bool ReadBoolean(string what)
        {
            int at = _at;
            byte value = Take(1, what)[0];
            return value switch
            {
                0 => false,
                1 => true,
                _ => throw new FormatException($"{what} at byte {at} is {value}, not a boolean"),
            };
        }

        /// <summary>Reads a string written as UTF-8.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>The text.</returns>
        public string ReadString(string what)
        {
            int at = _at;
            int header = ReadInt32(what);
            if (header == 0)
            {
                return string.Empty;
            }

            if (header == -1)
            {
                throw new FormatException($"{what} at byte {at} is missing (null)");
            }

            if (header > 0)
            {
                throw new FormatException($"{what} at byte {at} is not UTF-8 text");
            }

            int byteCount = ~header;
            int charCount = ReadInt32(what);
            ReadOnlySpan<byte> utf8 = Take(byteCount, what);
            string text;
            try
            {
                text = StrictUtf8.GetString(utf8);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{what} at byte {at} is not valid UTF-8", ex);
            }

            if (text.Length != charCount)
            {
                throw new FormatException($"{what} at byte {at} has {text.Length} characters where its header says {charCount}");
            }

            return text;
        }

        /// <summary>Reads a byte array.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>A new array.</returns>
        public byte[] ReadBytes(string what) => Take(ReadCount(what, 1), what).ToArray();

        /// <summary>Reads the bytes of a byte array without copying them.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>A slice of the payload.</returns>
        public ReadOnlySpan<byte> ReadByteSpan(string what) => Take(ReadCount(what, 1), what);

        /// <summary>Reads an array of 32-bit integers.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>A new array.</returns>
        public int[] ReadInt32s(string what)
        {
            var values = new int[ReadCount(what, 4)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ReadInt32(what);
            }

            return values;
        }

        /// <summary>Reads an array of 64-bit unsigned integers.</summary>
        /// <param name="what">The member's name, for the message.</param>
        /// <returns>A new array.</returns>
        public ulong[] ReadUInt64s(string what)
        {
            var values = new ulong[ReadCount(what, 8)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ReadUInt64(what);
            }

            return values;
        }

        /// <summary>Checks that every byte was read.</summary>
        /// <param name="what">What was read, for the message.</param>
        /// <exception cref="FormatException">Bytes are left over.</exception>
        public void End(string what)
        {
            if (_at != _bytes.Length)
            {
                throw new FormatException($"{_bytes.Length - _at} bytes follow the end of the {what} at byte {_at}");
            }
        }

        private int ReadCount(string what, int elementSize)
        {
            int at = _at;
            int count = ReadInt32(what);
            if (count < 0)
            {
                throw new FormatException($"{what} at byte {at} has a negative length ({count})");
            }

            if (count > (_bytes.Length - _at) / elementSize)
            {
                throw new FormatException($"{what} at byte {at} should hold {count} elements but the payload ends first");
            }

            return count;
        }

        private ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count < 0 || count > _bytes.Length - _at)
            {
                throw new FormatException($"the payload ends inside {what} at byte {_at}");
            }

            ReadOnlySpan<byte> span = _bytes.Slice(_at, count);
            _at += count;
            return span;
        }
    }
}
