using System;

namespace Rollback.Generators.Model
{
    /// <summary>Everything the emitter needs about one <c>[RollbackState]</c> type, as plain values.</summary>
    /// <param name="Namespace">The namespace, or empty for the global namespace.</param>
    /// <param name="ContainingTypes">Outer types, outermost first.</param>
    /// <param name="Name">The type name.</param>
    /// <param name="Keyword">The declaration keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>).</param>
    /// <param name="FullName">The fully qualified name, for the schema and the hint name.</param>
    /// <param name="IsStruct">Whether it is a value type.</param>
    /// <param name="IsSealed">Whether it is a sealed class.</param>
    /// <param name="HasStateBase">Whether it derives from another <c>[RollbackState]</c> class.</param>
    /// <param name="NeedsUnsafe">Whether the generated code handles fixed-size buffers.</param>
    /// <param name="SchemaId">Hash of the type name and its full member layout, base members included.</param>
    /// <param name="Members">The members declared on this type, in declaration order.</param>
    internal sealed record StateModel(
        string Namespace,
        EquatableArray<ContainingTypeModel> ContainingTypes,
        string Name,
        string Keyword,
        string FullName,
        bool IsStruct,
        bool IsSealed,
        bool HasStateBase,
        bool NeedsUnsafe,
        ulong SchemaId,
        EquatableArray<MemberModel> Members) : IEquatable<StateModel>
    {
        /// <summary>Hint name of the generated file.</summary>
        public string HintName => FullName.Replace("global::", string.Empty).Replace('<', '{').Replace('>', '}') + ".g.cs";
    }
}
