using System;

namespace Rollback.Reports
{
    /// <summary>
    /// An input the forensics cannot use: a missing, truncated, foreign or other-version file, or a game assembly
    /// that does not match it. The message is one line meant for the person running the tool.
    /// </summary>
    public sealed class ReportInputException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">One line saying what is wrong.</param>
        public ReportInputException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with its cause.</summary>
        /// <param name="message">One line saying what is wrong.</param>
        /// <param name="inner">The cause.</param>
        public ReportInputException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
