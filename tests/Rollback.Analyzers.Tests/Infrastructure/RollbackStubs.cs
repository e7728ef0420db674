using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// A compiled-in-memory stand-in for the Rollback runtime, with the public shapes the analyzers and
    /// code fixes rely on. Test sources reference it as metadata, as users reference the package.
    /// </summary>
    internal static class RollbackStubs
    {
        public const string Source = @"
using System;
namespace Rollback
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class RollbackStateAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class DeterministicAttribute : Attribute { }

    public interface IRollbackState
    {
        int Frame { get; }
        int StepNum { get; }
        int Episode { get; }
    }

    public interface ISimulation<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        void Step(TState state, ReadOnlySpan<TInput> inputs);
        bool IsEpisodeOver(TState state);
        void ResetEpisode(TState state);
    }

    public readonly struct Fixed64 : IEquatable<Fixed64>
    {
        public readonly long RawValue;
        private Fixed64(long raw) { RawValue = raw; }
        public static Fixed64 Zero => default;
        public static Fixed64 One => new Fixed64(1L << 32);
        public static Fixed64 FromInt(int value) => new Fixed64((long)value << 32);
        public static Fixed64 FromRatio(long numerator, long denominator) => new Fixed64((numerator << 32) / denominator);
        public static Fixed64 Parse(string s) => default;
        public static implicit operator Fixed64(int value) => FromInt(value);
        public static explicit operator int(Fixed64 value) => (int)(value.RawValue >> 32);
        public static Fixed64 operator +(Fixed64 a, Fixed64 b) => new Fixed64(a.RawValue + b.RawValue);
        public static Fixed64 operator -(Fixed64 a, Fixed64 b) => new Fixed64(a.RawValue - b.RawValue);
        public static Fixed64 operator -(Fixed64 a) => new Fixed64(-a.RawValue);
        public static Fixed64 operator *(Fixed64 a, Fixed64 b) => new Fixed64((a.RawValue >> 16) * (b.RawValue >> 16));
        public static Fixed64 operator /(Fixed64 a, Fixed64 b) => new Fixed64((a.RawValue << 16) / (b.RawValue >> 16));
        public static bool operator <(Fixed64 a, Fixed64 b) => a.RawValue < b.RawValue;
        public static bool operator >(Fixed64 a, Fixed64 b) => a.RawValue > b.RawValue;
        public static bool operator ==(Fixed64 a, Fixed64 b) => a.RawValue == b.RawValue;
        public static bool operator !=(Fixed64 a, Fixed64 b) => a.RawValue != b.RawValue;
        public double ToDouble() => RawValue / 4294967296.0;
        public bool Equals(Fixed64 other) => RawValue == other.RawValue;
        public override bool Equals(object obj) => obj is Fixed64 f && Equals(f);
        public override int GetHashCode() => RawValue.GetHashCode();
    }

    public struct FixedVector2
    {
        public Fixed64 X;
        public Fixed64 Y;
        public FixedVector2(Fixed64 x, Fixed64 y) { X = x; Y = y; }
    }

    public struct DeterministicRandom
    {
        private ulong _state;
        public DeterministicRandom(ulong seed) { _state = seed; }
        public int NextInt(int maxExclusive) { _state = _state * 6364136223846793005UL + 1442695040888963407UL; return (int)((_state >> 33) % (ulong)maxExclusive); }
        public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);
    }
}";

        private static readonly Lazy<MetadataReference> s_reference = new Lazy<MetadataReference>(Compile);

        /// <summary>The stub runtime as a metadata reference.</summary>
        public static MetadataReference Reference => s_reference.Value;

        private static MetadataReference Compile()
        {
            var compilation = CSharpCompilation.Create(
                "Rollback.Runtime",
                new[] { CSharpSyntaxTree.ParseText(Source) },
                TestReferences.Net80Files.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException("Stub runtime does not compile: " + string.Join(Environment.NewLine, result.Diagnostics));
            }

            return MetadataReference.CreateFromImage(stream.ToArray());
        }
    }

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
