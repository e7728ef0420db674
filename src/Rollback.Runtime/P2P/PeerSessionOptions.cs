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
        private readonly Dictionary<int, PeerAddress> _players = new Dictionary<int, PeerAddress>();
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

        /// <summary>A remote peer heard from for no longer than this is dropped (its players disconnect at an agreed frame). Default 10,000 ms.</summary>
        public int DisconnectTimeoutMs { get; set; } = 10000;

        /// <summary>A remote peer silent for this long is reported as interrupted in its statistics. Default 1,000 ms.</summary>
        public int InterruptedAfterMs { get; set; } = 1000;

        /// <summary>Interval between handshake retries. Default 200 ms.</summary>
        public int SyncRetryMs { get; set; } = 200;

        /// <summary>Unacknowledged inputs are resent at least this often while no new frame is simulated. Default 50 ms.</summary>
        public int ResendIntervalMs { get; set; } = 50;

        /// <summary>Interval between quality reports (round trip and frame advantage). Default 200 ms.</summary>
        public int QualityReportIntervalMs { get; set; } = 200;

        /// <summary>A keep-alive is sent when nothing else was sent to a peer for this long. Default 200 ms.</summary>
        public int KeepAliveIntervalMs { get; set; } = 200;

        /// <summary>Checksums of confirmed frames that are a multiple of this are exchanged; 0 disables. Default 30.</summary>
        public int ChecksumInterval { get; set; } = 30;

        /// <summary>Whether <see cref="PeerSession{TState, TInput}.AdvanceFrame"/> follows the time-sync advice by returning <see cref="Advance.Wait"/>. Default true.</summary>
        public bool TimeSync { get; set; } = true;

        /// <summary>Time-sync advice below this many frames is ignored (estimates are noisy). Default 3.</summary>
        public int MinTimeSyncFrames { get; set; } = 3;

        /// <summary>Most frames one piece of time-sync advice asks to wait. Default 8.</summary>
        public int MaxTimeSyncFrames { get; set; } = 8;

        /// <summary>How often the time-sync advice is renewed. Default 1,000 ms.</summary>
        public int TimeSyncIntervalMs { get; set; } = 1000;

        /// <summary>Most inputs put in one datagram (older unacknowledged inputs go first). Default 64.</summary>
        public int MaxInputsPerDatagram { get; set; } = 64;

        /// <summary>A hash of anything else peers must agree on (a game version, a state schema id); part of the handshake. Default 0.</summary>
        public ulong GameHash { get; set; }

        /// <summary>The players, by index: <see cref="PeerAddress.None"/> for a local player, otherwise the address of the peer that owns it.</summary>
        public IReadOnlyDictionary<int, PeerAddress> Players => _players;

        /// <summary>Addresses of spectators this peer serves with confirmed inputs.</summary>
        public IReadOnlyList<PeerAddress> Spectators => _spectators;

        /// <summary>Declares a player whose inputs this process supplies.</summary>
        /// <param name="player">The player index.</param>
        /// <returns>These options.</returns>
        public PeerSessionOptions<TInput> AddLocalPlayer(int player)
        {
            _players[player] = PeerAddress.None;
            return this;
        }

        /// <summary>Declares a player owned by the peer at <paramref name="address"/> (one peer may own several players).</summary>
        /// <param name="player">The player index.</param>
        /// <param name="address">The owning peer's address.</param>
        /// <returns>These options.</returns>
        public PeerSessionOptions<TInput> AddRemotePlayer(int player, PeerAddress address)
        {
            if (address.IsNone)
            {
                throw new ArgumentException("A remote player needs an address.", nameof(address));
            }

            _players[player] = address;
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

            if (DisconnectTimeoutMs < 1 || SyncRetryMs < 1 || ResendIntervalMs < 1 || QualityReportIntervalMs < 1 || KeepAliveIntervalMs < 1 || TimeSyncIntervalMs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(DisconnectTimeoutMs), "Intervals and timeouts must be positive.");
            }

            if (ChecksumInterval < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ChecksumInterval), ChecksumInterval, "Must not be negative.");
            }
        }
    }
}
