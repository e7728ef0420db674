using System;
using MemoryPack;

namespace Rollback
{
    /// <summary>The MemoryPack body of a replay file (after the fixed header written by <see cref="ReplayFile{TInput}"/>).</summary>
    [MemoryPackable]
    internal sealed partial class ReplayPayload
    {
        public string InputTypeName { get; set; } = string.Empty;

        public int InputSize { get; set; }

        public int PlayerCount { get; set; }

        public int StartFrame { get; set; }

        public int FrameCount { get; set; }

        public byte[] InitialSnapshot { get; set; } = Array.Empty<byte>();

        /// <summary>Raw little-endian input bytes, frame-major: frame 0 players 0..n-1, then frame 1 …</summary>
        public byte[] Inputs { get; set; } = Array.Empty<byte>();

        /// <summary>The checksum of the confirmed state after each frame.</summary>
        public ulong[] Checksums { get; set; } = Array.Empty<ulong>();
    }
}
