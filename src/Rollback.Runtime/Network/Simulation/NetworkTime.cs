using System;

namespace Rollback.Network.Simulation
{
    /// <summary>
    /// Converts between wall-clock milliseconds and simulation ticks (one tick = one simulated frame), the
    /// unit of <see cref="SimulatedNetwork"/>'s virtual clock and of the protocol's timestamps.
    /// </summary>
    public static class NetworkTime
    {
        /// <summary>
        /// Milliseconds to ticks at <paramref name="ticksPerSecond"/>, rounded to the nearest tick (halves away
        /// from zero). At 30 ticks/s: 100 ms → 3, 200 ms → 6, 50 ms → 2 (1.5 rounds up), 75 ms → 2.
        /// </summary>
        /// <param name="milliseconds">A duration; may be negative (a signed jitter offset).</param>
        /// <param name="ticksPerSecond">The tick rate, at least 1.</param>
        /// <returns>The duration in ticks.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticksPerSecond"/> is less than 1.</exception>
        public static int MillisecondsToTicks(int milliseconds, int ticksPerSecond)
        {
            CheckRate(ticksPerSecond);
            long scaled = (long)milliseconds * ticksPerSecond;
            long ticks = scaled >= 0 ? (scaled + 500) / 1000 : -((-scaled + 500) / 1000);
            return (int)ticks;
        }

        /// <summary>Ticks to milliseconds at <paramref name="ticksPerSecond"/>, rounded to the nearest millisecond.</summary>
        /// <param name="ticks">A duration in ticks.</param>
        /// <param name="ticksPerSecond">The tick rate, at least 1.</param>
        /// <returns>The duration in milliseconds.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticksPerSecond"/> is less than 1.</exception>
        public static long TicksToMilliseconds(long ticks, int ticksPerSecond)
        {
            CheckRate(ticksPerSecond);
            long half = ticksPerSecond / 2;
            long scaled = ticks * 1000;
            return scaled >= 0 ? (scaled + half) / ticksPerSecond : -((-scaled + half) / ticksPerSecond);
        }

        /// <summary>Seconds to ticks at <paramref name="ticksPerSecond"/> (exact).</summary>
        /// <param name="seconds">A duration in whole seconds.</param>
        /// <param name="ticksPerSecond">The tick rate, at least 1.</param>
        /// <returns>The duration in ticks.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticksPerSecond"/> is less than 1.</exception>
        public static int SecondsToTicks(int seconds, int ticksPerSecond)
        {
            CheckRate(ticksPerSecond);
            return checked(seconds * ticksPerSecond);
        }

        private static void CheckRate(int ticksPerSecond)
        {
            if (ticksPerSecond < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ticksPerSecond), ticksPerSecond, "The tick rate must be at least 1.");
            }
        }
    }
}
