using System;

namespace Rollback.Forensics
{
    /// <summary>A desync bundle folder is missing, truncated, corrupt, foreign, or of another format version.</summary>
    public sealed class DesyncBundleFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong, in one line.</param>
        public DesyncBundleFormatException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with its cause.</summary>
        /// <param name="message">What is wrong, in one line.</param>
        /// <param name="inner">The cause.</param>
        public DesyncBundleFormatException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
