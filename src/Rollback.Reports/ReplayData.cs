using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>A replay file's content, untyped: the initial snapshot, the inputs and the recorded checksums.</summary>
    public sealed class ReplayData
    {
        /// <summary>Creates the data.</summary>
        /// <param name="initialSnapshot">The snapshot of the first frame.</param>
        /// <param name="inputs">Every recorded frame's inputs.</param>
        /// <param name="checksums">The recorded checksum of the state after each frame.</param>
        public ReplayData(byte[] initialSnapshot, InputLog inputs, ulong[] checksums)
        {
            InitialSnapshot = initialSnapshot;
            Inputs = inputs;
            Checksums = checksums;
        }

        /// <summary>The snapshot of <see cref="InputLog.StartFrame"/>.</summary>
        public byte[] InitialSnapshot { get; }

        /// <summary>Every recorded frame's inputs.</summary>
        public InputLog Inputs { get; }

        /// <summary>The recorded checksum of the state after each frame, from the first frame on.</summary>
        public ulong[] Checksums { get; }

        /// <summary>The first recorded frame.</summary>
        public int StartFrame => Inputs.StartFrame;

        /// <summary>Recorded frames.</summary>
        public int FrameCount => Checksums.Length;
    }
}
