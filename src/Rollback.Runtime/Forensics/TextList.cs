using System;
using System.Buffers.Binary;
using System.Text;

namespace Rollback.Forensics
{
    /// <summary>
    /// A list of strings as one byte array: a count, then each string's UTF-8 length and bytes, little-endian. The
    /// bundle manifest stores its text lists this way (each list is one byte array member of the manifest).
    /// </summary>
    internal static class TextList
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
                int written = Encoding.UTF8.GetBytes((text ?? string.Empty).AsSpan(), bytes.AsSpan(at + 4));
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), written);
                at += 4 + written;
            }

            return bytes;
        }

        /// <exception cref="FormatException">The bytes are not exactly a list written by <see cref="Encode"/>.</exception>
        public static string[] Decode(ReadOnlySpan<byte> bytes, string what)
        {
            if (bytes.Length < 4)
            {
                throw new FormatException($"the text list {what} is truncated");
            }

            int count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            if (count < 0 || count > (bytes.Length - 4) / 4)
            {
                throw new FormatException($"the text list {what} has an impossible count ({count})");
            }

            var texts = new string[count];
            int at = 4;
            for (int i = 0; i < count; i++)
            {
                if (at > bytes.Length - 4)
                {
                    throw new FormatException($"the text list {what} is truncated");
                }

                int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(at));
                if (length < 0 || length > bytes.Length - at - 4)
                {
                    throw new FormatException($"the text list {what} has an impossible length ({length}) for text {i}");
                }

                try
                {
                    texts[i] = StrictUtf8.GetString(bytes.Slice(at + 4, length));
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException($"text {i} of the text list {what} is not valid UTF-8", ex);
                }

                at += 4 + length;
            }

            if (at != bytes.Length)
            {
                throw new FormatException($"{bytes.Length - at} bytes follow the end of the text list {what}");
            }

            return texts;
        }
    }
}
