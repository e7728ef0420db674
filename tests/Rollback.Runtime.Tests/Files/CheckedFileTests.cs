using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Rollback.IO;
using Xunit;

namespace Rollback.Runtime.Tests.Files
{
    /// <summary>
    /// The checked header shared by the replay file and the desync bundle manifest: each of its fields corrupted
    /// in turn is refused with the format's own exception and a message saying what is wrong.
    /// </summary>
    public class CheckedFileTests
    {
        private static readonly CheckedFile Format = new CheckedFile("TESTFILE", 3, "the test file", "test file", (m, e) => new TestFileException(m, e));

        private static readonly byte[] Payload = Encoding.UTF8.GetBytes("a payload of some length, with é in it");

        [Fact]
        public void TheHeaderHoldsMagicVersionLengthAndHashLittleEndian_ThenThePayload()
        {
            byte[] file = Format.Write(Payload);
            Assert.Equal(24 + Payload.Length, file.Length);
            Assert.Equal("TESTFILE", Encoding.ASCII.GetString(file, 0, 8));
            Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)));
            Assert.Equal(Payload.Length, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12)));
            Assert.Equal(XxHash3.HashToUInt64(Payload), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16)));
            Assert.Equal(Payload, Format.ReadPayload(file).ToArray());
        }

        [Fact]
        public void AnEmptyPayloadRoundTrips()
        {
            byte[] file = Format.Write(ReadOnlySpan<byte>.Empty);
            Assert.Equal(24, file.Length);
            Assert.True(Format.ReadPayload(file).IsEmpty);
        }

        [Fact]
        public void EveryMagicByteCorrupted_IsAForeignFile()
        {
            for (int i = 0; i < 8; i++)
            {
                byte[] file = Format.Write(Payload);
                file[i] ^= 0x20;
                Assert.Equal("Not a test file: the test file does not start with the magic \"TESTFILE\".", Refused(file).Message);
            }

            Assert.Contains("does not start with the magic", Refused(Encoding.ASCII.GetBytes("TESTFIL")).Message);
            Assert.Contains("does not start with the magic", Refused(Array.Empty<byte>()).Message);
        }

        [Theory]
        [InlineData(4, "newer")]
        [InlineData(99, "newer")]
        [InlineData(2, "older")]
        [InlineData(0, "older")]
        [InlineData(-1, "older")]
        public void AnotherVersion_NamesBothVersionsAndWhichIsNewer(int version, string writer)
        {
            byte[] file = Format.Write(Payload);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), version);
            Assert.Equal(
                $"Cannot read the test file: it has format version {version} (written by {(writer == "newer" ? "a newer" : "an older")} version of Rollback); this version of Rollback reads version 3.",
                Refused(file).Message);
        }

        [Fact]
        public void EveryLengthShorterThanTheHeader_IsTruncated()
        {
            byte[] file = Format.Write(Payload);
            for (int length = 8; length < 24; length++)
            {
                Assert.Equal($"Cannot read the test file: it is truncated ({length} bytes, shorter than its 24-byte header).", Refused(file.AsSpan(0, length)).Message);
            }
        }

        [Fact]
        public void EveryCutInsideThePayload_IsTruncated()
        {
            byte[] file = Format.Write(Payload);
            for (int length = 24; length < file.Length; length++)
            {
                Assert.Equal(
                    $"Cannot read the test file: it is truncated (its payload should be {Payload.Length} bytes but {length - 24} are present).",
                    Refused(file.AsSpan(0, length)).Message);
            }
        }

        [Fact]
        public void BytesAfterThePayload_AreRefused()
        {
            byte[] file = Format.Write(Payload);
            var longer = new byte[file.Length + 3];
            file.CopyTo(longer, 0);
            Assert.Equal(
                $"Cannot read the test file: it is corrupt (its payload should be {Payload.Length} bytes but {Payload.Length + 3} follow the header).",
                Refused(longer).Message);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(int.MinValue)]
        public void ANegativeLength_IsCorrupt(int length)
        {
            byte[] file = Format.Write(Payload);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), length);
            Assert.Equal($"Cannot read the test file: it is corrupt (its header gives a negative payload length, {length}).", Refused(file).Message);
        }

        [Fact]
        public void EveryLengthByteCorrupted_IsRefused()
        {
            for (int i = 12; i < 16; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] file = Format.Write(Payload);
                    file[i] ^= (byte)(1 << bit);
                    string message = Refused(file).Message;
                    Assert.True(message.Contains("truncated") || message.Contains("corrupt"), message);
                }
            }
        }

        [Fact]
        public void EveryHashBitAndEveryPayloadBitFlipped_IsCorrupt()
        {
            byte[] original = Format.Write(Payload);
            for (int i = 16; i < original.Length; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] file = (byte[])original.Clone();
                    file[i] ^= (byte)(1 << bit);
                    Assert.Equal("Cannot read the test file: it is corrupt (its payload does not match the checksum in its header).", Refused(file).Message);
                }
            }
        }

        [Fact]
        public void ReadHandsTheDecoderExactlyThePayload()
        {
            Assert.Equal(Encoding.UTF8.GetString(Payload), Format.Read(Format.Write(Payload), payload => Encoding.UTF8.GetString(payload)));
        }

        [Fact]
        public void AnUndecodablePayload_IsCorruptWithTheDecodersReasonAndCause()
        {
            var cause = new FormatException("the thing at byte 3 is missing");
            var error = Assert.Throws<TestFileException>(() => Format.Read<int>(Format.Write(Payload), _ => throw cause));
            Assert.Equal("Cannot read the test file: it is corrupt (the thing at byte 3 is missing).", error.Message);
            Assert.Same(cause, error.InnerException);
        }

        [Fact]
        public void ABadHeaderIsRefusedBeforeTheDecoderRuns()
        {
            byte[] file = Format.Write(Payload);
            file[20] ^= 1;
            Assert.Throws<TestFileException>(() => Format.Read<int>(file, _ => throw new Xunit.Sdk.XunitException("decoded a file whose header is wrong")));
        }

        [Theory]
        [InlineData("SHORT")]
        [InlineData("NINECHARS")]
        [InlineData("ÉÉÉÉÉÉÉÉ")]
        public void AMagicIsEightAsciiCharacters(string magic)
        {
            Assert.Throws<ArgumentException>(() => new CheckedFile(magic, 1, "x", "y", (m, e) => new TestFileException(m, e)));
        }

        private static TestFileException Refused(ReadOnlySpan<byte> file)
        {
            try
            {
                Format.ReadPayload(file);
            }
            catch (TestFileException ex)
            {
                return ex;
            }

            throw new Xunit.Sdk.XunitException("The file was accepted.");
        }

        private sealed class TestFileException : Exception
        {
            public TestFileException(string message, Exception? inner)
                : base(message, inner)
            {
            }
        }
    }
}
