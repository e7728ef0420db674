using System;
using System.IO;
using System.Security.Cryptography;
using Arena.Game;
using Rollback;

namespace Arena.Play
{
    /// <summary>
    /// The confirmed-frame export every process writes: one CSV row per confirmed frame with the frame, episode, step,
    /// every player's input, the state checksum, and per player the reward, score and position, then the bump count.
    /// Identical on every peer and spectator of a match.
    /// </summary>
    public static class ExportFormat
    {
        /// <summary>Attaches an exporter to <paramref name="engine"/> writing to <paramref name="writer"/>.</summary>
        public static CsvExporter<ArenaState, Pad> Attach(IRollbackSession<ArenaState, Pad> engine, TextWriter writer, int players)
        {
            var csv = new CsvExporter<ArenaState, Pad>(engine, writer);
            for (int i = 0; i < players; i++)
            {
                int p = i;
                csv.AddColumn("reward" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.LastReward[p]));
                csv.AddColumn("score" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Score));
                csv.AddColumn("x" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Position.X.ToString()));
                csv.AddColumn("y" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[p].Position.Y.ToString()));
            }

            csv.AddColumn("bumps", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Bumps));
            return csv;
        }

        /// <summary>Opens a writer for an export file (LF line ends on every platform).</summary>
        public static StreamWriter OpenWriter(string path) => new StreamWriter(path) { NewLine = "\n" };

        /// <summary>The SHA-256 of a file's bytes in lower-case hex.</summary>
        public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
    }
}
