using System;
using MemoryPack;

namespace Rollback.Runtime.Tests.Files
{
    /// <summary>
    /// The replay payload exactly as earlier versions declared it for MemoryPack (same members, same order), so the
    /// tests can produce the bytes those versions wrote.
    /// </summary>
    [MemoryPackable]
    public sealed partial class MemoryPackReplayPayload
    {
        public string InputTypeName { get; set; } = string.Empty;

        public int InputSize { get; set; }

        public int PlayerCount { get; set; }

        public int StartFrame { get; set; }

        public int FrameCount { get; set; }

        public byte[] InitialSnapshot { get; set; } = Array.Empty<byte>();

        public byte[] Inputs { get; set; } = Array.Empty<byte>();

        public ulong[] Checksums { get; set; } = Array.Empty<ulong>();
    }

    /// <summary>The desync bundle manifest exactly as earlier versions declared it for MemoryPack (text lists as byte arrays).</summary>
    [MemoryPackable]
    public sealed partial class MemoryPackBundleManifest
    {
        public int Frame { get; set; }

        public ulong LocalChecksum { get; set; }

        public ulong RemoteChecksum { get; set; }

        public string LocalLabel { get; set; } = string.Empty;

        public string RemoteLabel { get; set; } = string.Empty;

        public string StateTypeName { get; set; } = string.Empty;

        public ulong SchemaId { get; set; }

        public int AnchorFrame { get; set; }

        public bool HasRemoteSnapshot { get; set; }

        public ulong LocalSnapshotHash { get; set; }

        public ulong RemoteSnapshotHash { get; set; }

        public ulong AnchorSnapshotHash { get; set; }

        public string InputTypeName { get; set; } = string.Empty;

        public int InputSize { get; set; }

        public int PlayerCount { get; set; }

        public int InputStartFrame { get; set; }

        public byte[] Inputs { get; set; } = Array.Empty<byte>();

        public byte[] InputTexts { get; set; } = Array.Empty<byte>();

        public byte[] SettingKeys { get; set; } = Array.Empty<byte>();

        public byte[] SettingValues { get; set; } = Array.Empty<byte>();

        public byte[] DifferencePaths { get; set; } = Array.Empty<byte>();

        public byte[] DifferenceLeft { get; set; } = Array.Empty<byte>();

        public byte[] DifferenceRight { get; set; } = Array.Empty<byte>();

        public int[] DifferenceKinds { get; set; } = Array.Empty<int>();

        public bool DifferencesTruncated { get; set; }
    }
}
