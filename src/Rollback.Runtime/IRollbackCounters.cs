using System.ComponentModel;

namespace Rollback
{
    /// <summary>
    /// Runtime-only access to the <c>Frame</c>, <c>StepNum</c> and <c>Episode</c> counters baked into a
    /// generated state. The generator implements it explicitly so that user code does not see it;
    /// only the runtime advances the counters.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IRollbackCounters
    {
        /// <summary>Sets the three counters. Called by the runtime only.</summary>
        /// <param name="frame">Ticks since the session started.</param>
        /// <param name="stepNum">Steps since the current episode began.</param>
        /// <param name="episode">Index of the current episode.</param>
        void SetCounters(int frame, int stepNum, int episode);
    }
}
