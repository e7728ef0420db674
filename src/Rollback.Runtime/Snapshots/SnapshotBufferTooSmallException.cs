using System;

namespace Rollback.Snapshots
{
    /// <summary>
    /// Thrown by <see cref="IRollbackState.Save"/> when the destination cannot hold the snapshot. Callers
    /// see an <see cref="ArgumentException"/>; the runtime catches this type to grow a snapshot slot
    /// without measuring the state before every save.
    /// </summary>
    internal sealed class SnapshotBufferTooSmallException : ArgumentException
    {
        public SnapshotBufferTooSmallException(string message) : base(message, "destination")
        {
        }
    }
}
