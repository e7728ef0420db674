using System;

namespace Rollback
{
    /// <summary>Thrown when replay bytes cannot be read: truncated, corrupt, not a Rollback replay, another format version, or recorded with another input type.</summary>
    public sealed class ReplayFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong with the bytes.</param>
        public ReplayFormatException(string message) : base(message)
        {
        }

        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong with the bytes.</param>
        /// <param name="inner">The error from the decoder.</param>
        public ReplayFormatException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
