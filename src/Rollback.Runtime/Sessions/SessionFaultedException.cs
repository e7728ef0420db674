using System;

namespace Rollback
{
    /// <summary>
    /// Thrown by every call into a session (or engine) after an earlier call failed with an exception from
    /// user code — <see cref="ISimulation{TState, TInput}.Step"/>, <see cref="ISimulation{TState, TInput}.IsEpisodeOver"/>,
    /// <see cref="ISimulation{TState, TInput}.ResetEpisode"/>, a <see cref="FrameConfirmedHandler{TState, TInput}"/>, an
    /// <see cref="IInputPredictor{TInput}"/> — or a failure of the session itself (a desync, a rollback that cannot be
    /// carried out). The failed call threw the original exception; this one carries it as
    /// <see cref="Exception.InnerException"/>.
    /// </summary>
    /// <remarks>
    /// A fault is final: the live state may be half-stepped, so the session refuses to go on rather than export
    /// frames from a state nobody can vouch for. No confirmed frame is reported twice. Create a new session (from a
    /// recording or a saved snapshot) to continue.
    /// </remarks>
    public sealed class SessionFaultedException : InvalidOperationException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="fault">The exception that faulted the session.</param>
        public SessionFaultedException(Exception fault)
            : base(MessageFor(fault), fault)
        {
        }

        /// <summary>The exception that faulted the session (the same as <see cref="Exception.InnerException"/>).</summary>
        public Exception Fault => InnerException!;

        private static string MessageFor(Exception fault) =>
            fault is null
                ? throw new ArgumentNullException(nameof(fault))
                : $"The session is faulted and cannot be used any more: an earlier call failed with {fault.GetType().Name}: {fault.Message}";
    }
}
