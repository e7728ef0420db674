using System;
using System.IO;
using System.Runtime.InteropServices;
using Rollback.IO;

namespace Rollback
{
    /// <summary>
    /// A recorded session: the snapshot of its first frame, then every frame's confirmed inputs and the
    /// checksum of the confirmed state after it. Written by <see cref="InputRecorder{TState, TInput}"/>, played by
    /// <see cref="ReplaySession{TState, TInput}"/>.
    /// </summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// File layout: bytes 0-7 the magic <c>RBREPLAY</c>; 8-11 the format version; 12-15 the payload length;
    /// 16-23 the XxHash3 of the payload; then the payload: a member count (one byte, 8), input type name, input
    /// size, player count, first frame, frame count, initial snapshot, inputs (raw little-endian bytes,
    /// frame-major), checksums (integers little-endian, arrays and the UTF-8 name length-prefixed). A truncated,
    /// corrupt, foreign or other-version file fails with <see cref="ReplayFormatException"/>.
    /// </remarks>
    public sealed class ReplayFile<TInput>
        where TInput : unmanaged
    {
        /// <summary>The format version this library writes and reads.</summary>
        public const int FormatVersion = 1;

        internal static readonly CheckedFile Format = new CheckedFile(
            "RBREPLAY", FormatVersion, "the replay file", "Rollback replay file", (message, inner) => inner is null ? new ReplayFormatException(message) : new ReplayFormatException(message, inner));

        private readonly ReplayPayload _payload;
        private readonly TInput[] _inputs;

        private ReplayFile(ReplayPayload payload, TInput[] inputs)
        {
            _payload = payload;
            _inputs = inputs;
        }

        /// <summary>Number of players.</summary>
        public int PlayerCount => _payload.PlayerCount;

        /// <summary>The first recorded frame (the frame of <see cref="InitialSnapshot"/>).</summary>
        public int StartFrame => _payload.StartFrame;

        /// <summary>Number of recorded frames.</summary>
        public int FrameCount => _payload.FrameCount;

        /// <summary>The full name of the input type it was recorded with.</summary>
        public string InputTypeName => _payload.InputTypeName;

        /// <summary>The snapshot of <see cref="StartFrame"/>: the state before the first recorded frame.</summary>
        public ReadOnlySpan<byte> InitialSnapshot => _payload.InitialSnapshot;

        /// <summary>The confirmed inputs of a recorded frame, one per player.</summary>
        /// <param name="frame">A frame from <see cref="StartFrame"/> to <see cref="StartFrame"/> + <see cref="FrameCount"/> - 1.</param>
        /// <returns>The inputs.</returns>
        public ReadOnlySpan<TInput> Inputs(int frame) => new ReadOnlySpan<TInput>(_inputs, Index(frame) * PlayerCount, PlayerCount);

        /// <summary>The checksum of the confirmed state after a recorded frame.</summary>
        /// <param name="frame">A recorded frame.</param>
        /// <returns>The checksum.</returns>
        public ulong Checksum(int frame) => _payload.Checksums[Index(frame)];

        /// <summary>Builds a replay from recorded data (normally done by <see cref="InputRecorder{TState, TInput}"/>).</summary>
        /// <param name="playerCount">Number of players.</param>
        /// <param name="startFrame">The first frame.</param>
        /// <param name="initialSnapshot">The snapshot of <paramref name="startFrame"/>.</param>
        /// <param name="inputs">FrameCount × playerCount inputs, frame-major.</param>
        /// <param name="checksums">One checksum per frame.</param>
        /// <returns>The replay.</returns>
        public static ReplayFile<TInput> Create(int playerCount, int startFrame, ReadOnlySpan<byte> initialSnapshot, ReadOnlySpan<TInput> inputs, ReadOnlySpan<ulong> checksums)
        {
            if (playerCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(playerCount), playerCount, "playerCount must be at least 1.");
            }

            if (inputs.Length != checksums.Length * playerCount)
            {
                throw new ArgumentException($"Expected {checksums.Length * playerCount} inputs ({checksums.Length} frames × {playerCount} players), got {inputs.Length}.", nameof(inputs));
            }

            var payload = new ReplayPayload
            {
                InputTypeName = typeof(TInput).FullName ?? typeof(TInput).Name,
                InputSize = System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>(),
                PlayerCount = playerCount,
                StartFrame = startFrame,
                FrameCount = checksums.Length,
                InitialSnapshot = initialSnapshot.ToArray(),
                Inputs = MemoryMarshal.AsBytes(inputs).ToArray(),
                Checksums = checksums.ToArray(),
            };
            return new ReplayFile<TInput>(payload, inputs.ToArray());
        }

        /// <summary>The file bytes.</summary>
        /// <returns>Header plus payload.</returns>
        public byte[] ToBytes() => Format.Write(_payload.Encode());

        /// <summary>Writes the file bytes to <paramref name="stream"/>.</summary>
        /// <param name="stream">The destination.</param>
        public void WriteTo(Stream stream)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            byte[] bytes = ToBytes();
            stream.Write(bytes, 0, bytes.Length);
        }

        /// <summary>Writes the file.</summary>
        /// <param name="path">The file path.</param>
        public void Save(string path) => File.WriteAllBytes(path, ToBytes());

        /// <summary>Reads a replay file.</summary>
        /// <param name="path">The file path.</param>
        /// <returns>The replay.</returns>
        /// <exception cref="ReplayFormatException">The file is truncated, corrupt, foreign, or for another input type.</exception>
        public static ReplayFile<TInput> Load(string path) => FromBytes(File.ReadAllBytes(path));

        /// <summary>Reads a replay from a stream, to its end.</summary>
        /// <param name="stream">The source.</param>
        /// <returns>The replay.</returns>
        /// <exception cref="ReplayFormatException">The bytes are truncated, corrupt, foreign, or for another input type.</exception>
        public static ReplayFile<TInput> ReadFrom(Stream stream)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return FromBytes(buffer.ToArray());
        }

        /// <summary>Reads a replay from its bytes.</summary>
        /// <param name="bytes">The file bytes.</param>
        /// <returns>The replay.</returns>
        /// <exception cref="ReplayFormatException">The bytes are truncated, corrupt, foreign, or for another input type.</exception>
        public static ReplayFile<TInput> FromBytes(ReadOnlySpan<byte> bytes)
        {
            return Validate(Format.Read(bytes, ReplayPayload.Decode));
        }

        private static ReplayFile<TInput> Validate(ReplayPayload payload)
        {
            string expectedName = typeof(TInput).FullName ?? typeof(TInput).Name;
            int expectedSize = System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>();
            if (payload.InputSize != expectedSize || payload.InputTypeName != expectedName)
            {
                throw Format.Unreadable(
                    $"it was recorded with input type {payload.InputTypeName} ({payload.InputSize} bytes) but is read as {expectedName} ({expectedSize} bytes)");
            }

            if (payload.PlayerCount < 1 || payload.FrameCount < 0 || payload.StartFrame < 0
                || payload.Checksums.Length != payload.FrameCount
                || (long)payload.Inputs.Length != (long)payload.FrameCount * payload.PlayerCount * expectedSize)
            {
                throw Format.Unreadable(
                    $"it is corrupt ({payload.FrameCount} frames of {payload.PlayerCount} players need {(long)payload.FrameCount * payload.PlayerCount * expectedSize} input bytes and {payload.FrameCount} checksums; it holds {payload.Inputs.Length} and {payload.Checksums.Length})");
            }

            TInput[] inputs = MemoryMarshal.Cast<byte, TInput>(payload.Inputs).ToArray();
            return new ReplayFile<TInput>(payload, inputs);
        }

        private int Index(int frame)
        {
            int index = frame - StartFrame;
            if ((uint)index >= (uint)FrameCount)
            {
                throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The replay holds frames {StartFrame}..{StartFrame + FrameCount - 1}.");
            }

            return index;
        }
    }
}
