using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace Rollback.Snapshots
{
    /// <summary>
    /// The snapshot envelope shared by every generated state: a 16-byte header (magic, schema id,
    /// body length) followed by the body. Also sizes, checksums and the scratch buffer used by
    /// <see cref="IRollbackState.Checksum"/>. Used by generated code.
    /// </summary>
    /// <remarks>
    /// Header layout, little-endian: bytes 0-3 magic <c>RBS1</c>; bytes 4-11 the schema id (a hash of
    /// the state type's name and member layout, computed by the generator); bytes 12-15 the body length.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SnapshotEncoding
    {
        /// <summary>Size of the header in bytes.</summary>
        public const int HeaderSize = 16;

        /// <summary>Size of the Frame, StepNum and Episode counters that open the body of a saved root state.</summary>
        public const int CountersSize = 3 * sizeof(int);

        /// <summary>The magic number "RBS1" read as a little-endian uint.</summary>
        public const uint Magic = 0x31534252;

        [ThreadStatic]
        private static byte[]? s_scratch;

        /// <summary>Throws on a big-endian machine: the canonical encoding is little-endian raw memory.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void EnsureLittleEndian()
        {
            if (!BitConverter.IsLittleEndian)
            {
                ThrowBigEndian();
            }
        }

        /// <summary>The part of <paramref name="destination"/> after the header, where the body goes.</summary>
        /// <param name="destination">Where the snapshot goes.</param>
        /// <param name="stateType">The state type, for the error message.</param>
        /// <returns>The body area.</returns>
        public static Span<byte> BodyOf(Span<byte> destination, Type stateType)
        {
            if (destination.Length < HeaderSize + CountersSize)
            {
                throw new SnapshotBufferTooSmallException(
                    $"Destination of {destination.Length} bytes is too small for a snapshot of {stateType}. Size it with SnapshotSize.");
            }

            return destination.Slice(HeaderSize);
        }

        /// <summary>Writes the header once the body has been written.</summary>
        /// <param name="destination">Where the snapshot goes.</param>
        /// <param name="schemaId">The state type's schema id.</param>
        /// <param name="bodyLength">The body length in bytes.</param>
        public static void WriteHeader(Span<byte> destination, ulong schemaId, int bodyLength)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
            BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(4), schemaId);
            BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(12), bodyLength);
        }

        /// <summary>
        /// Validates the header before anything is restored and returns the body: throws
        /// <see cref="SnapshotFormatException"/> for truncated bytes, foreign bytes, or a snapshot of
        /// another state type or version.
        /// </summary>
        /// <param name="source">The snapshot bytes.</param>
        /// <param name="schemaId">The schema id expected.</param>
        /// <param name="stateType">The state type, for the error message.</param>
        /// <returns>The body.</returns>
        public static ReadOnlySpan<byte> ReadHeader(ReadOnlySpan<byte> source, ulong schemaId, Type stateType)
        {
            if (source.Length < HeaderSize)
            {
                throw new SnapshotFormatException(
                    $"Cannot restore {stateType}: {source.Length} bytes is shorter than the {HeaderSize}-byte snapshot header (truncated snapshot).");
            }

            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(source);
            if (magic != Magic)
            {
                throw new SnapshotFormatException(
                    $"Cannot restore {stateType}: the bytes are not a Rollback snapshot (magic 0x{magic:X8}, expected 0x{Magic:X8}).");
            }

            ulong actual = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(4));
            if (actual != schemaId)
            {
                throw new SnapshotFormatException(
                    $"Cannot restore {stateType}: the snapshot was written by another state type or another version of this one (schema 0x{actual:X16}, expected 0x{schemaId:X16}).");
            }

            int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(12));
            if (bodyLength < 0 || bodyLength > source.Length - HeaderSize)
            {
                throw new SnapshotFormatException(
                    $"Cannot restore {stateType}: the snapshot is truncated (body of {bodyLength} bytes, {source.Length - HeaderSize} present).");
            }

            return source.Slice(HeaderSize, bodyLength);
        }

        /// <summary>Throws when a restore did not consume exactly the body it was given.</summary>
        /// <param name="consumed">Bytes read.</param>
        /// <param name="bodyLength">Bytes in the body.</param>
        /// <param name="stateType">The state type, for the error message.</param>
        public static void EnsureFullyRead(int consumed, int bodyLength, Type stateType)
        {
            if (consumed != bodyLength)
            {
                throw new SnapshotFormatException(
                    $"Snapshot of {stateType} is corrupt: the body holds {bodyLength} bytes but {consumed} were read.");
            }
        }

        /// <summary>The canonical checksum of snapshot bytes (XxHash3, seed 0).</summary>
        /// <param name="snapshot">Bytes written by <see cref="IRollbackState.Save"/>.</param>
        /// <returns>The checksum.</returns>
        public static ulong Checksum(ReadOnlySpan<byte> snapshot) => XxHash3.HashToUInt64(snapshot);

        /// <summary>Saves <paramref name="state"/> into a per-thread scratch buffer and hashes it.</summary>
        /// <param name="state">The state.</param>
        /// <returns>The canonical checksum.</returns>
        /// <typeparam name="T">The state type (a struct state is not boxed).</typeparam>
        public static ulong ChecksumOf<T>(T state) where T : IRollbackState
        {
            int size = state.SnapshotSize;
            byte[]? scratch = s_scratch;
            if (scratch is null || scratch.Length < size)
            {
                scratch = new byte[Math.Max(size, 256)];
                s_scratch = scratch;
            }

            int written = state.Save(scratch);
            return Checksum(scratch.AsSpan(0, written));
        }

        /// <summary>Encoded size of an unmanaged array or list: length prefix plus raw bytes.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="count">Element count, or -1 for null.</param>
        /// <returns>The size in bytes.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int SizeOfSpan<T>(int count) where T : unmanaged =>
            sizeof(int) + (count < 0 ? 0 : count * Unsafe.SizeOf<T>());

        /// <summary>Encoded size of an unmanaged array (null included).</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="array">The array.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfArray<T>(T[]? array) where T : unmanaged => SizeOfSpan<T>(array is null ? -1 : array.Length);

        /// <summary>Encoded size of an unmanaged list (null included).</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="list">The list.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfList<T>(List<T>? list) where T : unmanaged => SizeOfSpan<T>(list is null ? -1 : list.Count);

        /// <summary>Encoded size of a string (null included).</summary>
        /// <param name="value">The string.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfString(string? value) => sizeof(int) + (value is null ? 0 : value.Length * sizeof(char));

        /// <summary>Encoded size of an unmanaged value.</summary>
        /// <typeparam name="T">The type.</typeparam>
        /// <returns>The size in bytes.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int SizeOf<T>() where T : unmanaged => Unsafe.SizeOf<T>();

        /// <summary>Throws when a polymorphic instance sits in a state member declared with a base type.</summary>
        /// <param name="value">The instance.</param>
        /// <param name="declared">The declared type.</param>
        /// <param name="memberPath">The member.</param>
        public static void EnsureExactType(object value, Type declared, string memberPath)
        {
            if (value.GetType() != declared)
            {
                throw new InvalidOperationException(
                    $"State member '{memberPath}' is declared as {declared.FullName} but holds a {value.GetType().FullName}. Snapshots restore the declared type only; declare the member with the exact type.");
            }
        }

        /// <summary>Throws when restoring replaced a <c>readonly</c> array member, which cannot be reassigned.</summary>
        /// <param name="before">The instance before restoring.</param>
        /// <param name="after">The instance the snapshot needs.</param>
        /// <param name="memberPath">The member.</param>
        public static void EnsureSameInstance(object? before, object? after, string memberPath)
        {
            if (!ReferenceEquals(before, after))
            {
                throw new SnapshotFormatException(
                    $"Cannot restore readonly member '{memberPath}': the snapshot holds a collection of another length (or null). Remove 'readonly' so the collection can be replaced.");
            }
        }

        private static void ThrowBigEndian() =>
            throw new PlatformNotSupportedException("Rollback snapshots use the little-endian memory layout; big-endian machines are not supported.");
    }
}
