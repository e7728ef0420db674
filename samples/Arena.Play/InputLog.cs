using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Arena.Game;

namespace Arena.Play
{
    /// <summary>
    /// The pads this process's seat actually committed, by the frame they apply to (the frame simulated plus the input
    /// delay). Written next to the export so that a test can rebuild the match from every seat's log and step one oracle
    /// replica with the true inputs.
    /// </summary>
    public sealed class InputLog
    {
        private readonly List<(int Frame, Pad Pad)> _entries = new List<(int, Pad)>();

        /// <summary>Records that <paramref name="pad"/> applies to <paramref name="frame"/>.</summary>
        public void Record(int frame, Pad pad) => _entries.Add((frame, pad));

        /// <summary>Writes <c>frame,x,y,dash</c> lines.</summary>
        public void Save(string path)
        {
            var text = new StringBuilder("frame,x,y,dash\n");
            foreach ((int frame, Pad pad) in _entries)
            {
                text.Append(CultureInfo.InvariantCulture, $"{frame},{pad.X},{pad.Y},{(pad.Dash ? 1 : 0)}\n");
            }

            File.WriteAllText(path, text.ToString());
        }

        /// <summary>Reads a log written by <see cref="Save"/> into a frame-indexed list (missing frames are the default pad).</summary>
        public static List<Pad> Load(string path)
        {
            var pads = new List<Pad>();
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("frame", System.StringComparison.Ordinal) || line.Length == 0)
                {
                    continue;
                }

                string[] parts = line.Split(',');
                int frame = int.Parse(parts[0], CultureInfo.InvariantCulture);
                while (pads.Count <= frame)
                {
                    pads.Add(default);
                }

                pads[frame] = new Pad(sbyte.Parse(parts[1], CultureInfo.InvariantCulture), sbyte.Parse(parts[2], CultureInfo.InvariantCulture), parts[3] == "1");
            }

            return pads;
        }
    }
}
