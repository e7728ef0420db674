using System;
using System.IO;
using Microsoft.CodeAnalysis.Testing;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>The .NET 8 reference assemblies from the local NuGet cache (no download needed).</summary>
    internal static class TestReferences
    {
        private const string RefPackVersion = "8.0.31";

        public static readonly ReferenceAssemblies Net80 = new ReferenceAssemblies(
            "net8.0",
            new PackageIdentity("Microsoft.NETCore.App.Ref", RefPackVersion),
            Path.Combine("ref", "net8.0"));

        public static string[] Net80Files
        {
            get
            {
                string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                string dir = Path.Combine(root, "microsoft.netcore.app.ref", RefPackVersion, "ref", "net8.0");
                return Directory.GetFiles(dir, "*.dll");
            }
        }
    }
}
