using System;
using Rollback.IO;

namespace Rollback
{
    /// <summary>
    /// The payload of a replay file (after the checked header written by <see cref="ReplayFile{TInput}"/>), and its
    /// codec: the one-byte member count (8), then each member below in order as written by <see cref="PayloadWriter"/>.
    /// </summary>
    internal sealed class ReplayPayload
    {
        private const byte MemberCount = 8;

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

        /// <summary>The payload bytes.</summary>
        /// <returns>A new array.</returns>
        public byte[] Encode()
        {
            var writer = new PayloadWriter(64 + InputTypeName.Length * 3 + InitialSnapshot.Length + Inputs.Length + (Checksums.Length * 8));
            writer.WriteObjectHeader(MemberCount);
            writer.WriteString(InputTypeName);
            writer.WriteInt32(InputSize);
            writer.WriteInt32(PlayerCount);
            writer.WriteInt32(StartFrame);
            writer.WriteInt32(FrameCount);
            writer.WriteBytes(InitialSnapshot);
            writer.WriteBytes(Inputs);
            writer.WriteUInt64s(Checksums);
            return writer.ToArray();
        }

        /// <summary>Reads the payload <see cref="Encode"/> writes.</summary>
        /// <param name="payload">The payload bytes.</param>
        /// <returns>The payload.</returns>
        /// <exception cref="FormatException">The bytes are not exactly such a payload.</exception>
        public static ReplayPayload Decode(ReadOnlySpan<byte> payload)
        {
            var reader = new PayloadReader(payload);
            reader.ReadObjectHeader("replay payload", MemberCount);
            var result = new ReplayPayload
            {
                InputTypeName = reader.ReadString(nameof(InputTypeName)),
                InputSize = reader.ReadInt32(nameof(InputSize)),
                PlayerCount = reader.ReadInt32(nameof(PlayerCount)),
                StartFrame = reader.ReadInt32(nameof(StartFrame)),
                FrameCount = reader.ReadInt32(nameof(FrameCount)),
                InitialSnapshot = reader.ReadBytes(nameof(InitialSnapshot)),
                Inputs = reader.ReadBytes(nameof(Inputs)),
                Checksums = reader.ReadUInt64s(nameof(Checksums)),
            };
            reader.End("replay payload");
            return result;
        }
    }
}
