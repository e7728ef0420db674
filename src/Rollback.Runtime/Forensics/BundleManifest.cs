using System;
using Rollback.IO;

namespace Rollback.Forensics
{
    /// <summary>
    /// The payload of a bundle's manifest file (after the checked header written by <see cref="DesyncBundle"/>), and
    /// its codec. Members in file order: the one-byte member count (25), then each member below as written by
    /// <see cref="PayloadWriter"/>; the six text lists are byte arrays holding a <see cref="TextList"/>.
    /// </summary>
    internal sealed class BundleManifest
    {
        private const byte MemberCount = 25;

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

        /// <summary>The payload bytes.</summary>
        /// <returns>A new array.</returns>
        public byte[] Encode()
        {
            var writer = new PayloadWriter(256 + Inputs.Length);
            writer.WriteObjectHeader(MemberCount);
            writer.WriteInt32(Frame);
            writer.WriteUInt64(LocalChecksum);
            writer.WriteUInt64(RemoteChecksum);
            writer.WriteString(LocalLabel);
            writer.WriteString(RemoteLabel);
            writer.WriteString(StateTypeName);
            writer.WriteUInt64(SchemaId);
            writer.WriteInt32(AnchorFrame);
            writer.WriteBoolean(HasRemoteSnapshot);
            writer.WriteUInt64(LocalSnapshotHash);
            writer.WriteUInt64(RemoteSnapshotHash);
            writer.WriteUInt64(AnchorSnapshotHash);
            writer.WriteString(InputTypeName);
            writer.WriteInt32(InputSize);
            writer.WriteInt32(PlayerCount);
            writer.WriteInt32(InputStartFrame);
            writer.WriteBytes(Inputs);
            writer.WriteBytes(TextList.Encode(InputTexts));
            writer.WriteBytes(TextList.Encode(SettingKeys));
            writer.WriteBytes(TextList.Encode(SettingValues));
            writer.WriteBytes(TextList.Encode(DifferencePaths));
            writer.WriteBytes(TextList.Encode(DifferenceLeft));
            writer.WriteBytes(TextList.Encode(DifferenceRight));
            writer.WriteInt32s(DifferenceKinds);
            writer.WriteBoolean(DifferencesTruncated);
            return writer.ToArray();
        }

        /// <summary>Reads the payload <see cref="Encode"/> writes.</summary>
        /// <param name="payload">The payload bytes.</param>
        /// <returns>The manifest.</returns>
        /// <exception cref="FormatException">The bytes are not exactly such a payload.</exception>
        public static BundleManifest Decode(ReadOnlySpan<byte> payload)
        {
            var reader = new PayloadReader(payload);
            reader.ReadObjectHeader("manifest", MemberCount);
            var manifest = new BundleManifest
            {
                Frame = reader.ReadInt32(nameof(Frame)),
                LocalChecksum = reader.ReadUInt64(nameof(LocalChecksum)),
                RemoteChecksum = reader.ReadUInt64(nameof(RemoteChecksum)),
                LocalLabel = reader.ReadString(nameof(LocalLabel)),
                RemoteLabel = reader.ReadString(nameof(RemoteLabel)),
                StateTypeName = reader.ReadString(nameof(StateTypeName)),
                SchemaId = reader.ReadUInt64(nameof(SchemaId)),
                AnchorFrame = reader.ReadInt32(nameof(AnchorFrame)),
                HasRemoteSnapshot = reader.ReadBoolean(nameof(HasRemoteSnapshot)),
                LocalSnapshotHash = reader.ReadUInt64(nameof(LocalSnapshotHash)),
                RemoteSnapshotHash = reader.ReadUInt64(nameof(RemoteSnapshotHash)),
                AnchorSnapshotHash = reader.ReadUInt64(nameof(AnchorSnapshotHash)),
                InputTypeName = reader.ReadString(nameof(InputTypeName)),
                InputSize = reader.ReadInt32(nameof(InputSize)),
                PlayerCount = reader.ReadInt32(nameof(PlayerCount)),
                InputStartFrame = reader.ReadInt32(nameof(InputStartFrame)),
                Inputs = reader.ReadBytes(nameof(Inputs)),
                InputTexts = TextList.Decode(reader.ReadByteSpan(nameof(InputTexts)), nameof(InputTexts)),
                SettingKeys = TextList.Decode(reader.ReadByteSpan(nameof(SettingKeys)), nameof(SettingKeys)),
                SettingValues = TextList.Decode(reader.ReadByteSpan(nameof(SettingValues)), nameof(SettingValues)),
                DifferencePaths = TextList.Decode(reader.ReadByteSpan(nameof(DifferencePaths)), nameof(DifferencePaths)),
                DifferenceLeft = TextList.Decode(reader.ReadByteSpan(nameof(DifferenceLeft)), nameof(DifferenceLeft)),
                DifferenceRight = TextList.Decode(reader.ReadByteSpan(nameof(DifferenceRight)), nameof(DifferenceRight)),
                DifferenceKinds = reader.ReadInt32s(nameof(DifferenceKinds)),
                DifferencesTruncated = reader.ReadBoolean(nameof(DifferencesTruncated)),
            };
            reader.End("manifest");
            return manifest;
        }
    }
}
