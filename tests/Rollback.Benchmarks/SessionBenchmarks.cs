using System;
using BenchmarkDotNet.Attributes;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Session overhead per frame with a trivial step and no rollback, 2 and 4 players, over a 256 B state.
    /// Baseline: one <c>Step</c> plus one save (state → buffer of a ring, plus the XxHash3 the engine keeps with
    /// every snapshot), done by hand. The overhead is the difference of the means.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(FramesPerSecondConfig))]
    public class SessionOverheadBenchmarks
    {
        private const int Bytes = 256;
        private int[] _inputs = null!;
        private BlittableState _state = null!;
        private HandRing _ring = null!;
        private ISimulation<BlittableState, int> _simulation = null!;
        private LocalSession<BlittableState, int> _local = null!;
        private RollbackEngine<BlittableState, int> _engine = null!;
        private int _frame;

        [Params(2, 4)]
        public int Players { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _inputs = new int[Players];
            for (int i = 0; i < Players; i++)
            {
                _inputs[i] = i + 1;
            }

            _simulation = TrivialSimulation.Instance;
            _state = StateFactory.Blittable(Bytes).State;
            _ring = new HandRing(3, _state.SnapshotSize);
            _local = new LocalSession<BlittableState, int>(_simulation, () => StateFactory.Blittable(Bytes).State, Players);
            _engine = new RollbackEngine<BlittableState, int>(_simulation, () => StateFactory.Blittable(Bytes).State, new RollbackOptions<int> { PlayerCount = Players });
            for (int i = 0; i < 64; i++)
            {
                StepAndSave();
                LocalSession();
                EngineAllLocal();
            }
        }

        [Benchmark(Baseline = true, Description = "by hand: Step + save + hash")]
        public int StepAndSave()
        {
            _simulation.Step(_state, _inputs);
            return _ring.Save(_state, ++_frame);
        }

        [Benchmark(Description = "by hand: Step + save, no hash")]
        public int StepAndSaveNoHash()
        {
            _simulation.Step(_state, _inputs);
            return _ring.Save(_state, ++_frame, checksum: false);
        }

        [Benchmark(Description = "LocalSession.AdvanceFrame")]
        public void LocalSession() => _local.AdvanceFrame(_inputs);

        [Benchmark(Description = "RollbackEngine.AdvanceFrame, all local, window 8")]
        public Advance EngineAllLocal() => _engine.AdvanceFrame(_inputs);
    }

    /// <summary>
    /// Rollback of exactly <see cref="Depth"/> frames every iteration: 2 players, player 1 remote, its confirmed
    /// input arriving <see cref="Depth"/> frames late and always differing from the prediction (repeat the last
    /// input). Each <c>AdvanceFrame</c> then restores the snapshot of the wrong frame, replays <see cref="Depth"/>
    /// frames and simulates the new one. Baseline, by hand: restore once, then <see cref="Depth"/> + 1 times
    /// <c>Step</c> + save + hash into a ring of the same number of slots as the engine's.
    /// </summary>
    [MemoryDiagnoser]
    public class RollbackBenchmarks
    {
        private const int Window = 8;
        private readonly int[] _local = { 1 };
        private readonly int[] _handInputs = { 1, 0 };
        private RollbackEngine<BlittableState, int> _engine = null!;
        private BlittableState _state = null!;
        private HandRing _ring = null!;
        private int _handFrame;

        [Params(1, 4, 8)]
        public int Depth { get; set; }

        [Params(256, 64 * 1024)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _engine = new RollbackEngine<BlittableState, int>(
                TrivialSimulation.Instance,
                () => StateFactory.Blittable(Bytes).State,
                new RollbackOptions<int> { PlayerCount = 2, LocalPlayers = new[] { 0 }, PredictionWindow = Window });

            // Run ahead of the remote player by Depth frames (predicted), then settle into the pattern.
            for (int i = 0; i < Depth; i++)
            {
                if (_engine.AdvanceFrame(_local) != Advance.Simulated)
                {
                    throw new InvalidOperationException("The engine waited during warm-up.");
                }
            }

            const int Warmup = 200;
            for (int i = 0; i < Warmup; i++)
            {
                EngineRollback();
            }

            RollbackStatistics stats = _engine.Statistics;
            if (stats.Rollbacks != Warmup || stats.MaxRollbackDepth != Depth || stats.RollbacksAtLeast(Depth) != Warmup || stats.Waits != 0)
            {
                throw new InvalidOperationException($"Expected {Warmup} rollbacks of depth {Depth}; got {stats}.");
            }

            Console.WriteLine($"// rollback pattern checked: {stats}");

            _state = StateFactory.Blittable(Bytes).State;
            _ring = new HandRing(Window + 3, _state.SnapshotSize);
            _ring.Save(_state, 0);
            for (int i = 0; i < 64; i++)
            {
                ByHand();
            }
        }

        [Benchmark(Baseline = true, Description = "by hand: restore + (Depth+1) x (Step + save + hash)")]
        public int ByHand()
        {
            // Same work as the engine's rollback: restore the snapshot Depth frames back, replay Depth frames,
            // simulate the new frame; each frame saved and hashed into the ring.
            int present = _handFrame + Depth;
            int frame = _handFrame;
            _state.Restore(_ring.Bytes(frame));
            int written = 0;
            while (frame <= present)
            {
                _handInputs[1] = frame;
                TrivialSimulation.Instance.Step(_state, _handInputs);
                written = _ring.Save(_state, ++frame);
            }

            _handFrame++;
            return written;
        }

        [Benchmark(Description = "RollbackEngine.AdvanceFrame with a rollback of Depth frames")]
        public Advance EngineRollback()
        {
            int late = _engine.CurrentFrame - Depth;
            _engine.AddRemoteInput(1, late, late + 1); // differs from the prediction (the input of late - 1, which is late)
            return _engine.AdvanceFrame(_local);
        }
    }
}
