using System;
using System.Collections.Generic;
using System.Diagnostics;
using Rollback.Network;

namespace Rollback
{
    /// <summary>
    /// How a <see cref="PeerSession{TState, TInput}"/> is set up. Every peer of a session must agree on
    /// <see cref="SessionId"/>, <see cref="PlayerCount"/>, the input type, <see cref="DefaultInput"/>,
    /// <see cref="FrameCount"/>, <see cref="Episodes"/> and <see cref="GameHash"/> (the handshake checks a hash of them).
    /// </summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    public sealed class PeerSessionOptions<TInput>
        where TInput : unmanaged
    {
        private readonly Dictionary<int, PlayerSlot> _players = new Dictionary<int, PlayerSlot>();
        private readonly List<PeerAddress> _spectators = new List<PeerAddress>();

        /// <summary>Number of players. Default 2.</summary>
        public int PlayerCount { get; set; } = 2;

        /// <summary>The session's 64-bit identity, agreed out of band (a lobby, an invite). Datagrams of other sessions are dropped and counted.</summary>
        public ulong SessionId { get; set; }

        /// <summary>How many frames may be simulated ahead of the earliest missing remote input. Default 8.</summary>
        public int PredictionWindow { get; set; } = 8;

        /// <summary>Frames between a local input being given and the frame it applies to. Default 2.</summary>
        public int InputDelay { get; set; } = 2;

        /// <summary>The largest input delay the engine must buffer. Default 16.</summary>
        public int MaxInputDelay { get; set; } = 16;

        /// <summary>The agreed input of frames before the input delay and of every frame of a disconnected player. Default <c>default(TInput)</c>.</summary>
        public TInput DefaultInput { get; set; }

        /// <summary>Guesses missing remote inputs; <see langword="null"/> repeats the last confirmed input.</summary>
        public IInputPredictor<TInput>? Predictor { get; set; }

        /// <summary>
        /// The session ends after this many frames (frames 0 to <c>FrameCount - 1</c>); 0 (the default) for no frame limit.
        /// The end is decided on the confirmed timeline; see <see cref="PeerSession{TState, TInput}.IsFinished"/>.
        /// </summary>
        public int FrameCount { get; set; }

        /// <summary>
        /// The session ends on the last frame of episode <c>Episodes - 1</c>, as found on the confirmed timeline; 0 (the
        /// default) for no episode limit. With both limits, whichever comes first ends the session. Episodes must be longer
        /// than <see cref="PredictionWindow"/> + <see cref="InputDelay"/> frames for the end to be found exactly.
        /// </summary>
        public int Episodes { get; set; }

        /// <summary>Simulation frames per second; converts the clock's milliseconds to frames for time sync. Default 60.</summary>
        public int FramesPerSecond { get; set; } = 60;

        /// <summary>
        /// The session's clock in milliseconds (monotonic). <see langword="null"/> (the default) uses a <see cref="Stopwatch"/>.
        /// Tests and simulations pass a virtual clock, e.g. <c>() =&gt; network.Now * 1000 / 30</c>.
        /// </summary>
        public Func<long>? Clock { get; set; }

        /// <summary>Handshake, resend, keep-alive and timeout durations (see docs/p2p.md for each default and why).</summary>
        public PeerTimingOptions Timing { get; } = new PeerTimingOptions();

        /// <summary>How <see cref="PeerSession{TState, TInput}.AdvanceFrame"/> slows a peer that runs ahead of the others.</summary>
        public TimeSyncOptions TimeSync { get; } = new TimeSyncOptions();

        /// <summary>Checksums of confirmed frames that are a multiple of this are exchanged (resent until acknowledged); 0 disables. Default 30.</summary>
        public int ChecksumInterval { get; set; } = 30;

        /// <summary>Most inputs put in one datagram (older unacknowledged inputs go first). Default 64.</summary>
        public int MaxInputsPerDatagram { get; set; } = 64;

        /// <summary>Most datagrams sent to one endpoint in one burst of inputs (large inputs and catching-up spectators are sent in windows of this many datagrams, not one at a time). Default 16.</summary>
        public int SendWindow { get; set; } = 16;

        /// <summary>
        /// The largest snapshot a peer sends (and accepts) when checksums of a confirmed frame differ: the peers exchange that
        /// frame's snapshot over the session protocol and raise <see cref="PeerSession{TState, TInput}.DesyncReported"/> with
        /// the differing members. A larger state gives a report saying the snapshot was too large. 0 turns the exchange off
        /// (and keeps no snapshots). Default 1 MiB; at most 16 MiB.
        /// </summary>
        public int MaxDesyncSnapshotBytes { get; set; } = 1 << 20;

        /// <summary>
        /// A folder in which each peer writes a desync bundle (both snapshots, the confirmed inputs from the last kept
        /// snapshot before the divergent frame, the session settings, a summary) when a desync is reported; one subfolder per
        /// desync (<c>desync-frame{F}-player{local}-vs-player{remote}</c>). Null (the default) writes nothing.
        /// </summary>
        public string? DesyncBundleFolder { get; set; }

        /// <summary>A hash of anything else peers must agree on (a game version, a state schema id); part of the handshake. Default 0.</summary>
        public ulong GameHash { get; set; }

        /// <summary>The players, by index: local, or remote with the address of the peer that owns it.</summary>
        public IReadOnlyDictionary<int, PlayerSlot> Players => _players;

        /// <summary>Addresses of spectators this peer serves with confirmed inputs.</summary>
        public IReadOnlyList<PeerAddress> Spectators => _spectators;

        /// <summary>Declares a player whose inputs this process supplies.</summary>
        /// <param name="player">The player index.</param>
        /// <returns>These options.</returns>
        public PeerSessionOptions<TInput> AddLocalPlayer(int player)
        {
            _players[player] = PlayerSlot.Local;
            return this;
        }

        /// <summary>Declares a player owned by the peer at <paramref name="address"/> (one peer may own several players).</summary>
        /// <param name="player">The player index.</param>
        /// <param name="address">The owning peer's address.</param>
        /// <returns>These options.</returns>
        public PeerSessionOptions<TInput> AddRemotePlayer(int player, PeerAddress address)
        {
            _players[player] = PlayerSlot.Remote(address);
            return this;
        }

        /// <summary>Declares a spectator to serve with confirmed inputs.</summary>
        /// <param name="address">The spectator's address.</param>
        /// <returns>These options.</returns>
        public PeerSessionOptions<TInput> AddSpectator(PeerAddress address)
        {
            if (address.IsNone)
            {
                throw new ArgumentException("A spectator needs an address.", nameof(address));
            }

            _spectators.Add(address);
            return this;
        }

        internal void Validate()
        {
            if (PlayerCount < 1 || PlayerCount > 254)
            {
                throw new ArgumentOutOfRangeException(nameof(PlayerCount), PlayerCount, "PlayerCount must be between 1 and 254.");
            }

            for (int p = 0; p < PlayerCount; p++)
            {
                if (!_players.ContainsKey(p))
                {
                    throw new ArgumentException($"Player {p} is neither local nor remote: call AddLocalPlayer or AddRemotePlayer for every player.");
                }
            }

            foreach (int p in _players.Keys)
            {
                if (p < 0 || p >= PlayerCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(Players), p, $"Player {p} is not between 0 and {PlayerCount - 1}.");
                }
            }

            if (FrameCount < 0 || Episodes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(FrameCount), "FrameCount and Episodes must not be negative.");
            }

            if (FramesPerSecond < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "At least 1.");
            }

            if (MaxInputsPerDatagram < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxInputsPerDatagram), MaxInputsPerDatagram, "At least 1.");
            }

            if (SendWindow < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(SendWindow), SendWindow, "At least 1.");
            }

            if (PredictionWindow < 0 || InputDelay < 0 || InputDelay > MaxInputDelay)
            {
                throw new ArgumentOutOfRangeException(nameof(InputDelay), "PredictionWindow must not be negative and InputDelay must be between 0 and MaxInputDelay.");
            }

            Timing.Validate();
            TimeSync.Validate();

            if (MaxDesyncSnapshotBytes < 0 || MaxDesyncSnapshotBytes > Network.Protocol.MaxPayloadSize - 64)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDesyncSnapshotBytes), MaxDesyncSnapshotBytes, "Must be between 0 and 16 MiB - 64.");
            }

            if (ChecksumInterval < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ChecksumInterval), ChecksumInterval, "Must not be negative.");
            }
        }
    }
}
