using System;

namespace Rollback.Network.Simulation
{
    /// <summary>
    /// What a <see cref="SimulatedNetwork"/> does to datagrams on one directed link. Times are in ticks of the
    /// network's virtual clock; <see cref="FromMilliseconds"/> converts from milliseconds at a tick rate.
    /// </summary>
    /// <remarks>
    /// <para>A datagram sent at tick <c>t</c> becomes receivable at tick <c>t + delay</c>, where
    /// <c>delay = max(0, LatencyTicks + jitter)</c> and <c>jitter</c> is uniform in
    /// <c>[-JitterTicks, +JitterTicks]</c>: drawn for every datagram when <see cref="JitterRedrawTicks"/> is 0,
    /// otherwise drawn once per window of <see cref="JitterRedrawTicks"/> ticks and shared by every datagram sent in
    /// that window (a route that changes every so often). A datagram reordered on purpose
    /// (<see cref="ReorderProbability"/>) waits 1 to <see cref="ReorderExtraTicks"/> extra ticks so later ones overtake it.</para>
    /// <para>The network copies the values when they are applied; changing this object later has no effect until
    /// it is applied again.</para>
    /// </remarks>
    public sealed class LinkConditions
    {
        /// <summary>A perfect link: no delay, no loss.</summary>
        public static LinkConditions Perfect => new LinkConditions();

        /// <summary>Base one-way delay in ticks. Default 0 (receivable in the tick it was sent).</summary>
        public int LatencyTicks { get; set; }

        /// <summary>Largest deviation from <see cref="LatencyTicks"/>, in ticks, either way. Default 0.</summary>
        public int JitterTicks { get; set; }

        /// <summary>0 (the default): jitter is drawn for each datagram. K &gt; 0: drawn once per window of K ticks.</summary>
        public int JitterRedrawTicks { get; set; }

        /// <summary>Probability in [0, 1] that a datagram is lost. Default 0.</summary>
        public double LossProbability { get; set; }

        /// <summary>Probability in [0, 1] that a datagram that was not lost arrives twice (the copy has its own delay). Default 0.</summary>
        public double DuplicateProbability { get; set; }

        /// <summary>Probability in [0, 1] that a datagram is held back so that later ones overtake it. Default 0.</summary>
        public double ReorderProbability { get; set; }

        /// <summary>Most extra ticks a datagram held back by <see cref="ReorderProbability"/> waits (at least 1). Default 2.</summary>
        public int ReorderExtraTicks { get; set; } = 2;

        /// <summary>
        /// Conditions given in milliseconds, converted with <see cref="NetworkTime.MillisecondsToTicks"/>:
        /// e.g. 100 ± 75 ms re-drawn every 200 ms at 30 ticks/s is 3 ± 2 ticks re-drawn every 6 ticks.
        /// </summary>
        /// <param name="ticksPerSecond">The simulation's tick rate.</param>
        /// <param name="latencyMs">One-way delay.</param>
        /// <param name="jitterMs">Largest deviation either way.</param>
        /// <param name="jitterRedrawMs">0: jitter per datagram; otherwise the jitter window.</param>
        /// <param name="lossProbability">Loss probability.</param>
        /// <param name="duplicateProbability">Duplication probability.</param>
        /// <param name="reorderProbability">Explicit reordering probability.</param>
        /// <returns>The conditions.</returns>
        public static LinkConditions FromMilliseconds(
            int ticksPerSecond,
            int latencyMs,
            int jitterMs = 0,
            int jitterRedrawMs = 0,
            double lossProbability = 0,
            double duplicateProbability = 0,
            double reorderProbability = 0)
        {
            var c = new LinkConditions
            {
                LatencyTicks = NetworkTime.MillisecondsToTicks(latencyMs, ticksPerSecond),
                JitterTicks = NetworkTime.MillisecondsToTicks(jitterMs, ticksPerSecond),
                JitterRedrawTicks = jitterRedrawMs == 0 ? 0 : Math.Max(1, NetworkTime.MillisecondsToTicks(jitterRedrawMs, ticksPerSecond)),
                LossProbability = lossProbability,
                DuplicateProbability = duplicateProbability,
                ReorderProbability = reorderProbability,
            };
            c.Validate();
            return c;
        }

        /// <summary>A copy of these conditions.</summary>
        /// <returns>The copy.</returns>
        public LinkConditions Clone() => (LinkConditions)MemberwiseClone();

        /// <summary>Throws when a value is out of range.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A value is negative, or a probability is outside [0, 1].</exception>
        public void Validate()
        {
            if (LatencyTicks < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(LatencyTicks), LatencyTicks, "Latency must not be negative.");
            }

            if (JitterTicks < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(JitterTicks), JitterTicks, "Jitter must not be negative.");
            }

            if (JitterRedrawTicks < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(JitterRedrawTicks), JitterRedrawTicks, "The jitter window must not be negative.");
            }

            if (ReorderExtraTicks < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ReorderExtraTicks), ReorderExtraTicks, "Must be at least 1.");
            }

            CheckProbability(LossProbability, nameof(LossProbability));
            CheckProbability(DuplicateProbability, nameof(DuplicateProbability));
            CheckProbability(ReorderProbability, nameof(ReorderProbability));
        }

        /// <summary>A readable summary.</summary>
        /// <returns>The text.</returns>
        public override string ToString() =>
            FormattableString.Invariant(
                $"latency {LatencyTicks}±{JitterTicks} ticks (redraw {JitterRedrawTicks}), loss {LossProbability:P1}, dup {DuplicateProbability:P1}, reorder {ReorderProbability:P1}");

        private static void CheckProbability(double p, string name)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(name, p, "A probability must be within [0, 1].");
            }
        }
    }
}
