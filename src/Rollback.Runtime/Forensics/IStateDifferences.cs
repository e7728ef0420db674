using System.ComponentModel;

namespace Rollback.Forensics
{
    /// <summary>
    /// Lists every member that differs between two instances of a <see cref="RollbackStateAttribute"/> type.
    /// Implemented by generated code; call <see cref="StateDifferences.Between"/> instead.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IStateDifferences
    {
        /// <summary>Reports every member (base type first) that differs from <paramref name="other"/>'s to <paramref name="collector"/>.</summary>
        /// <param name="other">An instance of the same type.</param>
        /// <param name="collector">Receives the differences, with the path of the enclosing members.</param>
        void RollbackCollectDifferences(object other, DifferenceCollector collector);
    }
}
