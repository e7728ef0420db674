using System;
using BenchmarkDotNet.Attributes;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// One sync-test frame of a 64 KB blittable state: 2 players, check distance 1, checksums on, trivial step
    /// (the workload the closest .NET peer runs at about 43 µs per frame here; target ≤ 14 µs).
    /// Baseline: the least work such a frame needs, by hand — step, save + hash, keep the first run's bytes,
    /// restore the previous frame, step, save + hash, compare the two hashes.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(FramesPerSecondConfig))]
    public class SyncTest64KBenchmarks
    {
        private const int Bytes = 64 * 1024;
        private readonly int[] _inputs = { 1, 2 };
        private SyncTestSession<BlittableState, int> _session = null!;
        private BlittableState _state = null!;
        private HandRing _ring = null!;
        private byte[] _firstRun = null!;
        private int _frame;

        [GlobalSetup]
        public void Setup()
        {
            _session = new SyncTestSession<BlittableState, int>(TrivialSimulation.Instance, () => StateFactory.Blittable(Bytes).State, playerCount: 2, checkDistance: 1);
            _state = StateFactory.Blittable(Bytes).State;
            _ring = new HandRing(4, _state.SnapshotSize);
            _firstRun = new byte[_state.SnapshotSize];
            _ring.Save(_state, _frame);
            for (int i = 0; i < 16; i++)
            {
                _session.AdvanceFrame(_inputs);
                ByHand();
            }
        }

        [Benchmark(Baseline = true, Description = "by hand: 2x (step + save + hash), keep first run, restore")]
        public bool ByHand()
        {
            // first run of frame F
            int frame = _frame;
            TrivialSimulation.Instance.Step(_state, _inputs);
            int written = _ring.Save(_state, frame + 1);
            ulong first = _ring.Checksum(frame + 1);
            _ring.Bytes(frame + 1).Slice(0, written).CopyTo(_firstRun);

            // roll back one frame and replay it
            _state.Restore(_ring.Bytes(frame));
            TrivialSimulation.Instance.Step(_state, _inputs);
            _ring.Save(_state, frame + 1);
            _frame = frame + 1;
            return _ring.Checksum(frame + 1) == first;
        }

        [Benchmark(Description = "SyncTestSession.AdvanceFrame, 64 KB, distance 1")]
        public void SyncTestFrame() => _session.AdvanceFrame(_inputs);
    }
}
