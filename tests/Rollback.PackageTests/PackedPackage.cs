using System;
using System.IO;
using Xunit;

namespace Rollback.PackageTests
{
    /// <summary>
    /// Packs the <c>Rollback</c> package once for every test of the collection, with a version of its own, into the
    /// repository's local feed (the feed NuGet.config names); removes it, and its restored copy, afterwards.
    /// </summary>
    public sealed class PackedPackage : IDisposable
    {
        public PackedPackage()
        {
            Root = FindRepositoryRoot();
            Feed = Path.Combine(Root, "local-feed");
            Directory.CreateDirectory(Feed);
            Version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            var pack = DotnetCli.Run(null, Root, $"pack src/Rollback.Runtime/Rollback.Runtime.csproj -c Release -o \"{Feed}\" -p:Version={Version}");
            PackOutput = pack.Output;
            Packed = pack.Code == 0 && File.Exists(Nupkg);
        }

        public string Root { get; }

        public string Feed { get; }

        public string Version { get; }

        public bool Packed { get; }

        public string PackOutput { get; }

        public string Nupkg => Path.Combine(Feed, $"Rollback.{Version}.nupkg");

        public string Snupkg => Path.Combine(Feed, $"Rollback.{Version}.snupkg");

        public void AssertPacked() => Assert.True(Packed, "dotnet pack failed:\n" + PackOutput);

        public void Dispose()
        {
            TryDelete(Nupkg);
            TryDelete(Snupkg);
            string restored = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "rollback", Version);
            try
            {
                if (Directory.Exists(restored))
                {
                    Directory.Delete(restored, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }

        private static string FindRepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rollback.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Rollback.sln not found above " + AppContext.BaseDirectory);
        }
    }

    [CollectionDefinition(Name)]
    public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
    {
        public const string Name = "packed package";
    }
}
