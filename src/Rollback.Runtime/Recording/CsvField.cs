using System;
using System.Globalization;

namespace Rollback
{
    /// <summary>Writes one CSV field (a user column or an input) into the row being built: invariant culture, RFC 4180 quoting.</summary>
    public readonly struct CsvField
    {
        private readonly CsvLine _line;

        internal CsvField(CsvLine line)
        {
            _line = line;
        }

        /// <summary>Writes an integer.</summary>
        /// <param name="value">The value.</param>
        public void Write(long value) => _line.AppendInteger(value);

        /// <summary>Writes an unsigned integer.</summary>
        /// <param name="value">The value.</param>
        public void Write(ulong value) => _line.AppendUnsigned(value, hex: false);

        /// <summary>Writes an unsigned integer as 16 lowercase hex digits.</summary>
        /// <param name="value">The value.</param>
        public void WriteHex(ulong value) => _line.AppendUnsigned(value, hex: true);

        /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
        /// <param name="value">The value.</param>
        public void Write(bool value) => _line.AppendText(value ? "true".AsSpan() : "false".AsSpan());

        /// <summary>Writes text, quoted when it holds a comma, a quote or a line break.</summary>
        /// <param name="value">The text; null writes an empty field.</param>
        public void Write(string? value) => _line.AppendText(value.AsSpan());

        /// <summary>Writes text, quoted when it holds a comma, a quote or a line break.</summary>
        /// <param name="value">The text.</param>
        public void Write(ReadOnlySpan<char> value) => _line.AppendText(value);
    }

    /// <summary>The row being built: a reusable char buffer.</summary>
    internal sealed class CsvLine
    {
        private char[] _chars = new char[256];

        public int Length { get; private set; }

        public char[] Chars => _chars;

        public void Clear() => Length = 0;

        public void Separator() => Append(',');

        public void EndOfLine() => Append('\n');

        public void AppendInteger(long value)
        {
            int written;
            while (!value.TryFormat(Free(), out written, default, CultureInfo.InvariantCulture))
            {
                Grow();
            }

            Length += written;
        }

        public void AppendUnsigned(ulong value, bool hex)
        {
            int written;
            while (!value.TryFormat(Free(), out written, hex ? "x16".AsSpan() : default, CultureInfo.InvariantCulture))
            {
                Grow();
            }

            Length += written;
        }

        public void AppendHexByte(byte value)
        {
            const string Digits = "0123456789abcdef";
            Append(Digits[value >> 4]);
            Append(Digits[value & 0xF]);
        }

        public void AppendRaw(string text)
        {
            foreach (char c in text)
            {
                Append(c);
            }
        }

        public void AppendText(ReadOnlySpan<char> text)
        {
            if (text.IndexOfAny(",\"\n\r".AsSpan()) < 0)
            {
                foreach (char c in text)
                {
                    Append(c);
                }

                return;
            }

            Append('"');
            foreach (char c in text)
            {
                if (c == '"')
                {
                    Append('"');
                }

                Append(c);
            }

            Append('"');
        }

        public void Append(char c)
        {
            if (Length == _chars.Length)
            {
                Grow();
            }

            _chars[Length++] = c;
        }

        private Span<char> Free() => new Span<char>(_chars, Length, _chars.Length - Length);

        private void Grow() => Array.Resize(ref _chars, _chars.Length * 2);
    }
}
