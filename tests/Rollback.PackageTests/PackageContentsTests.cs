using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Rollback.PackageTests
{
    /// <summary>What <c>dotnet pack</c> produces: nuspec metadata, the lib and analyzers folders, dependency groups, and a symbols package whose PDBs match the DLLs and carry SourceLink.</summary>
    [Collection(PackedPackageCollection.Name)]
    public class PackageContentsTests
    {
        private static readonly Guid SourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        private readonly PackedPackage _package;

        public PackageContentsTests(PackedPackage package)
        {
            _package = package;
            _package.AssertPacked();
        }

        [Fact]
        public void TheNuspecCarriesIdentityLicenseIconReadmeRepositoryAndReleaseNotes()
        {
            var nupkg = new PackageArchive(_package.Nupkg);
            Assert.Equal("Rollback", nupkg.Field("id"));
            Assert.Equal(_package.Version, nupkg.Field("version"));
            Assert.False(string.IsNullOrWhiteSpace(nupkg.Field("authors")));
            Assert.False(string.IsNullOrWhiteSpace(nupkg.Field("description")));
            Assert.False(string.IsNullOrWhiteSpace(nupkg.Field("copyright")));
            Assert.Contains("rollback", nupkg.Field("tags")!.Split(' '));
            Assert.Contains("netcode", nupkg.Field("tags")!.Split(' '));

            XElement license = nupkg.Element("license")!;
            Assert.Equal("expression", license.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);

            string icon = nupkg.Field("icon")!;
            Assert.Equal("icon.png", icon);
            byte[] png = nupkg[icon];
            Assert.True(png.Length > 100 && png[0] == 0x89 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "the icon is a PNG");

            string readme = nupkg.Field("readme")!;
            Assert.Contains("# Rollback", Encoding.UTF8.GetString(nupkg[readme]));

            string projectUrl = nupkg.Field("projectUrl")!;
            Assert.StartsWith("https://", projectUrl);
            XElement repository = nupkg.Element("repository")!;
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.Equal(projectUrl, repository.Attribute("url")?.Value);
            string? commit = repository.Attribute("commit")?.Value;
            Assert.True(commit is null || Regex.IsMatch(commit, "^[0-9a-f]{40}$"), "repository commit: " + commit);
            Assert.Equal(GitHead(), commit);

            string notes = nupkg.Field("releaseNotes")!;
            string expected = File.ReadAllText(Path.Combine(_package.Root, "docs", "release-notes.md")).Replace("\r\n", "\n").Trim();
            Assert.Equal(expected, notes.Replace("\r\n", "\n").Trim());
        }

        [Fact]
        public void TheRuntimeShipsForNetStandard21AndNet8WithTheGeneratorAndAnalyzersUnderAnalyzers()
        {
            var nupkg = new PackageArchive(_package.Nupkg);
            string[] libs = nupkg.Entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal).ToArray();
            Assert.Equal(
                new[] { "lib/net8.0/Rollback.Runtime.dll", "lib/net8.0/Rollback.Runtime.xml", "lib/netstandard2.1/Rollback.Runtime.dll", "lib/netstandard2.1/Rollback.Runtime.xml" },
                libs);
            string[] analyzers = nupkg.Entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal).ToArray();
            Assert.Equal(
                new[] { "analyzers/dotnet/cs/Rollback.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Rollback.Analyzers.dll", "analyzers/dotnet/cs/Rollback.Generators.dll" },
                analyzers);

            // Unity loads analyzers with Roslyn 4.3: the generator and analyzers must not need a newer compiler.
            foreach (string dll in new[] { "Rollback.Generators.dll", "Rollback.Analyzers.dll" })
            {
                Version roslyn = ReferencedVersion(nupkg["analyzers/dotnet/cs/" + dll], "Microsoft.CodeAnalysis");
                Assert.True(roslyn <= new Version(4, 3, 0, 0), $"{dll} references Microsoft.CodeAnalysis {roslyn}");
                Assert.Equal(".NETStandard,Version=v2.0", TargetFramework(nupkg["analyzers/dotnet/cs/" + dll]));
            }

            Assert.Equal(".NETStandard,Version=v2.1", TargetFramework(nupkg["lib/netstandard2.1/Rollback.Runtime.dll"]));
            Assert.Equal(".NETCoreApp,Version=v8.0", TargetFramework(nupkg["lib/net8.0/Rollback.Runtime.dll"]));
        }

        [Fact]
        public void TheNet8BuildDeclaresItselfTrimmableAndTheNetStandardBuildDoesNot()
        {
            var nupkg = new PackageArchive(_package.Nupkg);
            Assert.Contains(("IsTrimmable", "True"), AssemblyMetadata(nupkg["lib/net8.0/Rollback.Runtime.dll"]));
            Assert.DoesNotContain(AssemblyMetadata(nupkg["lib/netstandard2.1/Rollback.Runtime.dll"]), m => m.Key == "IsTrimmable");
        }

        [Fact]
        public void DependencyGroupsNameOnlySystemIOHashingWithoutItsBuildAssets()
        {
            var nupkg = new PackageArchive(_package.Nupkg);
            XElement dependencies = nupkg.Element("dependencies")!;
            var groups = dependencies.Elements().Where(e => e.Name.LocalName == "group")
                .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements().ToArray());
            Assert.Equal(new[] { ".NETStandard2.1", "net8.0" }, groups.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (KeyValuePair<string, XElement[]> group in groups)
            {
                Assert.Equal(new[] { "System.IO.Hashing" }, group.Value.Select(d => d.Attribute("id")!.Value).OrderBy(i => i, StringComparer.Ordinal));
                Assert.All(group.Value, d => Assert.Equal("Build,Analyzers", d.Attribute("exclude")?.Value));
            }
        }

        [Fact]
        public void TheSymbolsPackageHoldsPdbsMatchingTheDllsWithSourceLinkToTheBuiltCommit()
        {
            Assert.True(File.Exists(_package.Snupkg), "no .snupkg next to the .nupkg");
            var nupkg = new PackageArchive(_package.Nupkg);
            var snupkg = new PackageArchive(_package.Snupkg);
            string repository = nupkg.Element("repository")!.Attribute("url")!.Value;
            string? commit = nupkg.Element("repository")!.Attribute("commit")?.Value;
            foreach (string tfm in new[] { "net8.0", "netstandard2.1" })
            {
                byte[] dll = nupkg[$"lib/{tfm}/Rollback.Runtime.dll"];
                byte[] pdb = snupkg[$"lib/{tfm}/Rollback.Runtime.pdb"];
                using var pe = new PEReader(new MemoryStream(dll));
                DebugDirectoryEntry codeView = pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.CodeView);
                CodeViewDebugDirectoryData data = pe.ReadCodeViewDebugDirectoryData(codeView);
                using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
                MetadataReader reader = provider.GetMetadataReader();
                var id = new BlobContentId(reader.DebugMetadataHeader!.Id);
                Assert.Equal(data.Guid, id.Guid);

                string sourceLink = SourceLinkJson(reader);
                string prefix = repository.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal) + "/";
                Assert.Contains(prefix, sourceLink);
                if (commit is not null)
                {
                    Assert.Contains(prefix + commit + "/*", sourceLink);
                }

                Assert.True(reader.Documents.Count > 20, $"{tfm}: {reader.Documents.Count} documents in the PDB");
            }
        }

        private static string SourceLinkJson(MetadataReader reader)
        {
            foreach (CustomDebugInformationHandle handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
            {
                CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
                if (reader.GetGuid(info.Kind) == SourceLinkKind)
                {
                    return Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
                }
            }

            throw new Xunit.Sdk.XunitException("the PDB has no SourceLink");
        }

        private static Version ReferencedVersion(byte[] dll, string assembly)
        {
            using var pe = new PEReader(new MemoryStream(dll));
            MetadataReader md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(md.GetAssemblyReference).Single(r => md.GetString(r.Name) == assembly).Version;
        }

        private static string TargetFramework(byte[] dll) =>
            AssemblyAttributes(dll).Single(a => a.Type == "TargetFrameworkAttribute").Values[0];

        private static IEnumerable<(string Key, string Value)> AssemblyMetadata(byte[] dll) =>
            AssemblyAttributes(dll).Where(a => a.Type == "AssemblyMetadataAttribute").Select(a => (a.Values[0], a.Values[1]));

        /// <summary>Assembly-level attributes whose constructor arguments are all strings.</summary>
        private static List<(string Type, string[] Values)> AssemblyAttributes(byte[] dll)
        {
            using var pe = new PEReader(new MemoryStream(dll));
            MetadataReader md = pe.GetMetadataReader();
            var result = new List<(string, string[])>();
            foreach (CustomAttributeHandle handle in md.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = md.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                MemberReference ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (ctor.Parent.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                string type = md.GetString(md.GetTypeReference((TypeReferenceHandle)ctor.Parent).Name);
                int strings = type == "TargetFrameworkAttribute" ? 1 : type == "AssemblyMetadataAttribute" ? 2 : 0;
                if (strings == 0)
                {
                    continue;
                }

                BlobReader blob = md.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                var values = new List<string>();
                for (int i = 0; i < strings; i++)
                {
                    values.Add(blob.ReadSerializedString() ?? string.Empty);
                }

                result.Add((type, values.ToArray()));
            }

            return result;
        }

        private string? GitHead()
        {
            var git = DotnetCli.Exec(null, "git", _package.Root, "rev-parse HEAD", 30_000);
            return git.Code == 0 ? git.Output.Trim() : null;
        }
    }
}
