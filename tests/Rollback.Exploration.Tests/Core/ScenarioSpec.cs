using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>Which game a scenario plays.</summary>
    public enum GameKind
    {
        /// <summary>The exploration game: any input size, episode ends that depend on the inputs.</summary>
        Explore = 0,

        /// <summary>The sample arena (<c>samples/Arena.Game</c>), with its 3-byte pad.</summary>
        Arena = 1,
    }

    /// <summary>A handshake that cannot complete, drawn on purpose.</summary>
    public enum HandshakeFault
    {
        /// <summary>A normal handshake.</summary>
        None = 0,

        /// <summary>The last peer's configuration (its game hash) differs from the others'.</summary>
        MismatchedConfig = 1,

        /// <summary>The last peer never starts.</summary>
        NeverStarts = 2,
    }

    /// <summary>
    /// One drawn scenario, complete: replaying a spec replays the run bit for bit (the network, the bots and the virtual
    /// clock are all seeded). <see cref="ToCSharp"/> prints it as a ready-to-paste xunit test.
    /// </summary>
    public sealed class ScenarioSpec
    {
        /// <summary>Seed of the network and the bots.</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>The game.</summary>
        public GameKind Game { get; set; }

        /// <summary>Bytes per input of the exploration game: 1, 4, 16, 64, 256 or 1024 (the arena's pad is 3).</summary>
        public int InputSize { get; set; } = 4;

        /// <summary>How many players each peer owns; the sum is the player count (peer 0 owns the first ones).</summary>
        public int[] PlayersPerPeer { get; set; } = { 1, 1 };

        /// <summary>Input delay in frames.</summary>
        public int InputDelay { get; set; } = 2;

        /// <summary>Prediction window in frames (0: lockstep).</summary>
        public int PredictionWindow { get; set; } = 8;

        /// <summary>Frame limit (0: none).</summary>
        public int FrameCount { get; set; } = 240;

        /// <summary>Episode limit (0: none).</summary>
        public int Episodes { get; set; }

        /// <summary>Exploration game: steps before an input-driven episode end may happen.</summary>
        public int EpisodeMinSteps { get; set; } = 40;

        /// <summary>Exploration game: steps after which an episode always ends.</summary>
        public int EpisodeMaxSteps { get; set; } = 90;

        /// <summary>Exploration game: an early end happens on about one step in 2^EndBits.</summary>
        public int EndBits { get; set; } = 4;

        /// <summary>The agreed default input is a non-zero pattern instead of <c>default(TInput)</c>.</summary>
        public bool PatternedDefaultInput { get; set; }

        /// <summary>
        /// Whether a finished peer stops polling at once, as the natural loop <c>while (!session.IsFinished)</c> does (the
        /// default); otherwise it keeps polling until every peer is finished.
        /// </summary>
        public bool StopPollingAtFinish { get; set; } = true;

        /// <summary>Every player keeps the default input.</summary>
        public bool Idle { get; set; }

        /// <summary>One-way latency of every link, in ticks (one tick = 1/30 s).</summary>
        public int LatencyTicks { get; set; }

        /// <summary>Extra one-way latency of the links out of peer 0 (asymmetric links), in ticks.</summary>
        public int AsymmetryTicks { get; set; }

        /// <summary>Jitter either way, in ticks.</summary>
        public int JitterTicks { get; set; }

        /// <summary>0: jitter per datagram; otherwise re-drawn every this many ticks.</summary>
        public int JitterRedrawTicks { get; set; }

        /// <summary>Loss probability.</summary>
        public double Loss { get; set; }

        /// <summary>Duplication probability.</summary>
        public double Duplicate { get; set; }

        /// <summary>Explicit reordering probability.</summary>
        public double Reorder { get; set; }

        /// <summary>A peer cut off from every other peer (-1: none).</summary>
        public int PartitionPeer { get; set; } = -1;

        /// <summary>First partitioned tick.</summary>
        public int PartitionStart { get; set; }

        /// <summary>Partition length in ticks.</summary>
        public int PartitionTicks { get; set; }

        /// <summary>A peer that stops ticking for a while (-1: none).</summary>
        public int StallPeer { get; set; } = -1;

        /// <summary>First stalled tick.</summary>
        public int StallStart { get; set; }

        /// <summary>Stall length in ticks.</summary>
        public int StallTicks { get; set; }

        /// <summary>A peer that starts late (-1: none).</summary>
        public int LatePeer { get; set; } = -1;

        /// <summary>Ticks the late peer waits before its first poll.</summary>
        public int LateTicks { get; set; }

        /// <summary>A peer that leaves for good (-1: none).</summary>
        public int LeavePeer { get; set; } = -1;

        /// <summary>The tick it leaves at.</summary>
        public int LeaveTick { get; set; }

        /// <summary>Whether it says goodbye (a notice) rather than going silent.</summary>
        public bool LeavePolitely { get; set; }

        /// <summary>A peer whose process restarts (a new session, same session id) (-1: none).</summary>
        public int RestartPeer { get; set; } = -1;

        /// <summary>The tick of the restart.</summary>
        public int RestartTick { get; set; }

        /// <summary>A spectator follows peer 0.</summary>
        public bool Spectator { get; set; }

        /// <summary>Ticks before the spectator's first poll (a spectator that joins far behind).</summary>
        public int SpectatorDelayTicks { get; set; }

        /// <summary>A handshake drawn to fail.</summary>
        public HandshakeFault Handshake { get; set; }

        /// <summary>Disconnect timeout in milliseconds.</summary>
        public int DisconnectTimeoutMs { get; set; } = 3000;

        /// <summary>Virtual ticks every endpoint must be done within; 0 (the default) computes a bound from the scenario.</summary>
        public int BoundTicks { get; set; }

        /// <summary>Number of peers.</summary>
        public int PeerCount => PlayersPerPeer.Length;

        /// <summary>Number of players.</summary>
        public int PlayerCount => PlayersPerPeer.Sum();

        /// <summary>The session id every peer of this scenario uses.</summary>
        public ulong SessionId => 0xE1A0_0000_0000UL ^ Seed;

        /// <summary>The peer that owns <paramref name="player"/>.</summary>
        /// <param name="player">A player index.</param>
        /// <returns>The peer index.</returns>
        public int OwnerOf(int player)
        {
            int first = 0;
            for (int peer = 0; peer < PlayersPerPeer.Length; peer++)
            {
                if (player < first + PlayersPerPeer[peer])
                {
                    return peer;
                }

                first += PlayersPerPeer[peer];
            }

            throw new ArgumentOutOfRangeException(nameof(player), player, "No such player.");
        }

        /// <summary>The players of <paramref name="peer"/>, in order.</summary>
        /// <param name="peer">A peer index.</param>
        /// <returns>Player indices.</returns>
        public int[] PlayersOf(int peer)
        {
            int first = PlayersPerPeer.Take(peer).Sum();
            return Enumerable.Range(first, PlayersPerPeer[peer]).ToArray();
        }

        /// <summary>A copy, to be changed by the shrinker.</summary>
        /// <returns>The copy.</returns>
        public ScenarioSpec Clone()
        {
            var c = (ScenarioSpec)MemberwiseClone();
            c.PlayersPerPeer = (int[])PlayersPerPeer.Clone();
            return c;
        }

        /// <summary>The spec as a C# object initializer, only the members that differ from the defaults.</summary>
        /// <returns>C# source.</returns>
        public string ToInitializer()
        {
            var defaults = new ScenarioSpec();
            var parts = new List<string>();
            foreach (var prop in typeof(ScenarioSpec).GetProperties().Where(p => p.CanWrite))
            {
                object? mine = prop.GetValue(this);
                object? theirs = prop.GetValue(defaults);
                string text = Literal(mine);
                if (text != Literal(theirs))
                {
                    parts.Add(prop.Name + " = " + text);
                }
            }

            return "new ScenarioSpec { " + string.Join(", ", parts) + " }";
        }

        /// <summary>A ready-to-paste xunit test that replays this spec and applies every check.</summary>
        /// <param name="name">The test method's name.</param>
        /// <returns>C# source.</returns>
        public string ToCSharp(string name)
        {
            var sb = new StringBuilder();
            sb.AppendLine("[Fact]");
            sb.AppendLine("public void " + name + "()");
            sb.AppendLine("{");
            sb.AppendLine("    var spec = " + ToInitializer() + ";");
            sb.AppendLine("    RunReport report = ScenarioRunner.Run(spec);");
            sb.AppendLine("    Assert.True(report.Passed, report.Describe());");
            sb.AppendLine("}");
            return sb.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => ToInitializer();

        private static string Literal(object? value) => value switch
        {
            null => "null",
            int[] a => "new[] { " + string.Join(", ", a.Select(x => x.ToString(CultureInfo.InvariantCulture))) + " }",
            bool b => b ? "true" : "false",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            Enum e => e.GetType().Name + "." + e,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };
    }
}
