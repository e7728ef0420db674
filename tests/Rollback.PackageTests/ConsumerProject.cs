using System;
using System.IO;

namespace Rollback.PackageTests
{
    /// <summary>
    /// A fresh project directory outside the repository that restores the packed package through its own NuGet.config
    /// (the local feed plus the machine's default source), untouched by the repository's Directory.Build.props and
    /// central package versions: a consumer as a user would write it.
    /// </summary>
    internal sealed class ConsumerProject : IDisposable
    {
        public ConsumerProject(PackedPackage package, string name)
        {
            Directory = Path.Combine(Path.GetTempPath(), "rollback-" + name + "-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(Path.Combine(Directory, "NuGet.config"),
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"rollback-local\" value=\"{package.Feed}\" />\n  </packageSources>\n</configuration>\n");
            File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(Directory, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(Directory, "global.json"), File.ReadAllText(Path.Combine(package.Root, "global.json")));
            Version = package.Version;
        }

        public string Directory { get; }

        public string Version { get; }

        /// <summary>Copies a template from <c>Consumers/</c>, replacing <c>$VERSION$</c> with the packed version.</summary>
        public void AddTemplate(string template, string fileName)
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumers", template));
            File.WriteAllText(Path.Combine(Directory, fileName), text.Replace("$VERSION$", Version, StringComparison.Ordinal));
        }

        public void AddFile(string fileName, string text) => File.WriteAllText(Path.Combine(Directory, fileName), text);

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
