using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Arena.Game;
using Rollback.Network;
using Rollback.Network.Simulation;
using Rollback.Scenarios.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Scenarios.Tests
{
    /// <summary>
    /// Inputs of up to 1 KB per player per frame: one input per datagram, so unacknowledged inputs must go out in windows
    /// of datagrams rather than one per round trip. The peers' confirmed timelines equal the oracle's, and the session
    /// keeps up with real time.
    /// </summary>
    public class LargeInputTests
    {
        private readonly ITestOutputHelper _output;

        public LargeInputTests(ITestOutputHelper output) => _output = output;

        /// <summary>A pad followed by filler bytes that travel with it (the filler changes every frame).</summary>
        [InlineArray(1021)]
        public struct Filler
        {
            private byte _first;
        }

        public struct BigPad
        {
            public Pad Pad;
            public Filler Filler;
        }

        /// <summary>The arena played with big pads (the filler is carried but does not change the game).</summary>
        private sealed class BigRules : ISimulation<ArenaState, BigPad>
        {
            private readonly ArenaRules _rules = new ArenaRules();
            private readonly Pad[] _pads = new Pad[8];

            public void Step(ArenaState state, ReadOnlySpan<BigPad> inputs)
            {
                for (int i = 0; i < inputs.Length; i++)
                {
                    _pads[i] = inputs[i].Pad;
                }

                _rules.Step(state, _pads.AsSpan(0, inputs.Length));
            }

            public bool IsEpisodeOver(ArenaState state) => _rules.IsEpisodeOver(state);

            public void ResetEpisode(ArenaState state) => _rules.ResetEpisode(state);
        }

        [Theory]
        [InlineData(1UL, 0.0, 2, 8)]
        [InlineData(2UL, 0.15, 2, 8)]
        [InlineData(3UL, 0.3, 0, 4)]
        [InlineData(4UL, 0.15, 3, 0)]
        public void OneKilobyteInputs_AreSentInWindows_AndEveryPeerMatchesTheOracle(ulong seed, double loss, int inputDelay, int window)
        {
            Assert.Equal(1024, Unsafe.SizeOf<BigPad>());
            const int Frames = 300;
            const int Peers = 2;
            var net = new SimulatedNetwork(Peers, seed, ScenarioTableTests.Ms(60, loss: loss));
            long tick = 0;
            var sessions = new PeerSession<ArenaState, BigPad>[Peers];
            var records = new List<ulong>[Peers];
            var truth = new List<BigPad>[Peers];
            var bots = new Bot[Peers];
            for (int i = 0; i < Peers; i++)
            {
                var options = new PeerSessionOptions<BigPad>
                {
                    PlayerCount = Peers,
                    SessionId = 1000 + seed,
                    FrameCount = Frames,
                    InputDelay = inputDelay,
                    PredictionWindow = window,
                    FramesPerSecond = Scenario.Fps,
                    Clock = () => tick * 1000 / Scenario.Fps,
                };
                for (int p = 0; p < Peers; p++)
                {
                    if (p == i)
                    {
                        options.AddLocalPlayer(p);
                    }
                    else
                    {
                        options.AddRemotePlayer(p, net.AddressOf(p));
                    }
                }

                sessions[i] = new PeerSession<ArenaState, BigPad>(new BigRules(), ArenaSetup.Factory(Peers), net[i], options);
                var list = records[i] = new List<ulong>();
                sessions[i].FrameConfirmed += (in ConfirmedFrame<ArenaState, BigPad> f) =>
                {
                    list.Add(f.Checksum);
                    for (int p = 0; p < f.Inputs.Length && f.Frame >= inputDelay; p++)
                    {
                        Assert.Equal((byte)(f.Frame + p), f.Inputs[p].Filler[1000]); // the filler arrived intact
                    }
                };
                truth[i] = new List<BigPad>();
                bots[i] = new Bot(seed, i);
            }

            var input = new BigPad[1];
            var pending = new BigPad?[Peers];
            for (; tick < 20 * Frames; tick++)
            {
                bool done = true;
                for (int i = 0; i < Peers; i++)
                {
                    PeerSession<ArenaState, BigPad> s = sessions[i];
                    if (s.IsFinished)
                    {
                        continue;
                    }

                    done = false;
                    s.Poll();
                    int frame = s.CurrentFrame + inputDelay;
                    var pad = pending[i] ?? new BigPad { Pad = bots[i].Next() };
                    pad.Filler[1000] = (byte)(frame + i);
                    input[0] = pad;
                    bool fresh = !s.LocalInputsTaken;
                    if (s.AdvanceFrame(input) == Advance.Simulated ? fresh : fresh && s.LocalInputsTaken)
                    {
                        while (truth[i].Count < frame)
                        {
                            truth[i].Add(default);
                        }

                        truth[i].Add(pad);
                        pending[i] = null;
                    }
                    else
                    {
                        pending[i] = pad;
                    }
                }

                if (done)
                {
                    break;
                }

                net.Advance();
            }

            _output.WriteLine($"{tick} ticks for {Frames} frames; {sessions[0].Network}");
            Assert.All(sessions, s => Assert.True(s.IsFinished));
            Assert.Equal(records[0], records[1]);
            Assert.Equal(Frames, records[0].Count);
            Assert.True(tick < Frames + 120, $"{tick} ticks: 1 KB inputs must not go stop-and-wait");

            // The oracle: one replica stepped with the true inputs.
            var oracle = new LocalSession<ArenaState, BigPad>(new BigRules(), ArenaSetup.Factory(Peers), Peers);
            var expected = new List<ulong>();
            oracle.FrameConfirmed += (in ConfirmedFrame<ArenaState, BigPad> f) => expected.Add(f.Checksum);
            var inputs = new BigPad[Peers];
            for (int f = 0; f < Frames; f++)
            {
                for (int p = 0; p < Peers; p++)
                {
                    inputs[p] = f < truth[p].Count ? truth[p][f] : default;
                }

                oracle.AdvanceFrame(inputs);
            }

            Assert.Equal(expected, records[0]);
        }
    }
}
