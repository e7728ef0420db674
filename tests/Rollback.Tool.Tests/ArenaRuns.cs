using System;
using System.Collections.Generic;
using System.IO;
using Arena.Game;
using Rollback.Forensics;

namespace Rollback.Tool.Tests
{
    /// <summary>
    /// Files made by running the sample game through the runtime once per test run: a recording (InputRecorder)
    /// and an export (CsvExporter) of a normal run and of a run perturbed at <see cref="PerturbedFrame"/> with the
    /// same bot inputs, a recording with one checksum tampered, and desync bundles built from the two runs.
    /// </summary>
    public sealed class ArenaRuns : IDisposable
    {
        public const int Frames = 1200;
        public const int PerturbedFrame = LeakyArenaRules.Frame;
        public const int AnchorFrame = PerturbedFrame - 30;
        public const int TamperedFrame = 300;
        public const ulong Seed = 11;

        public ArenaRuns()
        {
            Folder = Path.Combine(Path.GetTempPath(), "rollback-tool-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            Normal = Run(new ArenaRules(), "normal");
            Perturbed = Run(new PerturbedArenaRules(PerturbedFrame), "perturbed");

            ReplayFile<Pad> replay = ReplayFile<Pad>.Load(Normal.ReplayPath);
            var inputs = new List<Pad>();
            var checksums = new ulong[replay.FrameCount];
            for (int f = 0; f < replay.FrameCount; f++)
            {
                inputs.AddRange(replay.Inputs(f).ToArray());
                checksums[f] = replay.Checksum(f) ^ (f == TamperedFrame ? 0x5555UL : 0UL);
            }

            TamperedReplayPath = Path.Combine(Folder, "tampered.replay");
            ReplayFile<Pad>.Create(2, 0, replay.InitialSnapshot, inputs.ToArray(), checksums).Save(TamperedReplayPath);

            BundlePath = Path.Combine(Folder, "bundle");
            UndecodedBundlePath = Path.Combine(Folder, "bundle-undecoded");
            Bundle(createState: ArenaRules.NewState).Save(BundlePath);
            Bundle(createState: null).Save(UndecodedBundlePath);
        }

        public string Folder { get; }

        public RunFiles Normal { get; }

        public RunFiles Perturbed { get; }

        public string TamperedReplayPath { get; }

        public string BundlePath { get; }

        public string UndecodedBundlePath { get; }

        public static string GameAssemblyPath => typeof(ArenaState).Assembly.Location;

        public static string LeakyAssemblyPath => typeof(LeakyArenaRules).Assembly.Location;

        public DesyncBundle Bundle(Func<ArenaState>? createState) =>
            DesyncBundle.Create(
                PerturbedFrame,
                Normal.StateAfterPerturbedFrame,
                Perturbed.StateAfterPerturbedFrame,
                Normal.ChecksumAfterPerturbedFrame,
                Perturbed.ChecksumAfterPerturbedFrame,
                AnchorFrame,
                Normal.AnchorSnapshot,
                2,
                Normal.Inputs.AsSpan(AnchorFrame * 2, (PerturbedFrame - AnchorFrame + 1) * 2),
                new[] { new KeyValuePair<string, string>("players", "2"), new KeyValuePair<string, string>("seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                createState,
                "peer 0",
                "peer 1");

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private RunFiles Run(ISimulation<ArenaState, Pad> rules, string name)
        {
            var session = new LocalSession<ArenaState, Pad>(rules, ArenaRules.NewState, 2);
            var files = new RunFiles
            {
                ReplayPath = Path.Combine(Folder, name + ".replay"),
                CsvPath = Path.Combine(Folder, name + ".csv"),
            };
            using var recorder = new InputRecorder<ArenaState, Pad>(session);
            using (var writer = new StreamWriter(files.CsvPath) { NewLine = "\n" })
            using (var csv = new CsvExporter<ArenaState, Pad>(session, writer, (in Pad p, CsvField c) => c.Write(p.ToString()), leaveOpen: true))
            {
                for (int p = 0; p < 2; p++)
                {
                    int player = p;
                    csv.AddColumn("score" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[player].Score));
                    csv.AddColumn("x" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[player].Position.X.ToString()));
                    csv.AddColumn("y" + p, (in ConfirmedFrame<ArenaState, Pad> f, CsvField c) => c.Write(f.State.Players[player].Position.Y.ToString()));
                }

                session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) =>
                {
                    if (f.Frame == AnchorFrame - 1)
                    {
                        files.AnchorSnapshot = f.Snapshot.ToArray();
                    }

                    if (f.Frame == PerturbedFrame)
                    {
                        files.StateAfterPerturbedFrame = f.Snapshot.ToArray();
                        files.ChecksumAfterPerturbedFrame = f.Checksum;
                        files.Player1XAfterPerturbedFrame = f.State.Players[1].Position.X;
                    }
                };

                var bots = new[] { new Bot(Seed, 0), new Bot(Seed, 1) };
                var inputs = new Pad[2];
                files.Inputs = new Pad[Frames * 2];
                for (int frame = 0; frame < Frames; frame++)
                {
                    inputs[0] = bots[0].Next();
                    inputs[1] = bots[1].Next();
                    inputs.CopyTo(files.Inputs, frame * 2);
                    session.AdvanceFrame(inputs);
                }

                csv.Flush();
            }

            recorder.Save(files.ReplayPath);
            return files;
        }

        public sealed class RunFiles
        {
            public string ReplayPath { get; set; } = string.Empty;

            public string CsvPath { get; set; } = string.Empty;

            public Pad[] Inputs { get; set; } = Array.Empty<Pad>();

            public byte[] AnchorSnapshot { get; set; } = Array.Empty<byte>();

            public byte[] StateAfterPerturbedFrame { get; set; } = Array.Empty<byte>();

            public ulong ChecksumAfterPerturbedFrame { get; set; }

            public Fixed64 Player1XAfterPerturbedFrame { get; set; }
        }
    }
}
