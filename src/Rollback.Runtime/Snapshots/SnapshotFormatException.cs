using System;

namespace Rollback
{
    /// <summary>
    /// Thrown when snapshot bytes cannot be restored: truncated, not a Rollback snapshot, or written by
    /// another state type or another version of the state type.
    /// </summary>
    public sealed class SnapshotFormatException : Exception
    {
        /// <summary>Creates the exception with a message that says what is wrong with the bytes.</summary>
        /// <param name="message">What is wrong and what to do.</param>
        public SnapshotFormatException(string message) : base(message)
        {
        }
    }
}
