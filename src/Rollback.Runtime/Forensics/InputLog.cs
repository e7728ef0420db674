using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Rollback.Forensics
{
    /// <summary>
    /// Confirmed inputs of consecutive frames, stored as raw little-endian bytes with the input type's name and
    /// size, so a tool can carry them without the game's assembly and read them back typed when it has it.
    /// </summary>
    public sealed class InputLog
    {
        private readonly byte[] _bytes;

        /// <summary>Creates a log from raw bytes.</summary>
        /// <param name="inputTypeName">The full name of the input type.</param>
        /// <param name="inputSize">Bytes per input.</param>
        /// <param name="playerCount">Inputs per frame.</param>
        /// <param name="startFrame">The frame of the first inputs.</param>
        /// <param name="bytes">frameCount × playerCount × inputSize bytes, frame-major.</param>
        public InputLog(string inputTypeName, int inputSize, int playerCount, int startFrame, byte[] bytes)
        {
            InputTypeName = inputTypeName ?? throw new ArgumentNullException(nameof(inputTypeName));
            _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
            if (inputSize < 1 || playerCount < 1 || startFrame < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSize), $"Input size ({inputSize}) and player count ({playerCount}) must be at least 1 and the start frame ({startFrame}) not negative.");
            }

            if (bytes.Length % (inputSize * playerCount) != 0)
            {
                throw new ArgumentException($"{bytes.Length} input bytes is not a whole number of frames of {playerCount} × {inputSize} bytes.", nameof(bytes));
            }

            InputSize = inputSize;
            PlayerCount = playerCount;
            StartFrame = startFrame;
            FrameCount = bytes.Length / (inputSize * playerCount);
        }

        /// <summary>The full name of the input type.</summary>
        public string InputTypeName { get; }

        /// <summary>Bytes per input.</summary>
        public int InputSize { get; }

        /// <summary>Inputs per frame.</summary>
        public int PlayerCount { get; }

        /// <summary>The frame of the first inputs.</summary>
        public int StartFrame { get; }

        /// <summary>Number of frames held.</summary>
        public int FrameCount { get; }

        /// <summary>The frame after the last one held.</summary>
        public int EndFrame => StartFrame + FrameCount;

        /// <summary>The raw bytes, frame-major.</summary>
        public ReadOnlySpan<byte> Bytes => _bytes;

        /// <summary>A log of typed inputs.</summary>
        /// <typeparam name="TInput">One player's input.</typeparam>
        /// <param name="playerCount">Inputs per frame.</param>
        /// <param name="startFrame">The frame of the first inputs.</param>
        /// <param name="inputs">The inputs, frame-major.</param>
        /// <returns>The log.</returns>
        public static InputLog Create<TInput>(int playerCount, int startFrame, ReadOnlySpan<TInput> inputs) where TInput : unmanaged =>
            new InputLog(typeof(TInput).FullName ?? typeof(TInput).Name, System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>(), playerCount, startFrame, MemoryMarshal.AsBytes(inputs).ToArray());

        /// <summary>Whether the log holds <paramref name="frame"/>.</summary>
        /// <param name="frame">A frame.</param>
        /// <returns>True when held.</returns>
        public bool Contains(int frame) => frame >= StartFrame && frame < EndFrame;

        /// <summary>The raw bytes of one player's input.</summary>
        /// <param name="frame">A held frame.</param>
        /// <param name="player">A player index.</param>
        /// <returns>The bytes.</returns>
        public ReadOnlySpan<byte> Raw(int frame, int player)
        {
            if (!Contains(frame) || (uint)player >= (uint)PlayerCount)
            {
                throw new ArgumentOutOfRangeException(nameof(frame), $"The input log holds frames {StartFrame}..{EndFrame - 1} of {PlayerCount} players; asked for frame {frame}, player {player}.");
            }

            return new ReadOnlySpan<byte>(_bytes, (((frame - StartFrame) * PlayerCount) + player) * InputSize, InputSize);
        }

        /// <summary>The inputs of one frame as <typeparamref name="TInput"/>.</summary>
        /// <typeparam name="TInput">The input type the log was written with.</typeparam>
        /// <param name="frame">A held frame.</param>
        /// <returns>One input per player.</returns>
        /// <exception cref="InvalidOperationException">The log holds another input type.</exception>
        public ReadOnlySpan<TInput> Inputs<TInput>(int frame) where TInput : unmanaged
        {
            EnsureType(typeof(TInput), System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>());
            if (!Contains(frame))
            {
                throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The input log holds frames {StartFrame}..{EndFrame - 1}.");
            }

            return MemoryMarshal.Cast<byte, TInput>(new ReadOnlySpan<byte>(_bytes)).Slice((frame - StartFrame) * PlayerCount, PlayerCount);
        }

        /// <summary>One player's input as lowercase hex (the form used when the input type is not at hand).</summary>
        /// <param name="frame">A held frame.</param>
        /// <param name="player">A player index.</param>
        /// <returns>The hex text.</returns>
        public string Hex(int frame, int player)
        {
            ReadOnlySpan<byte> raw = Raw(frame, player);
            var text = new StringBuilder(raw.Length * 2);
            foreach (byte b in raw)
            {
                text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        /// <summary>Throws unless the log was written with <paramref name="inputType"/>.</summary>
        /// <param name="inputType">The expected input type.</param>
        /// <param name="size">Its size.</param>
        public void EnsureType(Type inputType, int size)
        {
            string name = inputType.FullName ?? inputType.Name;
            if (name != InputTypeName || size != InputSize)
            {
                throw new InvalidOperationException($"The inputs were recorded as {InputTypeName} ({InputSize} bytes), not {name} ({size} bytes).");
            }
        }
    }
}
