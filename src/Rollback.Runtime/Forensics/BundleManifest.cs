using System;
using MemoryPack;

namespace Rollback.Forensics
{
    /// <summary>The MemoryPack body of a bundle's manifest file (after the fixed header written by <see cref="DesyncBundle"/>).</summary>
    [MemoryPackable]
    internal sealed partial class BundleManifest
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

        /// <summary>Each input as text (its ToString when the type overrides it, else hex), frame-major.</summary>
        public string[] InputTexts { get; set; } = Array.Empty<string>();

        public string[] SettingKeys { get; set; } = Array.Empty<string>();

        public string[] SettingValues { get; set; } = Array.Empty<string>();

        public string[] DifferencePaths { get; set; } = Array.Empty<string>();

        public string[] DifferenceLeft { get; set; } = Array.Empty<string>();

        public string[] DifferenceRight { get; set; } = Array.Empty<string>();

        public int[] DifferenceKinds { get; set; } = Array.Empty<int>();

        public bool DifferencesTruncated { get; set; }
    }
}
