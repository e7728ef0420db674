using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Rollback.PackageTests
{
    /// <summary>The entries and nuspec of a .nupkg or .snupkg, read into memory.</summary>
    internal sealed class PackageArchive
    {
        private readonly Dictionary<string, byte[]> _entries;

        public PackageArchive(string path)
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            _entries = zip.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith("/", StringComparison.Ordinal))
                .ToDictionary(e => e.FullName, e =>
                {
                    using Stream s = e.Open();
                    using var m = new MemoryStream();
                    s.CopyTo(m);
                    return m.ToArray();
                }, StringComparer.Ordinal);
            string nuspec = _entries.Keys.Single(k => k.EndsWith(".nuspec", StringComparison.Ordinal) && !k.Contains('/'));
            Nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(_entries[nuspec]).TrimStart('\uFEFF'));
        }

        public XDocument Nuspec { get; }

        public IReadOnlyCollection<string> Entries => _entries.Keys;

        public byte[] this[string entry] => _entries[entry];

        public XElement Metadata => Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        public string? Field(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        public XElement? Element(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);
    }
}
