using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>What went wrong in a run; the shrinker keeps the kind while it simplifies the scenario.</summary>
    public enum FailureKind
    {
        /// <summary>A peer (or the spectator) did not finish within the bound of virtual time.</summary>
        DidNotFinish,

        /// <summary>User-visible exception out of a session.</summary>
        Exception,

        /// <summary>Peers' exports differ from each other.</summary>
        ExportsDiffer,

        /// <summary>A peer exported rows after the oracle's final frame.</summary>
        RowsPastFinal,

        /// <summary>A peer's export differs from the oracle's (a confirmed state, inputs or counters), or misses rows.</summary>
        OracleMismatch,

        /// <summary>Episode ends differ from the oracle's.</summary>
        EpisodeEnds,

        /// <summary>StepNum, Episode or Frame of a confirmed record is not what the timeline says.</summary>
        StepNum,

        /// <summary>A scenario drawn to cause rollbacks caused none (or an idle one caused some).</summary>
        Rollbacks,

        /// <summary>Peers disagree on a disconnect frame, or report a disconnect of a peer that never left.</summary>
        Disconnect,

        /// <summary>A peer reported a checksum disagreement.</summary>
        Desync,

        /// <summary>The oracle needed an input nobody gave (a confirmed frame of a player with no input).</summary>
        MissingInput,

        /// <summary>A handshake drawn to fail did not fail clearly (rows exported, or no failure reported).</summary>
        HandshakeOutcome,

        /// <summary>The spectator's export differs from the oracle's.</summary>
        Spectator,
    }

    /// <summary>One failure of a run.</summary>
    public readonly struct Failure
    {
        /// <summary>Creates a failure.</summary>
        /// <param name="kind">The kind.</param>
        /// <param name="message">What happened.</param>
        public Failure(FailureKind kind, string message)
        {
            Kind = kind;
            Message = message;
        }

        /// <summary>The kind.</summary>
        public FailureKind Kind { get; }

        /// <summary>What happened.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Kind + ": " + Message;
    }

    /// <summary>The outcome of one scenario run.</summary>
    public sealed class RunReport
    {
        /// <summary>Creates a report.</summary>
        /// <param name="spec">The scenario.</param>
        public RunReport(ScenarioSpec spec) => Spec = spec;

        /// <summary>The scenario.</summary>
        public ScenarioSpec Spec { get; }

        /// <summary>Every failure found (empty: the run passed every check).</summary>
        public List<Failure> Failures { get; } = new List<Failure>();

        /// <summary>Whether every check passed.</summary>
        public bool Passed => Failures.Count == 0;

        /// <summary>Virtual ticks the run took.</summary>
        public long Ticks { get; set; }

        /// <summary>The tick bound every peer had to finish within.</summary>
        public long Bound { get; set; }

        /// <summary>The final frame, from the oracle (-1 when none).</summary>
        public int FinalFrame { get; set; } = -1;

        /// <summary>Episode ends found by the oracle.</summary>
        public int EpisodeEnds { get; set; }

        /// <summary>Rollbacks over every surviving peer.</summary>
        public long Rollbacks { get; set; }

        /// <summary>Each peer's export rows.</summary>
        public List<List<string>> PeerRows { get; } = new List<List<string>>();

        /// <summary>Datagrams the peers dropped, for any reason.</summary>
        public long Dropped { get; set; }

        /// <summary>Per-peer network figures, for the failure message.</summary>
        public List<string> Notes { get; } = new List<string>();

        /// <summary>The first failure's kind (the run's class), or null.</summary>
        public FailureKind? Kind => Failures.Count == 0 ? null : Failures[0].Kind;

        /// <summary>Adds a failure.</summary>
        /// <param name="kind">The kind.</param>
        /// <param name="message">What happened.</param>
        public void Fail(FailureKind kind, string message) => Failures.Add(new Failure(kind, message));

        /// <summary>A readable account: the spec, the failures, the figures.</summary>
        /// <returns>The text.</returns>
        public string Describe()
        {
            var sb = new StringBuilder();
            sb.AppendLine(Spec.ToInitializer());
            sb.AppendLine($"ticks {Ticks} (bound {Bound}), final frame {FinalFrame}, episode ends {EpisodeEnds}, rollbacks {Rollbacks}");
            foreach (Failure f in Failures.Take(8))
            {
                sb.AppendLine("  " + f);
            }

            foreach (string n in Notes)
            {
                sb.AppendLine("  " + n);
            }

            return sb.ToString();
        }
    }
}
