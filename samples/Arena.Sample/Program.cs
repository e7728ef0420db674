using System;
using System.Diagnostics;
using System.IO;
using Arena.Game;
using Rollback;

namespace Arena.Sample
{
    /// <summary>
    /// The sample's main job. Runs the arena game unattended: a sync test (forced rollback every frame,
    /// checksums compared) and a local two-player session that exports one CSV row per confirmed frame,
    /// then prints a verdict with statistics. Exit code 1 on any divergence.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            SampleOptions options;
            try
            {
                options = SampleOptions.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(SampleOptions.Usage);
                return 2;
            }

            if (options.Help)
            {
                Console.WriteLine(SampleOptions.Usage);
                return 0;
            }

            Directory.CreateDirectory(options.OutputDirectory);
            bool ok = RunSyncTest(options);
            ok &= RunLocal(options);
            Console.WriteLine(ok ? "VERDICT: OK" : "VERDICT: DIVERGED");
            return ok ? 0 : 1;
        }

        private static bool RunSyncTest(SampleOptions options)
        {
            Console.WriteLine($"sync test: {options.Frames} frames, check distance {options.CheckDistance}, seed {options.Seed}");
            var session = new SyncTestSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, playerCount: 2, checkDistance: options.CheckDistance);
            var clock = Stopwatch.StartNew();
            try
            {
                session.RunRandom(options.Frames, options.Seed, Bot.RandomPad);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.WriteLine($"  FAILED: {ex.Message}");
                return false;
            }

            double usPerFrame = clock.Elapsed.TotalMilliseconds * 1000 / options.Frames;
            Console.WriteLine($"  ok: {session.FramesChecked} frames checked, {session.Statistics.Rollbacks} rollbacks, {usPerFrame:F1} µs per frame");
            return true;
        }

        private static bool RunLocal(SampleOptions options)
        {
            string csvPath = Path.Combine(options.OutputDirectory, "local.csv");
            Console.WriteLine($"local session: {options.Frames} frames -> {csvPath}");
            var session = new LocalSession<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, playerCount: 2);
            int episodes = 0;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
            {
                if (f.StepNum == 1 && f.Frame > 0)
                {
                    episodes++;
                }
            };

            using (var writer = new StreamWriter(csvPath))
            using (var csv = new CsvExporter<ArenaState, Pad>(session.Engine, writer)
                .AddColumn("reward0", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.LastReward[0]))
                .AddColumn("reward1", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.LastReward[1]))
                .AddColumn("score0", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[0].Score))
                .AddColumn("score1", (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[1].Score)))
            {
                var bots = new[] { new Bot(options.Seed, 0), new Bot(options.Seed, 1) };
                var pads = new Pad[2];
                var clock = Stopwatch.StartNew();
                for (int frame = 0; frame < options.Frames; frame++)
                {
                    pads[0] = bots[0].Next();
                    pads[1] = bots[1].Next();
                    session.AdvanceFrame(pads);
                }

                double usPerFrame = clock.Elapsed.TotalMilliseconds * 1000 / options.Frames;
                csv.Flush();
                Console.WriteLine($"  ok: {csv.Rows} rows, {episodes} episodes completed, score {session.State.TotalScore[0]}:{session.State.TotalScore[1]}, {usPerFrame:F1} µs per frame");
                return csv.Rows == options.Frames;
            }
        }
    }
}
