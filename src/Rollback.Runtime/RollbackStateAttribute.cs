using System;

namespace Rollback
{
    /// <summary>
    /// Marks a <c>partial</c> class or struct as rollback state. The Rollback source generator emits
    /// zero-allocation snapshot save/restore code for it, adds the read-only <c>Frame</c>,
    /// <c>StepNum</c> and <c>Episode</c> counters, and implements <see cref="IRollbackState"/>.
    /// </summary>
    /// <remarks>
    /// Every instance field (any accessibility) and every auto-property with a setter is part of the
    /// snapshot, in declaration order. Exclude a cached or derived member with
    /// <see cref="RollbackIgnoreAttribute"/>. Members the generator cannot snapshot are compile
    /// errors (diagnostics <c>RB1xxx</c>), never skipped silently.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class RollbackStateAttribute : Attribute
    {
    }
}
