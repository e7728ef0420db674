using System;
using System.Globalization;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>
    /// The environment variables of the exploration command family. Unset, they give the bounded CI sample.
    /// <list type="bullet">
    /// <item><c>ROLLBACK_EXPLORE_RUNS</c>: scenario runs (CI: 500).</item>
    /// <item><c>ROLLBACK_EXPLORE_SEED</c>: base seed (CI: 20261203).</item>
    /// <item><c>ROLLBACK_EXPLORE_ALL=1</c>: include the dimensions known to fail today.</item>
    /// <item><c>ROLLBACK_FUZZ_DATAGRAMS</c>: hostile datagrams injected into a live session (CI: 50,000).</item>
    /// <item><c>ROLLBACK_EXPLORE_REPORT</c>: a file to append the summaries to.</item>
    /// </list>
    /// </summary>
    public static class ExploreSettings
    {
        /// <summary>The CI base seed.</summary>
        public const ulong CiSeed = 20261203;

        /// <summary>Runs of the scenario sample.</summary>
        public static int Runs => Int("ROLLBACK_EXPLORE_RUNS", 500);

        /// <summary>The base seed.</summary>
        public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("ROLLBACK_EXPLORE_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : CiSeed;

        /// <summary>Whether the known-failing dimensions are included.</summary>
        public static bool All => Environment.GetEnvironmentVariable("ROLLBACK_EXPLORE_ALL") == "1";

        /// <summary>The space to explore.</summary>
        public static ExplorationSpace Space => All ? ExplorationSpace.All : ExplorationSpace.Passing;

        /// <summary>Hostile datagrams for the live-session fuzz.</summary>
        public static int FuzzDatagrams => Int("ROLLBACK_FUZZ_DATAGRAMS", 50_000);

        /// <summary>Appends a line to the report file, when one is named.</summary>
        /// <param name="text">The text.</param>
        public static void Report(string text)
        {
            string? path = Environment.GetEnvironmentVariable("ROLLBACK_EXPLORE_REPORT");
            if (!string.IsNullOrEmpty(path))
            {
                System.IO.File.AppendAllText(path, text + Environment.NewLine);
            }
        }

        private static int Int(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
    }
}
