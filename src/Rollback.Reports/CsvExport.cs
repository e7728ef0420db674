using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Rollback.Reports
{
    /// <summary>
    /// A per-frame CSV export written by <see cref="CsvExporter{TState, TInput}"/>: a header
    /// <c>frame,episode,step,input_0..,checksum,…</c> and one row per confirmed frame.
    /// </summary>
    public sealed class CsvExport
    {
        private readonly Dictionary<int, int> _rowOfFrame = new Dictionary<int, int>();

        private CsvExport(string path, string[] header, List<string[]> rows)
        {
            Path = path;
            Header = header;
            Rows = rows;
            FrameColumn = Array.IndexOf(header, "frame");
            EpisodeColumn = Array.IndexOf(header, "episode");
            StepColumn = Array.IndexOf(header, "step");
            ChecksumColumn = Array.IndexOf(header, "checksum");
            var inputs = new List<int>();
            for (int i = 0; i < header.Length; i++)
            {
                if (header[i].StartsWith("input_", StringComparison.Ordinal))
                {
                    inputs.Add(i);
                }
            }

            InputColumns = inputs.ToArray();
            for (int r = 0; r < rows.Count; r++)
            {
                _rowOfFrame[FrameOf(r)] = r;
            }
        }

        /// <summary>The file.</summary>
        public string Path { get; }

        /// <summary>The column names.</summary>
        public string[] Header { get; }

        /// <summary>The rows, as fields.</summary>
        public List<string[]> Rows { get; }

        /// <summary>Index of the <c>frame</c> column.</summary>
        public int FrameColumn { get; }

        /// <summary>Index of the <c>episode</c> column.</summary>
        public int EpisodeColumn { get; }

        /// <summary>Index of the <c>step</c> column.</summary>
        public int StepColumn { get; }

        /// <summary>Index of the <c>checksum</c> column.</summary>
        public int ChecksumColumn { get; }

        /// <summary>Indexes of the <c>input_N</c> columns.</summary>
        public int[] InputColumns { get; }

        /// <summary>Whether <paramref name="path"/> looks like a CSV export (by its first line).</summary>
        /// <param name="path">A file.</param>
        /// <returns>True when its header starts with <c>frame,episode,step</c>.</returns>
        public static bool Looks(string path)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            using var reader = new StreamReader(path);
            string? first = reader.ReadLine();
            return first is not null && first.StartsWith("frame,episode,step", StringComparison.Ordinal);
        }

        /// <summary>Reads an export.</summary>
        /// <param name="path">The file.</param>
        /// <returns>The export.</returns>
        /// <exception cref="ReportInputException">The file is missing, empty, not an export, or has a malformed row.</exception>
        public static CsvExport Load(string path)
        {
            if (!File.Exists(path))
            {
                throw new ReportInputException($"The export {path} does not exist.");
            }

            string[] lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            if (lines.Length == 0 || !lines[0].StartsWith("frame,episode,step", StringComparison.Ordinal))
            {
                throw new ReportInputException($"{path} is not a Rollback CSV export: its first line is not a header starting with frame,episode,step.");
            }

            string[] header = Split(lines[0], path, 1);
            if (Array.IndexOf(header, "checksum") < 0)
            {
                throw new ReportInputException($"{path} is not a Rollback CSV export: its header has no checksum column.");
            }

            var rows = new List<string[]>();
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                string[] fields = Split(lines[i], path, i + 1);
                if (fields.Length != header.Length)
                {
                    throw new ReportInputException($"{path}:{i + 1}: the row has {fields.Length} fields, the header {header.Length} (truncated or damaged file).");
                }

                if (!int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    throw new ReportInputException($"{path}:{i + 1}: the frame \"{fields[0]}\" is not a number.");
                }

                rows.Add(fields);
            }

            return new CsvExport(path, header, rows);
        }

        /// <summary>The frame of a row.</summary>
        /// <param name="row">A row index.</param>
        /// <returns>The frame.</returns>
        public int FrameOf(int row) => int.Parse(Rows[row][FrameColumn], NumberStyles.Integer, CultureInfo.InvariantCulture);

        /// <summary>The row of a frame, or -1.</summary>
        /// <param name="frame">A frame.</param>
        /// <returns>The row index, or -1 when the export has no row for it.</returns>
        public int RowOf(int frame) => _rowOfFrame.TryGetValue(frame, out int row) ? row : -1;

        /// <summary>A row's checksum, or null when the field is not 16 hex digits.</summary>
        /// <param name="row">A row index.</param>
        /// <returns>The checksum.</returns>
        public ulong? ChecksumOf(int row) =>
            ulong.TryParse(Rows[row][ChecksumColumn], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong value) ? value : null;

        /// <summary>A row's integer field, or null.</summary>
        /// <param name="row">A row index.</param>
        /// <param name="column">A column index (or -1).</param>
        /// <returns>The value.</returns>
        public int? IntOf(int row, int column) =>
            column >= 0 && int.TryParse(Rows[row][column], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

        private static string[] Split(string line, string path, int lineNumber)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (quoted)
            {
                throw new ReportInputException($"{path}:{lineNumber}: a quoted field is not closed (truncated or damaged file).");
            }

            fields.Add(field.ToString());
            return fields.ToArray();
        }
    }
}
