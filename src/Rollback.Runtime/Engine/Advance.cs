namespace Rollback
{
    /// <summary>What <see cref="RollbackEngine{TState, TInput}.AdvanceFrame"/> did.</summary>
    public enum Advance
    {
        /// <summary>One new frame was simulated (after any rollback the corrected inputs required).</summary>
        Simulated = 0,

        /// <summary>
        /// Nothing was simulated: simulating another frame would exceed the prediction window. The local
        /// inputs were not consumed; wait (keep polling the network) and offer them again next tick.
        /// </summary>
        Wait = 1,
    }
}
