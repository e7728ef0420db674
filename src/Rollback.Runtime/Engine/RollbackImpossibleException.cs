using System;

namespace Rollback
{
    /// <summary>
    /// Thrown when correcting the simulation would need a rollback the runtime cannot carry out: the
    /// snapshot it needs is no longer kept, or the frame was already confirmed and reported. This is a
    /// hard error (the peers can no longer agree), never a log line.
    /// </summary>
    public sealed class RollbackImpossibleException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">Which rollback was needed and why it cannot be done.</param>
        public RollbackImpossibleException(string message) : base(message)
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="targetFrame">The frame the rollback had to restore.</param>
        /// <param name="message">Which rollback was needed and why it cannot be done.</param>
        public RollbackImpossibleException(int targetFrame, string message) : base(message)
        {
            TargetFrame = targetFrame;
        }

        /// <summary>The frame the rollback had to restore, or -1 when not known.</summary>
        public int TargetFrame { get; } = -1;
    }
}
