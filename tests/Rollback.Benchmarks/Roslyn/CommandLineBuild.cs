using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Rollback.Benchmarks.Roslyn
{
    /// <summary>
    /// A real build of a generated simulation project: the .NET SDK's own compiler (<c>csc.dll</c> of the newest SDK next
    /// to the running <c>dotnet</c>), with what every SDK build of a net10.0 project passes it — the reference pack, the
    /// SDK's code-analysis rules with their default configuration, and the analyzers and generators of the reference
    /// pack — plus the Rollback generator, with or without the Rollback analyzers.
    /// </summary>
    internal sealed class CommandLineBuild
    {
        private readonly string _dotnet;
        private readonly string _csc;
        private readonly string _responseWithout;
        private readonly string _responseWith;

        private CommandLineBuild(string dotnet, string csc, string responseWithout, string responseWith)
        {
            _dotnet = dotnet;
            _csc = csc;
            _responseWithout = responseWithout;
            _responseWith = responseWith;
        }

        /// <summary>What the build passes the compiler (for the benchmark's log).</summary>
        public string Description { get; private set; } = "";

        /// <summary>Writes the sources to a fresh folder and prepares both command lines; throws with the reason when the SDK's pieces are missing.</summary>
        public static CommandLineBuild Create(IReadOnlyList<string> sources, string rollbackRuntime, string rollbackGenerators, string rollbackAnalyzers)
        {
            string dotnet = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the dotnet host is unknown");
            string root = Path.GetDirectoryName(dotnet)!;
            string sdk = Newest(Path.Combine(root, "sdk"), d => File.Exists(Path.Combine(d, "Roslyn", "bincore", "csc.dll")));
            string csc = Path.Combine(sdk, "Roslyn", "bincore", "csc.dll");
            string sdkAnalyzers = Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers");
            string refPack = Newest(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref"), d => Directory.Exists(Path.Combine(d, "ref", "net10.0")));
            // A net10.0 project's default analysis level is 10 (the SDK passes analysislevel_10_default.globalconfig).
            string globalConfig = Path.Combine(sdkAnalyzers, "build", "config", "analysislevel_10_default.globalconfig");
            if (!File.Exists(globalConfig))
            {
                throw new InvalidOperationException("the SDK has no " + globalConfig);
            }

            string dir = Path.Combine(Path.GetTempPath(), "rollback-build-bench-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var common = new StringBuilder();
            common.AppendLine("/noconfig /nostdlib+ /target:library /optimize+ /deterministic+ /nullable:enable /langversion:latest /unsafe+ /nowarn:1701,1702 /utf8output");
            common.AppendLine("/out:\"" + Path.Combine(dir, "Simulation.dll") + "\"");
            foreach (string reference in Directory.GetFiles(Path.Combine(refPack, "ref", "net10.0"), "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                common.AppendLine("/reference:\"" + reference + "\"");
            }

            common.AppendLine("/reference:\"" + rollbackRuntime + "\"");
            common.AppendLine("/analyzerconfig:\"" + globalConfig + "\"");
            var analyzers = new List<string>
            {
                Path.Combine(sdkAnalyzers, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"),
                Path.Combine(sdkAnalyzers, "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
            };
            analyzers.AddRange(Directory.GetFiles(Path.Combine(refPack, "analyzers", "dotnet", "cs"), "*.dll").OrderBy(f => f, StringComparer.Ordinal));
            analyzers.Add(rollbackGenerators);
            foreach (string analyzer in analyzers)
            {
                common.AppendLine("/analyzer:\"" + analyzer + "\"");
            }

            for (int i = 0; i < sources.Count; i++)
            {
                string path = Path.Combine(dir, "Module" + i.ToString(CultureInfo.InvariantCulture) + ".cs");
                File.WriteAllText(path, sources[i]);
                common.AppendLine("\"" + path + "\"");
            }

            string without = Path.Combine(dir, "without.rsp");
            string with = Path.Combine(dir, "with.rsp");
            File.WriteAllText(without, common.ToString());
            File.WriteAllText(with, common + "/analyzer:\"" + rollbackAnalyzers + "\"" + Environment.NewLine);
            return new CommandLineBuild(dotnet, csc, without, with)
            {
                Description = $"csc {Path.GetFileName(sdk)} (reference pack {Path.GetFileName(refPack)}, {Path.GetFileName(globalConfig)}, {analyzers.Count} analyzer assemblies + Rollback.Analyzers), {sources.Count} files in {dir}",
            };
        }

        /// <summary>Compiles once; returns the warnings' count by id prefix "RB" (the Rollback diagnostics), throws when the build fails.</summary>
        public int Run(bool withRollbackAnalyzers)
        {
            var start = new ProcessStartInfo(_dotnet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Remove("DOTNET_TieredCompilation"); // the compiler runs as in a build, not as the benchmark process does
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(_csc);
            start.ArgumentList.Add("@" + (withRollbackAnalyzers ? _responseWith : _responseWithout));
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("csc did not start");
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("the build failed: " + output.Substring(0, Math.Min(output.Length, 2000)));
            }

            return output.Split('\n').Count(l => l.Contains(": warning RB", StringComparison.Ordinal));
        }

        private static string Newest(string parent, Func<string, bool> usable) =>
            Directory.GetDirectories(parent).Where(usable).OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version(0, 0)).LastOrDefault()
            ?? throw new InvalidOperationException("nothing usable in " + parent);
    }
}
