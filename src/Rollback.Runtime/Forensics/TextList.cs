using System;
using System.Buffers.Binary;
using System.Text;

namespace Rollback.Forensics
{
    /// <summary>
    /// A list of strings as one byte array (a count, then each string's UTF-8 length and bytes, little-endian), so the
    /// bundle manifest holds only unmanaged arrays: MemoryPack then needs no run-time formatter creation, which NativeAOT
    /// and trimming cannot guarantee.
    /// </summary>
    internal static class TextList
    {
        public static byte[] Encode(string[]? texts)
        {
            texts ??= Array.Empty<string>();
            int size = 4;
            foreach (string text in texts)
            {
                size += 4 + Encoding.UTF8.GetByteCount(text ?? string.Empty);
            }

            var bytes = new byte[size];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, texts.Length);
            int at = 4;
            foreach (string text in texts)
            {
                int written = Encoding.UTF8.GetBytes(text ?? string.Empty, 0, (text ?? string.Empty).Length, bytes, at + 4);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), written);
                at += 4 + written;
            }

            return bytes;
        }

        /// <exception cref="FormatException">The bytes are not a list written by <see cref="Encode"/>.</exception>
        public static string[] Decode(byte[]? bytes)
        {
            if (bytes is null || bytes.Length == 0)
            {
                return Array.Empty<string>();
            }

            if (bytes.Length < 4)
            {
                throw new FormatException("A text list is truncated.");
            }

            int count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            if (count < 0 || count > (bytes.Length - 4) / 4)
            {
                throw new FormatException("A text list has an impossible count.");
            }

            var texts = new string[count];
            int at = 4;
            for (int i = 0; i < count; i++)
            {
                if (at + 4 > bytes.Length)
                {
                    throw new FormatException("A text list is truncated.");
                }

                int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
                if (length < 0 || length > bytes.Length - at - 4)
                {
                    throw new FormatException("A text list has an impossible length.");
                }

                texts[i] = Encoding.UTF8.GetString(bytes, at + 4, length);
                at += 4 + length;
            }

            return texts;
        }
    }
}
