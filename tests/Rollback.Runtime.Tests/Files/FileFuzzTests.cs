using System;
using Rollback.Forensics;
using Rollback.IO;
using Rollback.Runtime.Tests.Support;
using Xunit;

namespace Rollback.Runtime.Tests.Files
{
    /// <summary>
    /// Seeded random corruption of replay files and desync bundle manifests, thousands of cases each: every read
    /// either gives back exactly what was written or throws the format's own exception. With the payload corrupted
    /// and the header re-signed (so the checksum cannot catch it), whatever is accepted must write back to the very
    /// same bytes: the decoder never reads a value the bytes do not hold.
    /// </summary>
    public class FileFuzzTests
    {
        private const int Cases = 3000;

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void ACorruptReplayFile_IsReadExactlyOrRefused(int seed)
        {
            var random = new Random(seed);
            int refused = 0;
            for (int i = 0; i < Cases; i++)
            {
                byte[] original = RandomReplay(random).ToBytes();
                byte[] corrupt = Corrupt(random, original);
                try
                {
                    ReplayFile<TestInput> read = ReplayFile<TestInput>.FromBytes(corrupt);
                    Assert.Equal(original, read.ToBytes());
                }
                catch (ReplayFormatException ex)
                {
                    Assert.StartsWith(ex.Message.StartsWith("Not a", StringComparison.Ordinal) ? "Not a Rollback replay file" : "Cannot read the replay file: ", ex.Message);
                    refused++;
                }
            }

            Assert.InRange(refused, Cases * 9 / 10, Cases);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(4)]
        public void AReplayPayloadCorruptedBehindAValidHeader_IsReadAsItsBytesSayOrRefused(int seed)
        {
            var random = new Random(seed);
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < Cases; i++)
            {
                byte[] payload = Corrupt(random, RandomReplayPayload(random).Encode());
                byte[] file = ReplayFile<TestInput>.Format.Write(payload);
                try
                {
                    ReplayFile<TestInput> read = ReplayFile<TestInput>.FromBytes(file);
                    Assert.Equal(file, read.ToBytes());
                    accepted++;
                }
                catch (ReplayFormatException ex)
                {
                    Assert.StartsWith("Cannot read the replay file: it ", ex.Message);
                    refused++;
                }
            }

            Assert.True(accepted > Cases / 20 && refused > Cases / 2, $"accepted {accepted}, refused {refused}");
        }

        [Theory]
        [InlineData(5)]
        [InlineData(6)]
        public void ACorruptBundleManifest_IsReadExactlyOrRefused(int seed)
        {
            var random = new Random(seed);
            int refused = 0;
            for (int i = 0; i < Cases; i++)
            {
                byte[] payload = RandomPayloads.Manifest(random).Encode();
                byte[] original = DesyncBundle.Format.Write(payload);
                byte[] corrupt = Corrupt(random, original);
                try
                {
                    BundleManifest read = DesyncBundle.ReadManifest(corrupt);
                    Assert.Equal(payload, read.Encode());
                }
                catch (DesyncBundleFormatException ex)
                {
                    Assert.Contains("bundle.rbdesync", ex.Message);
                    refused++;
                }
            }

            Assert.InRange(refused, Cases * 9 / 10, Cases);
        }

        [Theory]
        [InlineData(7)]
        [InlineData(8)]
        public void ABundleManifestCorruptedBehindAValidHeader_IsReadAsItsBytesSayOrRefused(int seed)
        {
            var random = new Random(seed);
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < Cases; i++)
            {
                byte[] payload = Corrupt(random, RandomPayloads.Manifest(random).Encode());
                try
                {
                    BundleManifest read = DesyncBundle.ReadManifest(DesyncBundle.Format.Write(payload));
                    Assert.Equal(payload, read.Encode());
                    accepted++;
                }
                catch (DesyncBundleFormatException ex)
                {
                    Assert.StartsWith("Cannot read bundle.rbdesync: it is corrupt (", ex.Message);
                    refused++;
                }
            }

            Assert.True(accepted > Cases / 20 && refused > Cases / 2, $"accepted {accepted}, refused {refused}");
        }

        private static ReplayFile<TestInput> RandomReplay(Random random)
        {
            ReplayPayload p = RandomReplayPayload(random);
            return ReplayFile<TestInput>.FromBytes(ReplayFile<TestInput>.Format.Write(p.Encode()));
        }

        private static ReplayPayload RandomReplayPayload(Random random)
        {
            ReplayPayload p = RandomPayloads.Replay(random);
            p.InputTypeName = typeof(TestInput).FullName!;
            p.InputSize = 2;
            p.Inputs = RandomPayloads.Bytes(random, p.FrameCount * p.PlayerCount * 2);
            return p;
        }

        /// <summary>One to three random edits: bit flips, byte overwrites, an int32 overwrite, a cut, an insertion, a deletion, or extra bytes.</summary>
        private static byte[] Corrupt(Random random, byte[] bytes)
        {
            byte[] result = (byte[])bytes.Clone();
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(result.Length + 1);
                switch (random.Next(7))
                {
                    case 0 when at < result.Length:
                        result[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1 when at < result.Length:
                        result[at] = (byte)random.Next(256);
                        break;
                    case 2 when at + 4 <= result.Length:
                        BitConverter.GetBytes(random.Next(3) switch { 0 => -1, 1 => random.Next(), _ => random.Next(-3, 300) }).CopyTo(result, at);
                        break;
                    case 3:
                        result = result.AsSpan(0, Math.Min(at, result.Length)).ToArray();
                        break;
                    case 4:
                        result = Splice(result, at, 0, RandomPayloads.Bytes(random, random.Next(1, 9)));
                        break;
                    case 5 when at < result.Length:
                        result = Splice(result, at, Math.Min(random.Next(1, 9), result.Length - at), Array.Empty<byte>());
                        break;
                    default:
                        result = Splice(result, result.Length, 0, RandomPayloads.Bytes(random, random.Next(1, 5)));
                        break;
                }
            }

            return result;
        }

        private static byte[] Splice(byte[] bytes, int at, int remove, byte[] insert)
        {
            var result = new byte[bytes.Length - remove + insert.Length];
            bytes.AsSpan(0, at).CopyTo(result);
            insert.CopyTo(result, at);
            bytes.AsSpan(at + remove).CopyTo(result.AsSpan(at + insert.Length));
            return result;
        }
    }
}
