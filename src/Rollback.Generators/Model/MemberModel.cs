using System;

namespace Rollback.Generators.Model
{
    /// <summary>One snapshotted member of a state type, as plain values (no symbols).</summary>
    /// <param name="Name">The member name.</param>
    /// <param name="Kind">How it is encoded.</param>
    /// <param name="TypeName">The member type, fully qualified.</param>
    /// <param name="ElementTypeName">The element type for arrays, lists, nullables and fixed buffers, fully qualified.</param>
    /// <param name="IsProperty">Whether the member is an auto-property (read into a temporary, then assigned).</param>
    /// <param name="IsReadOnly">Whether the member is a <c>readonly</c> field (its collection instance cannot be replaced).</param>
    /// <param name="FixedSize">Element count of a fixed-size buffer.</param>
    internal sealed record MemberModel(
        string Name,
        MemberKind Kind,
        string TypeName,
        string ElementTypeName,
        bool IsProperty,
        bool IsReadOnly,
        int FixedSize) : IEquatable<MemberModel>;
}
