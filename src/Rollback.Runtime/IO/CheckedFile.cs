using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Linq;
using System.Text;

namespace Rollback.IO
{
    /// <summary>Decodes a file's payload.</summary>
    /// <typeparam name="T">What the payload holds.</typeparam>
    /// <param name="payload">The payload bytes, after the checked header.</param>
    /// <returns>The decoded payload.</returns>
    /// <exception cref="FormatException">The bytes are not exactly such a payload.</exception>
    internal delegate T PayloadDecoder<T>(ReadOnlySpan<byte> payload);

    /// <summary>
    /// The checked header every Rollback file format opens with, and the check of it: bytes 0-7 the format's
    /// magic, 8-11 the format version, 12-15 the payload length, 16-23 the XxHash3 of the payload, then exactly
    /// that many payload bytes. Each format gives its own magic, wording and exception type, so a foreign,
    /// truncated, corrupt, overlong or other-version file fails with that format's exception and a clear reason.
    /// </summary>
    internal sealed class CheckedFile
    {
        /// <summary>Bytes before the payload.</summary>
        public const int HeaderSize = 24;

        private const int MagicSize = 8;

        private readonly byte[] _magic;
        private readonly string _magicText;
        private readonly string _name;
        private readonly string _kind;
        private readonly Func<string, Exception?, Exception> _error;

        /// <summary>Describes one format.</summary>
        /// <param name="magic">Eight printable ASCII characters that open every file of the format.</param>
        /// <param name="version">The format version written and the only one read.</param>
        /// <param name="name">How messages name the file mid-sentence (for example <c>the replay file</c> or <c>bundle.rbdesync</c>).</param>
        /// <param name="kind">What the file should be, after "Not a" (for example <c>Rollback replay file</c>).</param>
        /// <param name="error">Makes the format's exception from a message and an optional cause.</param>
        public CheckedFile(string magic, int version, string name, string kind, Func<string, Exception?, Exception> error)
        {
            if (magic is null || magic.Length != MagicSize || magic.Any(c => c < ' ' || c > '~'))
            {
                throw new ArgumentException("A file magic is eight printable ASCII characters.", nameof(magic));
            }

            _magic = Encoding.ASCII.GetBytes(magic);
            _magicText = magic;
            Version = version;
            _name = name ?? throw new ArgumentNullException(nameof(name));
            _kind = kind ?? throw new ArgumentNullException(nameof(kind));
            _error = error ?? throw new ArgumentNullException(nameof(error));
        }

        /// <summary>The format version written and read.</summary>
        public int Version { get; }

        /// <summary>The header followed by <paramref name="payload"/>.</summary>
        /// <param name="payload">The format's payload bytes.</param>
        /// <returns>The whole file.</returns>
        public byte[] Write(ReadOnlySpan<byte> payload)
        {
            var bytes = new byte[HeaderSize + payload.Length];
            _magic.CopyTo(bytes, 0);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), Version);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payload.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), XxHash3.HashToUInt64(payload));
            payload.CopyTo(bytes.AsSpan(HeaderSize));
            return bytes;
        }

        /// <summary>Checks the header and returns the payload it vouches for.</summary>
        /// <param name="file">The whole file.</param>
        /// <returns>The payload bytes (a slice of <paramref name="file"/>).</returns>
        /// <exception cref="Exception">The format's exception: foreign, truncated, other-version, overlong or corrupt bytes.</exception>
        public ReadOnlySpan<byte> ReadPayload(ReadOnlySpan<byte> file)
        {
            if (file.Length < MagicSize || !file.Slice(0, MagicSize).SequenceEqual(_magic))
            {
                throw Error($"Not a {_kind}: {_name} does not start with the magic \"{_magicText}\".");
            }

            if (file.Length < HeaderSize)
            {
                throw Unreadable($"it is truncated ({file.Length} bytes, shorter than its {HeaderSize}-byte header)");
            }

            int version = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(8));
            if (version != Version)
            {
                string writer = version > Version ? "a newer" : "an older";
                throw Unreadable($"it has format version {version} (written by {writer} version of Rollback); this version of Rollback reads version {Version}");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(12));
            int present = file.Length - HeaderSize;
            if (length < 0)
            {
                throw Unreadable($"it is corrupt (its header gives a negative payload length, {length})");
            }

            if (length > present)
            {
                throw Unreadable($"it is truncated (its payload should be {length} bytes but {present} are present)");
            }

            if (length < present)
            {
                throw Unreadable($"it is corrupt (its payload should be {length} bytes but {present} follow the header)");
            }

            ReadOnlySpan<byte> payload = file.Slice(HeaderSize, length);
            if (XxHash3.HashToUInt64(payload) != BinaryPrimitives.ReadUInt64LittleEndian(file.Slice(16)))
            {
                throw Unreadable("it is corrupt (its payload does not match the checksum in its header)");
            }

            return payload;
        }

        /// <summary>Checks the header, then decodes the payload it vouches for.</summary>
        /// <typeparam name="T">What the payload holds.</typeparam>
        /// <param name="file">The whole file.</param>
        /// <param name="decode">The format's payload decoder; a <see cref="FormatException"/> from it becomes the format's exception.</param>
        /// <returns>The decoded payload.</returns>
        /// <exception cref="Exception">The format's exception: foreign, truncated, other-version, overlong, corrupt or undecodable bytes.</exception>
        public T Read<T>(ReadOnlySpan<byte> file, PayloadDecoder<T> decode)
        {
            ReadOnlySpan<byte> payload = ReadPayload(file);
            try
            {
                return decode(payload);
            }
            catch (FormatException ex)
            {
                throw Undecodable(ex);
            }
        }

        private Exception Undecodable(FormatException cause) => Unreadable($"it is corrupt ({cause.Message.TrimEnd('.')})", cause);

        /// <summary>The format's exception for a file whose payload decodes but does not add up.</summary>
        /// <param name="reason">What is wrong, lower-case (for example <c>it is corrupt (its inputs do not add up)</c>).</param>
        /// <param name="inner">The cause, if any.</param>
        /// <returns>The exception to throw: "Cannot read {name}: {reason}."</returns>
        public Exception Unreadable(string reason, Exception? inner = null) => _error($"Cannot read {_name}: {reason}.", inner);

        private Exception Error(string message) => _error(message, null);
    }
}
