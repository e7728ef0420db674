using System;
using System.IO;
using Rollback.Forensics;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>Truncated, foreign and other-version files, and wrong assemblies: one clear line, exit code 2, never a stack trace.</summary>
    public class BadInputTests : IClassFixture<ArenaRuns>
    {
        private readonly ArenaRuns _runs;

        public BadInputTests(ArenaRuns runs)
        {
            _runs = runs;
        }

        private string Write(string name, byte[] bytes)
        {
            string path = Path.Combine(_runs.Folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private string CopyBundle(string name)
        {
            string target = Path.Combine(_runs.Folder, name);
            Directory.CreateDirectory(target);
            foreach (string file in Directory.GetFiles(_runs.BundlePath))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }

            return target;
        }

        [Fact]
        public void ATruncatedReplay()
        {
            byte[] bytes = File.ReadAllBytes(_runs.Normal.ReplayPath);
            string path = Write("truncated.replay", bytes.AsSpan(0, bytes.Length / 2).ToArray());
            ToolProcess.AssertOneLineError(ToolProcess.Run("verify", path, "--assembly", ArenaRuns.GameAssemblyPath), "truncated");
        }

        [Fact]
        public void AReplayOfAnotherFormatVersion()
        {
            byte[] bytes = File.ReadAllBytes(_runs.Normal.ReplayPath);
            bytes[8] = 9;
            string path = Write("future.replay", bytes);
            ToolProcess.AssertOneLineError(ToolProcess.Run("verify", path, "--assembly", ArenaRuns.GameAssemblyPath), "format version 9");
        }

        [Fact]
        public void AForeignFile()
        {
            var random = new Random(5);
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            string path = Write("noise.bin", bytes);
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", path, path), "is not a Rollback replay, CSV export or desync bundle");
        }

        [Fact]
        public void AnAssemblyWithoutTheStateType()
        {
            string other = typeof(Rollback.Reports.HtmlReport).Assembly.Location;
            ToolProcess.AssertOneLineError(ToolProcess.Run("verify", _runs.Normal.ReplayPath, "--assembly", other), "simulation");
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", _runs.UndecodedBundlePath, "--assembly", other), "No state type in Rollback.Reports.dll has schema 0x");
        }

        [Fact]
        public void AMissingAssemblyOrFile()
        {
            ToolProcess.AssertOneLineError(ToolProcess.Run("verify", _runs.Normal.ReplayPath, "--assembly", Path.Combine(_runs.Folder, "Nope.dll")), "does not exist");
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", Path.Combine(_runs.Folder, "nope.csv"), _runs.Normal.CsvPath), "does not exist");
            ToolProcess.AssertOneLineError(ToolProcess.Run("verify", _runs.Normal.ReplayPath), "--assembly");
        }

        [Fact]
        public void ATruncatedExport()
        {
            string text = File.ReadAllText(_runs.Normal.CsvPath);
            string path = Path.Combine(_runs.Folder, "cut.csv");
            File.WriteAllText(path, text.Substring(0, text.Length - 20));
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", path, _runs.Normal.CsvPath), "truncated or damaged");
        }

        [Fact]
        public void ABundleWithATruncatedSnapshot()
        {
            string folder = CopyBundle("bundle-cut");
            string remote = Path.Combine(folder, "remote.snapshot");
            byte[] bytes = File.ReadAllBytes(remote);
            File.WriteAllBytes(remote, bytes.AsSpan(0, bytes.Length - 7).ToArray());
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", folder), "remote.snapshot is truncated");
        }

        [Fact]
        public void ABundleOfAnotherVersionOrAForeignManifest()
        {
            string folder = CopyBundle("bundle-future");
            string manifest = Path.Combine(folder, DesyncBundle.ManifestFileName);
            byte[] bytes = File.ReadAllBytes(manifest);
            bytes[8] = 7;
            File.WriteAllBytes(manifest, bytes);
            ToolProcess.AssertOneLineError(ToolProcess.Run("report", folder, "-o", Path.Combine(_runs.Folder, "x.html")), "format version 7");

            string foreign = CopyBundle("bundle-foreign");
            File.WriteAllText(Path.Combine(foreign, DesyncBundle.ManifestFileName), "hello, not a bundle");
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", foreign), "Not a desync bundle manifest: bundle.rbdesync does not start with the magic \"RBDESYNC\"");
        }

        [Fact]
        public void UnknownCommandsAndOptions()
        {
            ToolProcess.AssertOneLineError(ToolProcess.Run("frobnicate"), "unknown command frobnicate");
            ToolProcess.AssertOneLineError(ToolProcess.Run("diff", "--colour"), "unknown option --colour");
            ToolProcess.AssertOneLineError(ToolProcess.Run("report", _runs.BundlePath), "needs an output file");
        }
    }
}
