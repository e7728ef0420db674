using System;
using System.Linq;
using Rollback.Network;
using Rollback.Network.Simulation;

namespace Rollback.Exploration.Tests.Core
{
    // THE ADAPTER. Every use of the session API of the runtime (options, peer and spectator sessions, transports, the
    // simulated network, statistics, the protocol decoder) lives in this file, so a change of that API touches only it.

    /// <summary>The simulated network of a scenario, with the spec's links, partitions and stalls applied.</summary>
    public sealed class DrivenNetwork
    {
        /// <summary>Ticks per second of the virtual clock.</summary>
        public const int TicksPerSecond = 30;

        private readonly SimulatedNetwork _net;

        /// <summary>Builds the network: one endpoint per peer, then the spectator, then <paramref name="outsiders"/> strangers.</summary>
        /// <param name="spec">The scenario.</param>
        /// <param name="endpoints">Peers plus spectator.</param>
        /// <param name="outsiders">Endpoints that are not in the session.</param>
        public DrivenNetwork(ScenarioSpec spec, int endpoints, int outsiders = 0)
        {
            _net = new SimulatedNetwork(endpoints + outsiders, spec.Seed);
            var conditions = new LinkConditions
            {
                LatencyTicks = spec.LatencyTicks,
                JitterTicks = spec.JitterTicks,
                JitterRedrawTicks = spec.JitterRedrawTicks,
                LossProbability = spec.Loss,
                DuplicateProbability = spec.Duplicate,
                ReorderProbability = spec.Reorder,
            };
            _net.SetAllLinks(conditions);
            if (spec.AsymmetryTicks > 0)
            {
                LinkConditions slow = conditions.Clone();
                slow.LatencyTicks += spec.AsymmetryTicks;
                for (int to = 1; to < endpoints; to++)
                {
                    _net.SetLink(0, to, slow);
                }
            }

            if (spec.PartitionPeer >= 0)
            {
                _net.Isolate(spec.PartitionPeer, spec.PartitionStart, spec.PartitionStart + spec.PartitionTicks);
            }

            if (spec.StallPeer >= 0)
            {
                _net.AddStall(spec.StallPeer, spec.StallStart, spec.StallStart + spec.StallTicks);
            }
        }

        /// <summary>The virtual clock in ticks.</summary>
        public long Now => _net.Now;

        /// <summary>The session clock in milliseconds, from the virtual clock.</summary>
        public long NowMs => _net.Now * 1000 / TicksPerSecond;

        /// <summary>The transport of endpoint <paramref name="i"/>.</summary>
        /// <param name="i">Endpoint index.</param>
        /// <returns>The transport.</returns>
        public IDatagramTransport Transport(int i) => _net[i];

        /// <summary>The address of endpoint <paramref name="i"/>.</summary>
        /// <param name="i">Endpoint index.</param>
        /// <returns>The address.</returns>
        public PeerAddress Address(int i) => _net.AddressOf(i);

        /// <summary>Whether endpoint <paramref name="i"/> is stalled now (the harness does not tick it).</summary>
        /// <param name="i">Endpoint index.</param>
        /// <returns>Whether it is stalled.</returns>
        public bool IsStalled(int i) => _net.IsStalled(i);

        /// <summary>One tick forward.</summary>
        public void Advance() => _net.Advance();

        /// <summary>What the network did, for failure reports.</summary>
        /// <returns>The counters as text.</returns>
        public string Describe() => _net.Counters.ToString() ?? string.Empty;
    }

    /// <summary>One peer's session, as the runner sees it.</summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed class DrivenPeer<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly PeerSession<TState, TInput> _session;

        /// <summary>Creates the session of peer <paramref name="peer"/> of <paramref name="spec"/>.</summary>
        /// <param name="spec">The scenario.</param>
        /// <param name="peer">The peer index (its endpoint index too).</param>
        /// <param name="rules">The simulation.</param>
        /// <param name="createState">The state factory.</param>
        /// <param name="transport">Its transport.</param>
        /// <param name="addressOf">The address of each endpoint.</param>
        /// <param name="clock">Milliseconds of the virtual clock.</param>
        /// <param name="defaultInput">The agreed default input.</param>
        /// <param name="onConfirmed">Receives every confirmed frame.</param>
        public DrivenPeer(
            ScenarioSpec spec,
            int peer,
            ISimulation<TState, TInput> rules,
            Func<TState> createState,
            IDatagramTransport transport,
            Func<int, PeerAddress> addressOf,
            Func<long> clock,
            TInput defaultInput,
            FrameConfirmedHandler<TState, TInput> onConfirmed)
        {
            var options = Options(spec, clock, defaultInput);
            if (spec.Handshake == HandshakeFault.MismatchedConfig && peer == spec.PeerCount - 1)
            {
                options.GameHash = 0xBAD;
            }

            for (int p = 0; p < spec.PlayerCount; p++)
            {
                int owner = spec.OwnerOf(p);
                if (owner == peer)
                {
                    options.AddLocalPlayer(p);
                }
                else
                {
                    options.AddRemotePlayer(p, addressOf(owner));
                }
            }

            if (spec.Spectator && peer == 0)
            {
                options.AddSpectator(addressOf(spec.PeerCount));
            }

            _session = new PeerSession<TState, TInput>(rules, createState, transport, options);
            _session.FrameConfirmed += onConfirmed;
            _session.DesyncDetected += (in PeerDesync d) => Desyncs++;
            LocalPlayers = _session.LocalPlayers.ToArray();
        }

        /// <summary>The local players, in the order inputs are given.</summary>
        public int[] LocalPlayers { get; }

        /// <summary>Checksum disagreements reported by the session.</summary>
        public int Desyncs { get; private set; }

        /// <summary>The frame the next advance simulates.</summary>
        public int CurrentFrame => _session.CurrentFrame;

        /// <summary>Whether the session says it is finished.</summary>
        public bool IsFinished => _session.IsFinished;

        /// <summary>The reason the session failed (a handshake that cannot complete), or null.</summary>
        public string? Failure =>
            _session.Failure.HasFailed ? _session.Failure.ToString() : null;

        /// <summary>Whether the other peers dropped this one (it was silent past the disconnect timeout) and told it so.</summary>
        public bool WasDisconnectedByPeers => _session.Failure.Reason == SessionFailureReason.DisconnectedByPeers;

        /// <summary>Whether the session still waits for a handshake.</summary>
        public bool IsSynchronizing => _session.SessionState == PeerSessionState.Synchronizing;

        /// <summary>Rollbacks so far.</summary>
        public long Rollbacks => _session.Statistics.Rollbacks;

        /// <summary>Deepest rollback so far.</summary>
        public int MaxDepth => _session.Statistics.MaxRollbackDepth;

        /// <summary>Network figures, for failure reports.</summary>
        public string Network => _session.Network.ToString() + "; drops: " + _session.Network.DropsByReason();

        /// <summary>Datagrams the session dropped, for any reason.</summary>
        public long Dropped => _session.Network.Dropped;

        /// <summary>The agreed disconnect frame of <paramref name="player"/>, or <see cref="int.MaxValue"/>.</summary>
        /// <param name="player">A player.</param>
        /// <returns>The frame.</returns>
        public int DisconnectFrameOf(int player) => _session.DisconnectFrameOf(player);

        /// <summary>Network in and out.</summary>
        public void Poll() => _session.Poll();

        /// <summary>Simulates a frame with the local inputs, or waits.</summary>
        /// <param name="inputs">One input per local player.</param>
        /// <returns>Whether a frame was simulated (and the inputs used).</returns>
        public bool Advance(ReadOnlySpan<TInput> inputs)
        {
            // In lockstep with input delay 0 a Wait may already have taken the inputs (LocalInputsTaken); then the next
            // advance ignores the inputs it is given, so they count as used exactly once: when they were taken.
            if (_session.LocalInputsTaken)
            {
                _session.AdvanceFrame(inputs);
                return false;
            }

            return _session.AdvanceFrame(inputs) == Rollback.Advance.Simulated || _session.LocalInputsTaken;
        }

        /// <summary>The handshake timeout of every run: the documented default (30 s).</summary>
        public const int HandshakeTimeoutMs = 30_000;

        /// <summary>Leaves with a notice.</summary>
        public void Leave() => _session.Leave();

        /// <summary>The options every peer of <paramref name="spec"/> shares.</summary>
        /// <param name="spec">The scenario.</param>
        /// <param name="clock">The clock.</param>
        /// <param name="defaultInput">The agreed default input.</param>
        /// <returns>The options.</returns>
        internal static PeerSessionOptions<TInput> Options(ScenarioSpec spec, Func<long> clock, TInput defaultInput) => new PeerSessionOptions<TInput>
        {
            DefaultInput = defaultInput,
            PlayerCount = spec.PlayerCount,
            SessionId = spec.SessionId,
            InputDelay = spec.InputDelay,
            PredictionWindow = spec.PredictionWindow,
            FrameCount = spec.FrameCount,
            Episodes = spec.Episodes,
            FramesPerSecond = DrivenNetwork.TicksPerSecond,
            Timing = { DisconnectTimeout = TimeSpan.FromMilliseconds(spec.DisconnectTimeoutMs), HandshakeTimeout = TimeSpan.FromMilliseconds(HandshakeTimeoutMs) },
            Clock = clock,
        };
    }

    /// <summary>A spectator of peer 0.</summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed class DrivenSpectator<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly SpectatorSession<TState, TInput> _session;

        /// <summary>Creates the spectator.</summary>
        /// <param name="spec">The scenario.</param>
        /// <param name="rules">The simulation.</param>
        /// <param name="createState">The state factory.</param>
        /// <param name="transport">Its transport.</param>
        /// <param name="host">Peer 0's address.</param>
        /// <param name="clock">Milliseconds of the virtual clock.</param>
        /// <param name="defaultInput">The agreed default input.</param>
        /// <param name="onConfirmed">Receives every confirmed frame.</param>
        public DrivenSpectator(ScenarioSpec spec, ISimulation<TState, TInput> rules, Func<TState> createState, IDatagramTransport transport, PeerAddress host, Func<long> clock, TInput defaultInput, FrameConfirmedHandler<TState, TInput> onConfirmed)
        {
            _session = new SpectatorSession<TState, TInput>(rules, createState, transport, host, DrivenPeer<TState, TInput>.Options(spec, clock, defaultInput));
            _session.FrameConfirmed += onConfirmed;
        }

        /// <summary>Whether it has confirmed the final frame, or failed.</summary>
        public bool IsFinished => _session.IsFinished;

        /// <summary>The reason the spectator failed, or null.</summary>
        public string? Failure => _session.Failure.HasFailed ? _session.Failure.ToString() : null;

        /// <summary>One tick: poll, then simulate what is known (up to 4 frames).</summary>
        public void Tick()
        {
            _session.Poll();
            for (int k = 0; k < 4 && _session.AdvanceFrame() == Rollback.Advance.Simulated; k++)
            {
            }
        }
    }

    /// <summary>The oracle: one replica stepped once per frame with the true inputs (no prediction, no rollback).</summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed class OracleReplica<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly LocalSession<TState, TInput> _session;

        /// <summary>Creates the replica.</summary>
        /// <param name="rules">The simulation.</param>
        /// <param name="createState">The state factory.</param>
        /// <param name="players">Player count.</param>
        /// <param name="onConfirmed">Receives every frame (all are confirmed).</param>
        public OracleReplica(ISimulation<TState, TInput> rules, Func<TState> createState, int players, FrameConfirmedHandler<TState, TInput> onConfirmed)
        {
            _session = new LocalSession<TState, TInput>(rules, createState, players);
            _session.FrameConfirmed += onConfirmed;
        }

        /// <summary>Steps one frame with every player's input.</summary>
        /// <param name="inputs">One input per player.</param>
        public void Step(ReadOnlySpan<TInput> inputs) => _session.AdvanceFrame(inputs);
    }

    /// <summary>The protocol decoder, for fuzzing it directly.</summary>
    public static class ProtocolProbe
    {
        /// <summary>Largest datagram the protocol sends.</summary>
        public const int MaxDatagramSize = Protocol.MaxDatagramSize;

        /// <summary>Whether every player's input of one frame fits in one datagram, which serving a spectator needs (docs/p2p.md).</summary>
        /// <param name="players">Player count.</param>
        /// <param name="inputSize">Input size in bytes.</param>
        /// <returns>Whether a host can serve spectators.</returns>
        public static bool SpectatorFrameFits(int players, int inputSize) =>
            ProtocolCodec.MaxConfirmedFramesPerDatagram(players, inputSize) >= 1;

        /// <summary>Decodes a datagram as a peer of <paramref name="sessionId"/> would; never meant to throw.</summary>
        /// <param name="datagram">The bytes.</param>
        /// <param name="sessionId">The session.</param>
        /// <returns>Whether it decoded to a message.</returns>
        public static bool Decodes(ReadOnlySpan<byte> datagram, ulong sessionId) =>
            ProtocolCodec.Decode(datagram, sessionId, out ProtocolMessage _) == DecodeStatus.Ok;
    }
}
