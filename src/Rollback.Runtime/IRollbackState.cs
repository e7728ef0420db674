using System;

namespace Rollback
{
    /// <summary>
    /// A snapshotable simulation state. Implemented by the source generator for every type marked
    /// <see cref="RollbackStateAttribute"/>; do not implement it by hand.
    /// </summary>
    public interface IRollbackState
    {
        /// <summary>Ticks since the session started. Advanced only by the runtime.</summary>
        int Frame { get; }

        /// <summary>Simulation steps since the current episode began. Advanced and reset only by the runtime.</summary>
        int StepNum { get; }

        /// <summary>Index of the current episode, starting at 0. Advanced only by the runtime.</summary>
        int Episode { get; }

        /// <summary>Number of bytes <see cref="Save"/> writes for the state as it is now.</summary>
        int SnapshotSize { get; }

        /// <summary>Writes the canonical snapshot of the whole state into <paramref name="destination"/>.</summary>
        /// <param name="destination">Caller-provided memory of at least <see cref="SnapshotSize"/> bytes.</param>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
        int Save(Span<byte> destination);

        /// <summary>
        /// Restores the state in place from a snapshot written by <see cref="Save"/>, reusing existing
        /// arrays, lists and nested objects when their shape matches.
        /// </summary>
        /// <exception cref="SnapshotFormatException">
        /// The bytes are truncated, or were written by another state type or another version of this
        /// one. The header is checked before any member is overwritten.
        /// </exception>
        void Restore(ReadOnlySpan<byte> source);

        /// <summary>
        /// A canonical 64-bit checksum (XxHash3) of the snapshot bytes: equal states give equal values
        /// in any process, on any machine, in any run.
        /// </summary>
        ulong Checksum();

        /// <summary>
        /// Compares this state with <paramref name="other"/> member by member and returns the path of
        /// the first member that differs (for example <c>Players[1].Position.X</c>), or
        /// <see langword="null"/> when they are equal. Used in desync reports; allocates only when a
        /// difference is found.
        /// </summary>
        string? FirstDifference(IRollbackState other);
    }
}
