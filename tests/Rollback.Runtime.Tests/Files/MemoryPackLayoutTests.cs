using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using MemoryPack;
using Rollback.Forensics;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Files
{
    /// <summary>
    /// The runtime's own codecs write exactly the bytes MemoryPack wrote for the same replay payloads and bundle
    /// manifests, and read what MemoryPack wrote, so files from earlier versions stay readable at format version 1.
    /// </summary>
    public class MemoryPackLayoutTests
    {
        public static TheoryData<int> Seeds()
        {
            var seeds = new TheoryData<int>();
            for (int seed = 1; seed <= 40; seed++)
            {
                seeds.Add(seed);
            }

            return seeds;
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void AReplayPayload_IsWrittenByteForByteAsMemoryPackWroteIt_AndEachReadsTheOther(int seed)
        {
            ReplayPayload payload = RandomPayloads.Replay(new Random(seed));
            MemoryPackReplayPayload shape = ToShape(payload);

            byte[] ours = payload.Encode();
            byte[] theirs = MemoryPackSerializer.Serialize(shape);
            Assert.Equal(theirs, ours);

            AssertSame(payload, ReplayPayload.Decode(theirs));
            MemoryPackReplayPayload back = MemoryPackSerializer.Deserialize<MemoryPackReplayPayload>(ours)!;
            Assert.Equal(theirs, MemoryPackSerializer.Serialize(back));
            Assert.Equal(payload.InputTypeName, back.InputTypeName);
            Assert.Equal(payload.Checksums, back.Checksums);
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void ABundleManifest_IsWrittenByteForByteAsMemoryPackWroteIt_AndEachReadsTheOther(int seed)
        {
            BundleManifest manifest = RandomPayloads.Manifest(new Random(seed));
            MemoryPackBundleManifest shape = ToShape(manifest);

            byte[] ours = manifest.Encode();
            byte[] theirs = MemoryPackSerializer.Serialize(shape);
            Assert.Equal(theirs, ours);

            Assert.Equal(ours, BundleManifest.Decode(theirs).Encode());
            MemoryPackBundleManifest back = MemoryPackSerializer.Deserialize<MemoryPackBundleManifest>(ours)!;
            Assert.Equal(theirs, MemoryPackSerializer.Serialize(back));
            Assert.Equal(manifest.InputTexts, TextList.Decode(back.InputTexts, "InputTexts"));
            Assert.Equal(manifest.DifferenceRight, TextList.Decode(back.DifferenceRight, "DifferenceRight"));
            Assert.Equal(manifest.LocalLabel, back.LocalLabel);
        }

        [Fact]
        public void AReplayFileWrittenWithMemoryPack_IsReadWithEveryFrameAndChecksum()
        {
            var random = new Random(7);
            var inputs = new TestInput[3 * 25];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = new TestInput((byte)random.Next(256), (sbyte)random.Next(-128, 128));
            }

            var checksums = new ulong[25];
            for (int i = 0; i < checksums.Length; i++)
            {
                checksums[i] = RandomPayloads.UInt64(random);
            }

            byte[] snapshot = RandomPayloads.Bytes(random, 77);
            var shape = new MemoryPackReplayPayload
            {
                InputTypeName = typeof(TestInput).FullName!,
                InputSize = 2,
                PlayerCount = 3,
                StartFrame = 12,
                FrameCount = 25,
                InitialSnapshot = snapshot,
                Inputs = System.Runtime.InteropServices.MemoryMarshal.AsBytes(inputs.AsSpan()).ToArray(),
                Checksums = checksums,
            };
            byte[] file = HandWrittenFile("RBREPLAY", 1, MemoryPackSerializer.Serialize(shape));

            ReplayFile<TestInput> replay = ReplayFile<TestInput>.FromBytes(file);
            Assert.Equal(3, replay.PlayerCount);
            Assert.Equal(12, replay.StartFrame);
            Assert.Equal(25, replay.FrameCount);
            Assert.Equal(snapshot, replay.InitialSnapshot.ToArray());
            for (int frame = 12; frame < 37; frame++)
            {
                Assert.Equal(checksums[frame - 12], replay.Checksum(frame));
                Assert.Equal(inputs.AsSpan((frame - 12) * 3, 3).ToArray(), replay.Inputs(frame).ToArray());
            }

            Assert.Equal(file, ReplayFile<TestInput>.Create(3, 12, snapshot, inputs, checksums).ToBytes());
        }

        [Fact]
        public void ABundleManifestWrittenWithMemoryPack_IsRead()
        {
            BundleManifest manifest = RandomPayloads.Manifest(new Random(11));
            byte[] file = HandWrittenFile("RBDESYNC", 1, MemoryPackSerializer.Serialize(ToShape(manifest)));
            Assert.Equal(manifest.Encode(), DesyncBundle.ReadManifest(file).Encode());
        }

        [Fact]
        public void TextsAreWrittenAsMemoryPackWritesUtf8Strings()
        {
            foreach (string text in new[] { string.Empty, "a", "é", "漢字", "🎮", new string('x', 300) })
            {
                var payload = new ReplayPayload { InputTypeName = text };
                Assert.Equal(MemoryPackSerializer.Serialize(new MemoryPackReplayPayload { InputTypeName = text }), payload.Encode());
                Assert.Equal(text, ReplayPayload.Decode(payload.Encode()).InputTypeName);
            }
        }

        private static byte[] HandWrittenFile(string magic, int version, byte[] payload)
        {
            var file = new byte[24 + payload.Length];
            Encoding.ASCII.GetBytes(magic).CopyTo(file, 0);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), version);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), payload.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(16), XxHash3.HashToUInt64(payload));
            payload.CopyTo(file, 24);
            return file;
        }

        private static void AssertSame(ReplayPayload expected, ReplayPayload actual)
        {
            Assert.Equal(expected.InputTypeName, actual.InputTypeName);
            Assert.Equal(expected.InputSize, actual.InputSize);
            Assert.Equal(expected.PlayerCount, actual.PlayerCount);
            Assert.Equal(expected.StartFrame, actual.StartFrame);
            Assert.Equal(expected.FrameCount, actual.FrameCount);
            Assert.Equal(expected.InitialSnapshot, actual.InitialSnapshot);
            Assert.Equal(expected.Inputs, actual.Inputs);
            Assert.Equal(expected.Checksums, actual.Checksums);
        }

        private static MemoryPackReplayPayload ToShape(ReplayPayload p) => new MemoryPackReplayPayload
        {
            InputTypeName = p.InputTypeName,
            InputSize = p.InputSize,
            PlayerCount = p.PlayerCount,
            StartFrame = p.StartFrame,
            FrameCount = p.FrameCount,
            InitialSnapshot = p.InitialSnapshot,
            Inputs = p.Inputs,
            Checksums = p.Checksums,
        };

        private static MemoryPackBundleManifest ToShape(BundleManifest m) => new MemoryPackBundleManifest
        {
            Frame = m.Frame,
            LocalChecksum = m.LocalChecksum,
            RemoteChecksum = m.RemoteChecksum,
            LocalLabel = m.LocalLabel,
            RemoteLabel = m.RemoteLabel,
            StateTypeName = m.StateTypeName,
            SchemaId = m.SchemaId,
            AnchorFrame = m.AnchorFrame,
            HasRemoteSnapshot = m.HasRemoteSnapshot,
            LocalSnapshotHash = m.LocalSnapshotHash,
            RemoteSnapshotHash = m.RemoteSnapshotHash,
            AnchorSnapshotHash = m.AnchorSnapshotHash,
            InputTypeName = m.InputTypeName,
            InputSize = m.InputSize,
            PlayerCount = m.PlayerCount,
            InputStartFrame = m.InputStartFrame,
            Inputs = m.Inputs,
            InputTexts = TextList.Encode(m.InputTexts),
            SettingKeys = TextList.Encode(m.SettingKeys),
            SettingValues = TextList.Encode(m.SettingValues),
            DifferencePaths = TextList.Encode(m.DifferencePaths),
            DifferenceLeft = TextList.Encode(m.DifferenceLeft),
            DifferenceRight = TextList.Encode(m.DifferenceRight),
            DifferenceKinds = m.DifferenceKinds,
            DifferencesTruncated = m.DifferencesTruncated,
        };
    }
}
