using System;
using System.Linq;
using Rollback.Forensics;

namespace Rollback.Runtime.Tests.Files
{
    /// <summary>Seeded random replay payloads and bundle manifests, with texts outside ASCII and empty members.</summary>
    internal static class RandomPayloads
    {
        private static readonly string[] Pieces = { "a", "Z", "0", " ", "é", "ß", "漢字", "🎮", "\n", "\"", ",", "Players[1].Position.X", "60.9" };

        public static string Text(Random random, int maxPieces = 6)
        {
            int count = random.Next(maxPieces + 1);
            return string.Concat(Enumerable.Range(0, count).Select(_ => Pieces[random.Next(Pieces.Length)]));
        }

        public static string[] Texts(Random random, int count) => Enumerable.Range(0, count).Select(_ => Text(random)).ToArray();

        public static byte[] Bytes(Random random, int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        public static ulong UInt64(Random random) => ((ulong)(uint)random.Next() << 33) ^ ((ulong)(uint)random.Next() << 2) ^ (ulong)random.Next(4);

        public static ReplayPayload Replay(Random random)
        {
            int players = random.Next(1, 5);
            int inputSize = random.Next(1, 9);
            int frames = random.Next(0, 40);
            return new ReplayPayload
            {
                InputTypeName = "Game." + Text(random, 3),
                InputSize = inputSize,
                PlayerCount = players,
                StartFrame = random.Next(0, 1000),
                FrameCount = frames,
                InitialSnapshot = Bytes(random, random.Next(0, 300)),
                Inputs = Bytes(random, frames * players * inputSize),
                Checksums = Enumerable.Range(0, frames).Select(_ => UInt64(random)).ToArray(),
            };
        }

        public static BundleManifest Manifest(Random random)
        {
            int players = random.Next(1, 5);
            int inputSize = random.Next(1, 9);
            int frames = random.Next(0, 20);
            int settings = random.Next(0, 6);
            int differences = random.Next(0, 6);
            return new BundleManifest
            {
                Frame = random.Next(0, 100000),
                LocalChecksum = UInt64(random),
                RemoteChecksum = UInt64(random),
                LocalLabel = Text(random),
                RemoteLabel = Text(random),
                StateTypeName = "Game." + Text(random, 3),
                SchemaId = UInt64(random),
                AnchorFrame = random.Next(0, 100000),
                HasRemoteSnapshot = random.Next(2) == 1,
                LocalSnapshotHash = UInt64(random),
                RemoteSnapshotHash = UInt64(random),
                AnchorSnapshotHash = UInt64(random),
                InputTypeName = "Game." + Text(random, 3),
                InputSize = inputSize,
                PlayerCount = players,
                InputStartFrame = random.Next(0, 1000),
                Inputs = Bytes(random, frames * players * inputSize),
                InputTexts = random.Next(4) == 0 ? Array.Empty<string>() : Texts(random, frames * players),
                SettingKeys = Texts(random, settings),
                SettingValues = Texts(random, settings),
                DifferencePaths = Texts(random, differences),
                DifferenceLeft = Texts(random, differences),
                DifferenceRight = Texts(random, differences),
                DifferenceKinds = Enumerable.Range(0, differences).Select(_ => random.Next(4)).ToArray(),
                DifferencesTruncated = random.Next(2) == 1,
            };
        }
    }
}
