using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// The real Rollback runtime and generator, as a game project gets them from the package: test sources reference
    /// Rollback.Runtime.dll as metadata, and the [RollbackState] generator runs on them (its output is not compared).
    /// </summary>
    internal static class RollbackRuntime
    {
        private static readonly Lazy<MetadataReference> s_reference =
            new Lazy<MetadataReference>(() => MetadataReference.CreateFromFile(typeof(RollbackStateAttribute).Assembly.Location));

        /// <summary>Rollback.Runtime.dll (the net8.0 build) as a metadata reference.</summary>
        public static MetadataReference Reference => s_reference.Value;

        /// <summary>The generator a game project runs, so that [RollbackState] types implement IRollbackState as they do for users.</summary>
        public static IEnumerable<Type> Generators { get; } = new[] { typeof(Rollback.Generators.RollbackStateGenerator) };
    }
}
