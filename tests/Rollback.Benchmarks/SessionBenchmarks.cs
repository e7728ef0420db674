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
    /// <c>Step</c> + save + hash into a ring of the same number of slots as the engine's. The engine hashes a
    /// snapshot only when someone asks for its checksum (a confirmed frame's record, a checksum exchange), so it is
    /// also measured with a <c>FrameConfirmed</c> handler that reads every confirmed frame's checksum, and the
    /// baseline without hashing is shown too.
    /// </summary>
    [MemoryDiagnoser]
    public class RollbackBenchmarks
    {
        private const int Window = 8;
        private readonly int[] _local = { 1 };
        private readonly int[] _handInputs = { 1, 0 };
        private RollbackEngine<BlittableState, int> _engine = null!;
        private RollbackEngine<BlittableState, int> _exporting = null!;
        private BlittableState _state = null!;
        private HandRing _ring = null!;
        private int _handFrame;
        private ulong _checksums;

        [Params(1, 4, 8)]
        public int Depth { get; set; }

        [Params(256, 64 * 1024)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _engine = WarmedUp(exporting: false);
            _exporting = WarmedUp(exporting: true);
            _state = StateFactory.Blittable(Bytes).State;
            _ring = new HandRing(Window + 3, _state.SnapshotSize);
            _ring.Save(_state, 0);
            for (int i = 0; i < 64; i++)
            {
                ByHand();
                ByHandNoHash();
            }
        }

        [Benchmark(Baseline = true, Description = "by hand: restore + (Depth+1) x (Step + save + hash)")]
        public int ByHand() => HandRollback(checksum: true);

        [Benchmark(Description = "by hand: restore + (Depth+1) x (Step + save), no hash")]
        public int ByHandNoHash() => HandRollback(checksum: false);

        [Benchmark(Description = "RollbackEngine.AdvanceFrame with a rollback of Depth frames")]
        public Advance EngineRollback() => Rollback(_engine);

        [Benchmark(Description = "RollbackEngine.AdvanceFrame with a rollback of Depth frames, handler reads each checksum")]
        public Advance EngineRollbackExporting() => Rollback(_exporting);

        private int HandRollback(bool checksum)
        {
            // Same work as the engine's rollback: restore the snapshot Depth frames back, replay Depth frames,
            // simulate the new frame; each frame saved (and hashed) into the ring.
            int present = _handFrame + Depth;
            int frame = _handFrame;
            _state.Restore(_ring.Bytes(frame));
            int written = 0;
            while (frame <= present)
            {
                _handInputs[1] = frame;
                TrivialSimulation.Instance.Step(_state, _handInputs);
                written = _ring.Save(_state, ++frame, checksum);
            }

            _handFrame++;
            return written;
        }

        private Advance Rollback(RollbackEngine<BlittableState, int> engine)
        {
            int late = engine.CurrentFrame - Depth;
            engine.AddRemoteInput(1, late, late + 1); // differs from the prediction (the input of late - 1, which is late)
            return engine.AdvanceFrame(_local);
        }

        private RollbackEngine<BlittableState, int> WarmedUp(bool exporting)
        {
            var engine = new RollbackEngine<BlittableState, int>(
                TrivialSimulation.Instance,
                () => StateFactory.Blittable(Bytes).State,
                new RollbackOptions<int> { PlayerCount = 2, LocalPlayers = new[] { 0 }, PredictionWindow = Window });
            if (exporting)
            {
                engine.FrameConfirmed += (in ConfirmedFrame<BlittableState, int> f) => _checksums += f.Checksum;
            }

            // Run ahead of the remote player by Depth frames (predicted), then settle into the pattern.
            for (int i = 0; i < Depth; i++)
            {
                if (engine.AdvanceFrame(_local) != Advance.Simulated)
                {
                    throw new InvalidOperationException("The engine waited during warm-up.");
                }
            }

            const int Warmup = 200;
            for (int i = 0; i < Warmup; i++)
            {
                Rollback(engine);
            }

            RollbackStatistics stats = engine.Statistics;
            if (stats.Rollbacks != Warmup || stats.MaxRollbackDepth != Depth || stats.RollbacksAtLeast(Depth) != Warmup || stats.Waits != 0)
            {
                throw new InvalidOperationException($"Expected {Warmup} rollbacks of depth {Depth}; got {stats}.");
            }

            if (engine.LastConfirmedFrame != engine.CurrentFrame - Depth - 1)
            {
                throw new InvalidOperationException($"Expected every frame before {engine.CurrentFrame - Depth} confirmed; last confirmed {engine.LastConfirmedFrame}.");
            }

            Console.WriteLine($"// rollback pattern checked (exporting: {exporting}): {stats}");
            return engine;
        }
    }
}
