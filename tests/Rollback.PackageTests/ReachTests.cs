using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.PackageTests
{
    /// <summary>
    /// Consumers of the packed package shaped like the engines that would use it: a Unity-shaped netstandard2.1 library
    /// compiled as C# 9, a net8.0 game (Godot 4 / MonoGame / Stride), and a net10.0 console app with LangVersion 9.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class ReachTests
    {
        /// <summary>
        /// Every package the runtime's netstandard2.1 build brings into a project, besides Rollback itself (README, Reach).
        /// Unity 2021.2+ already has System.Buffers, System.Memory, System.Numerics.Vectors and
        /// System.Runtime.CompilerServices.Unsafe in its netstandard2.1 profile; System.IO.Hashing is a plain netstandard
        /// DLL. A change to this list changes what Unity users must add.
        /// </summary>
        public static readonly string[] NetStandardClosure =
        {
            "System.Buffers", "System.IO.Hashing", "System.Memory", "System.Numerics.Vectors", "System.Runtime.CompilerServices.Unsafe",
        };

        private readonly PackedPackage _package;
        private readonly ITestOutputHelper _output;

        public ReachTests(PackedPackage package, ITestOutputHelper output)
        {
            _package = package;
            _output = output;
            _package.AssertPacked();
        }

        [Fact]
        public void AUnityShapedNetStandard21LibraryWithCSharp9CompilesTheGeneratedCode()
        {
            using var project = new ConsumerProject(_package, "unity");
            project.AddTemplate("Unity/UnityShaped.csproj.template", "UnityShaped.csproj");
            project.AddTemplate("Unity/Game.cs.template", "Game.cs");
            var build = DotnetCli.Run(_output, project.Directory, "build -c Release");
            Assert.True(build.Code == 0, build.Output);
            Assert.Contains("0 Warning(s)", build.Output);

            // The build used the netstandard2.1 runtime, and these are all the packages it pulled in.
            (string[] packages, string[] rollbackLib) = Restored(project.Directory, "netstandard2.1");
            Assert.Equal(new[] { "lib/netstandard2.1/Rollback.Runtime.dll" }, rollbackLib);
            _output.WriteLine("netstandard2.1 closure: " + string.Join(", ", packages));
            Assert.Equal(NetStandardClosure.Append("NETStandard.Library").OrderBy(p => p, StringComparer.Ordinal),
                packages.Where(p => p != "Rollback").Append("NETStandard.Library").Distinct().OrderBy(p => p, StringComparer.Ordinal));
        }

        [Fact]
        public void ANet8GameBuildsAgainstTheNet8RuntimeAndRunsASyncTest()
        {
            using var project = new ConsumerProject(_package, "net8");
            project.AddTemplate("Net8/Net8Consumer.csproj.template", "Net8Consumer.csproj");
            project.AddTemplate("Net8/Program.cs.template", "Program.cs");
            var run = DotnetCli.Run(_output, project.Directory, "run -c Release");
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("NET8 CONSUMER OK frame 400 episode 3", run.Output);
            Assert.Contains("Ships[1].Ammo", run.Output);
            (_, string[] rollbackLib) = Restored(project.Directory, "net8.0");
            Assert.Equal(new[] { "lib/net8.0/Rollback.Runtime.dll" }, rollbackLib);
        }

        [Fact]
        public void ANet10ConsoleWithCSharp9RestoresThePackageAndRunsASaveRestore()
        {
            using var project = new ConsumerProject(_package, "net10");
            project.AddTemplate("Net10/Consumer.csproj.template", "Consumer.csproj");
            project.AddTemplate("Net10/Program.cs.template", "Program.cs");
            var run = DotnetCli.Run(_output, project.Directory, "run -c Release");
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("ROUNDTRIP OK", run.Output);
        }

        /// <summary>The packages restored for one target, and the compile-time assets taken from the Rollback package.</summary>
        private static (string[] Packages, string[] RollbackLib) Restored(string projectDirectory, string target)
        {
            using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(projectDirectory, "obj", "project.assets.json")));
            JsonElement targets = assets.RootElement.GetProperty("targets");
            JsonElement libraries = targets.EnumerateObject().Single(t => t.Name == target || t.Name.StartsWith(target + "/", StringComparison.Ordinal)).Value;
            var packages = new List<string>();
            string[] rollbackLib = Array.Empty<string>();
            foreach (JsonProperty library in libraries.EnumerateObject())
            {
                string id = library.Name.Substring(0, library.Name.IndexOf('/'));
                packages.Add(id);
                if (id == "Rollback")
                {
                    rollbackLib = library.Value.GetProperty("compile").EnumerateObject().Select(p => p.Name).ToArray();
                }
            }

            return (packages.OrderBy(p => p, StringComparer.Ordinal).ToArray(), rollbackLib);
        }
    }
}
