using System.ComponentModel;

namespace Rollback.Snapshots
{
    /// <summary>
    /// The body encoding of a <see cref="RollbackStateAttribute"/> type, without header or counters.
    /// Implemented by generated code so that nested states, arrays and lists of states are written
    /// in place; not meant for user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface ISnapshotBody
    {
        /// <summary>Bytes <see cref="RollbackWriteBody"/> writes for the members as they are now.</summary>
        /// <returns>The size in bytes.</returns>
        int RollbackBodySize();

        /// <summary>Writes every member, in declaration order (base type first).</summary>
        /// <param name="writer">The writer.</param>
        void RollbackWriteBody(ref SnapshotWriter writer);

        /// <summary>Reads every member in place, reusing arrays, lists and nested objects whose shape matches.</summary>
        /// <param name="reader">The reader.</param>
        void RollbackReadBody(ref SnapshotReader reader);

        /// <summary>Path of the first member that differs from <paramref name="other"/>'s, or null.</summary>
        /// <param name="other">An instance of the same type.</param>
        /// <returns>The member path, or null when all members are equal.</returns>
        string? RollbackMemberDifference(object other);
    }
}
