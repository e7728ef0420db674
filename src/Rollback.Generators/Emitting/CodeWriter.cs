using System.Text;

namespace Rollback.Generators.Emitting
{
    /// <summary>A tiny indented text writer for generated source.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public CodeWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _indent * 4);
            }

            _text.Append(line).Append('\n');
            return this;
        }

        public CodeWriter Open(string header)
        {
            if (header.Length > 0)
            {
                Line(header);
            }

            Line("{");
            _indent++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
            return this;
        }

        public override string ToString() => _text.ToString();
    }
}
