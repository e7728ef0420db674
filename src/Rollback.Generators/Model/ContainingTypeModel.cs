using System;

namespace Rollback.Generators.Model
{
    /// <summary>A type that contains a nested state type: its keyword (<c>class</c>, <c>struct</c>, <c>record</c> …) and name.</summary>
    /// <param name="Keyword">The declaration keyword.</param>
    /// <param name="Name">The type name.</param>
    internal sealed record ContainingTypeModel(string Keyword, string Name) : IEquatable<ContainingTypeModel>;
}
