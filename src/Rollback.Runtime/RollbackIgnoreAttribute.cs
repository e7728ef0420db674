using System;

namespace Rollback
{
    /// <summary>
    /// Excludes a field or property of a <see cref="RollbackStateAttribute"/> type from snapshots,
    /// checksums and comparisons. Use it only for members that are caches or can be derived from
    /// the rest of the state: an ignored member is not rewound by a rollback.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class RollbackIgnoreAttribute : Attribute
    {
    }
}
