using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.PackageTests
{
    /// <summary>
    /// The main-job sample (<c>samples/Arena.Sample</c> and <c>samples/Arena.Game</c>) as a user would ship it: its sources
    /// in a fresh project that references the packed package, published with NativeAOT. The native binary must publish
    /// without a trim or AOT warning and write confirmed-frame exports byte-identical to the JIT build's for the same
    /// seed. One publish (the slow part, minutes); binary size and start-up time are reported next to the JIT build's.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class NativeAotTests
    {
        private readonly PackedPackage _package;
        private readonly ITestOutputHelper _output;

        public NativeAotTests(PackedPackage package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
            _package.AssertPacked();
        }

        [Fact]
        public void TheNativeAotSampleWritesExportsByteIdenticalToTheJitBuild()
        {
            var total = Stopwatch.StartNew();
            using var project = new ConsumerProject(_package, "aot");
            string samples = Path.Combine(_package.Root, "samples") + Path.DirectorySeparatorChar;
            project.AddTemplate("Aot/ArenaAot.csproj.template", "ArenaAot.csproj");
            File.WriteAllText(Path.Combine(project.Directory, "ArenaAot.csproj"),
                File.ReadAllText(Path.Combine(project.Directory, "ArenaAot.csproj")).Replace("$SAMPLES$", samples, StringComparison.Ordinal));
            string rid = RuntimeInformation.RuntimeIdentifier;
            string jitDir = Path.Combine(project.Directory, "jit");
            string aotDir = Path.Combine(project.Directory, "aot");

            var build = DotnetCli.Run(_output, project.Directory, $"build -c Release -o \"{jitDir}\"");
            Assert.True(build.Code == 0, build.Output);
            var publish = DotnetCli.Run(_output, project.Directory, $"publish -c Release -r {rid} -o \"{aotDir}\"");
            Assert.True(publish.Code == 0, publish.Output);
            Assert.DoesNotContain("warning IL", publish.Output, StringComparison.Ordinal);
            string native = Path.Combine(aotDir, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "ArenaAot.exe" : "ArenaAot");
            Assert.True(File.Exists(native), "no native binary at " + native);
            Assert.False(File.Exists(Path.Combine(aotDir, "Rollback.Runtime.dll")), "the publish is not native: the runtime DLL was copied beside it");

            // The same run, same seed, in both builds: a sync test, then two peers over the simulated network with loss.
            string args = "--seed 11 --episodes 2 --loss 20 --latency 80 --quiet --out ";
            var jitRun = DotnetCli.Run(_output, project.Directory, $"\"{Path.Combine(jitDir, "ArenaAot.dll")}\" {args}\"{Path.Combine(project.Directory, "out-jit")}\"");
            Assert.True(jitRun.Code == 0, jitRun.Output);
            var aotRun = DotnetCli.Exec(_output, native, project.Directory, args + $"\"{Path.Combine(project.Directory, "out-aot")}\"");
            Assert.True(aotRun.Code == 0, aotRun.Output);

            string[] jitFiles = Exports(Path.Combine(project.Directory, "out-jit"));
            string[] aotFiles = Exports(Path.Combine(project.Directory, "out-aot"));
            Assert.True(jitFiles.Length >= 2, "the JIT run exported " + jitFiles.Length + " files");
            Assert.Equal(jitFiles.Select(Path.GetFileName), aotFiles.Select(Path.GetFileName));
            for (int i = 0; i < jitFiles.Length; i++)
            {
                byte[] jit = File.ReadAllBytes(jitFiles[i]);
                byte[] aot = File.ReadAllBytes(aotFiles[i]);
                Assert.True(jit.Length > 1000, jitFiles[i] + " is nearly empty");
                Assert.True(jit.AsSpan().SequenceEqual(aot), Path.GetFileName(jitFiles[i]) + " differs between the JIT and NativeAOT builds");
            }

            // Size and start-up (median of five `--help` runs: process start to exit).
            long nativeSize = new FileInfo(native).Length;
            long jitSize = Directory.GetFiles(jitDir, "*.dll").Sum(f => new FileInfo(f).Length);
            double jitStart = Median(() => DotnetCli.Run(null, project.Directory, $"\"{Path.Combine(jitDir, "ArenaAot.dll")}\" --help").Elapsed);
            double aotStart = Median(() => DotnetCli.Exec(null, native, project.Directory, "--help").Elapsed);
            _output.WriteLine($"AOT REPORT: native binary {nativeSize / 1024.0 / 1024.0:F2} MiB (JIT build: {jitSize / 1024.0:F0} KiB of DLLs plus the shared runtime); "
                + $"start-up to exit of --help: NativeAOT {aotStart:F0} ms, JIT {jitStart:F0} ms; sample run NativeAOT {aotRun.Elapsed.TotalSeconds:F2} s, JIT {jitRun.Elapsed.TotalSeconds:F2} s; "
                + $"publish {publish.Elapsed.TotalSeconds:F0} s; whole test {total.Elapsed.TotalSeconds:F0} s");
        }

        private static string[] Exports(string directory) =>
            Directory.GetFiles(directory, "*.csv").OrderBy(f => f, StringComparer.Ordinal).ToArray();

        private static double Median(Func<TimeSpan> run)
        {
            var times = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                times.Add(run().TotalMilliseconds);
            }

            times.Sort();
            return times[2];
        }
    }
}
