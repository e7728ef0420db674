using System.Runtime.InteropServices;

namespace Rollback
{
    /// <summary>Makes a random input for unattended runs (sync tests, soak tests).</summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <param name="random">The seeded generator to draw from.</param>
    /// <param name="player">The player.</param>
    /// <param name="frame">The frame.</param>
    /// <returns>The input.</returns>
    public delegate TInput RandomInputFactory<TInput>(ref DeterministicRandom random, int player, int frame)
        where TInput : unmanaged;

    /// <summary>Random inputs from a seed.</summary>
    public static class RandomInputs
    {
        /// <summary>
        /// An input whose bytes are all random. Fine for inputs made of integers; give a
        /// <see cref="RandomInputFactory{TInput}"/> for inputs with <see langword="bool"/> or enum fields.
        /// </summary>
        /// <typeparam name="TInput">One player's input for one frame.</typeparam>
        /// <param name="random">The seeded generator to draw from.</param>
        /// <param name="player">The player (unused).</param>
        /// <param name="frame">The frame (unused).</param>
        /// <returns>The input.</returns>
        public static TInput RandomBytes<TInput>(ref DeterministicRandom random, int player, int frame)
            where TInput : unmanaged
        {
            TInput value = default;
            var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)random.NextUInt32();
            }

            return value;
        }
    }
}
