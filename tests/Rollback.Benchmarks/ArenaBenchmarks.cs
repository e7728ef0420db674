using System;
using Arena.Game;
using BenchmarkDotNet.Attributes;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Frames per second of the sample game (samples/Arena.Game, 2 bot players): a sync-test frame at check
    /// distance 1 and 2 (the sample's default), and a local-session frame, against one step + save + hash by hand.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(FramesPerSecondConfig))]
    public class ArenaBenchmarks
    {
        private readonly Pad[] _inputs = new Pad[2];
        private Bot[] _bots = null!;
        private ArenaRules _rules = null!;
        private ArenaState _state = null!;
        private HandRing _ring = null!;
        private int _frame;
        private LocalSession<ArenaState, Pad> _local = null!;
        private SyncTestSession<ArenaState, Pad> _sync1 = null!;
        private SyncTestSession<ArenaState, Pad> _sync2 = null!;

        [GlobalSetup]
        public void Setup()
        {
            _bots = new[] { new Bot(42, 0), new Bot(42, 1) };
            _rules = new ArenaRules();
            _state = ArenaRules.NewState();
            _ring = new HandRing(3, _state.SnapshotSize * 2);
            _local = new LocalSession<ArenaState, Pad>(_rules, ArenaRules.NewState, playerCount: 2);
            _sync1 = new SyncTestSession<ArenaState, Pad>(_rules, ArenaRules.NewState, playerCount: 2, checkDistance: 1);
            _sync2 = new SyncTestSession<ArenaState, Pad>(_rules, ArenaRules.NewState, playerCount: 2, checkDistance: 2);
            for (int i = 0; i < 1000; i++)
            {
                StepAndSave();
                LocalSession();
                SyncTestDistance1();
                SyncTestDistance2();
            }
        }

        [Benchmark(Baseline = true, Description = "by hand: Step + save + hash")]
        public int StepAndSave()
        {
            NextInputs();
            var counters = (IRollbackCounters)_state;
            int stepNum = _state.StepNum;
            int episode = _state.Episode;
            if (_rules.IsEpisodeOver(_state))
            {
                stepNum = 0;
                episode++;
                counters.SetCounters(_frame, stepNum, episode);
                _rules.ResetEpisode(_state);
            }

            _rules.Step(_state, _inputs);
            counters.SetCounters(_frame + 1, stepNum + 1, episode);
            return _ring.Save(_state, ++_frame);
        }

        [Benchmark(Description = "LocalSession.AdvanceFrame")]
        public void LocalSession()
        {
            NextInputs();
            _local.AdvanceFrame(_inputs);
        }

        [Benchmark(Description = "SyncTestSession.AdvanceFrame, distance 1")]
        public void SyncTestDistance1()
        {
            NextInputs();
            _sync1.AdvanceFrame(_inputs);
        }

        [Benchmark(Description = "SyncTestSession.AdvanceFrame, distance 2")]
        public void SyncTestDistance2()
        {
            NextInputs();
            _sync2.AdvanceFrame(_inputs);
        }

        private void NextInputs()
        {
            _inputs[0] = _bots[0].Next();
            _inputs[1] = _bots[1].Next();
        }
    }
}
