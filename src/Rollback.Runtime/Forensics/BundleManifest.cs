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
        [MemoryPackIgnore]
        public string[] InputTexts { get => TextList.Decode(_inputTexts); set => _inputTexts = TextList.Encode(value); }

        [MemoryPackInclude]
        private byte[] _inputTexts = Array.Empty<byte>();

        [MemoryPackIgnore]
        public string[] SettingKeys { get => TextList.Decode(_settingKeys); set => _settingKeys = TextList.Encode(value); }

        [MemoryPackInclude]
        private byte[] _settingKeys = Array.Empty<byte>();

        [MemoryPackIgnore]
        public string[] SettingValues { get => TextList.Decode(_settingValues); set => _settingValues = TextList.Encode(value); }

        [MemoryPackInclude]
        private byte[] _settingValues = Array.Empty<byte>();

        [MemoryPackIgnore]
        public string[] DifferencePaths { get => TextList.Decode(_differencePaths); set => _differencePaths = TextList.Encode(value); }

        [MemoryPackInclude]
        private byte[] _differencePaths = Array.Empty<byte>();

        [MemoryPackIgnore]
        public string[] DifferenceLeft { get => TextList.Decode(_differenceLeft); set => _differenceLeft = TextList.Encode(value); }

        [MemoryPackInclude]
        private byte[] _differenceLeft = Array.Empty<byte>();

        [MemoryPackIgnore]
        public string[] DifferenceRight { get => TextList.Decode(_differenceRight); set => _differenceRight = TextList.Encode(value); }

        [MemoryPackInclude]
        private byte[] _differenceRight = Array.Empty<byte>();

        public int[] DifferenceKinds { get; set; } = Array.Empty<int>();

        public bool DifferencesTruncated { get; set; }

        /// <summary>Decodes every text list once, so a corrupt list fails when the bundle is loaded, not later.</summary>
        /// <exception cref="FormatException">A text list is corrupt.</exception>
        public void CheckTexts()
        {
            _ = InputTexts;
            _ = SettingKeys;
            _ = SettingValues;
            _ = DifferencePaths;
            _ = DifferenceLeft;
            _ = DifferenceRight;
        }
    }
}
