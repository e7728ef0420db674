namespace Rollback.Runtime.Tests.Support
{
    /// <summary>
    /// In-memory remote peers: each remote player's true input for frame f is sent once that peer could
    /// have simulated f (not more than a prediction window ahead of us) and arrives a random, seeded
    /// number of ticks later, so inputs arrive late and out of order. Allocation-free after construction.
    /// </summary>
    public sealed class LateInputSource
    {
        private readonly RollbackEngine<ManualState, TestInput> _engine;
        private readonly InputSchedule _schedule;
        private readonly int[] _remotePlayers;
        private readonly int _minLate;
        private readonly int _maxLate;
        private readonly int _aheadLimit;
        private readonly int[][] _arrival;
        private readonly int[] _nextToSend;
        private readonly int[] _lowestUndelivered;
        private DeterministicRandom _rng;

        public LateInputSource(RollbackEngine<ManualState, TestInput> engine, InputSchedule schedule, int[] remotePlayers, ulong seed, int minLate, int maxLate)
        {
            _engine = engine;
            _schedule = schedule;
            _remotePlayers = remotePlayers;
            _minLate = minLate;
            _maxLate = maxLate;
            _aheadLimit = engine.PredictionWindow;
            _rng = new DeterministicRandom(seed);
            _arrival = new int[engine.PlayerCount][];
            for (int p = 0; p < engine.PlayerCount; p++)
            {
                _arrival[p] = new int[schedule.Frames];
            }

            _nextToSend = new int[engine.PlayerCount];
            _lowestUndelivered = new int[engine.PlayerCount];
        }

        /// <summary>Sends what the remote peers can have produced by <paramref name="tick"/> and delivers what has arrived.</summary>
        public void Tick(int tick)
        {
            int sendLimit = System.Math.Min(tick, _engine.CurrentFrame + _aheadLimit);
            foreach (int p in _remotePlayers)
            {
                while (_nextToSend[p] <= sendLimit && _nextToSend[p] < _schedule.Frames)
                {
                    _arrival[p][_nextToSend[p]] = tick + _rng.NextInt(_minLate, _maxLate + 1);
                    _nextToSend[p]++;
                }

                for (int f = _lowestUndelivered[p]; f < _nextToSend[p]; f++)
                {
                    if (_arrival[p][f] >= 0 && _arrival[p][f] <= tick)
                    {
                        _engine.AddRemoteInput(p, f, _schedule[p, f]);
                        _arrival[p][f] = -1;
                    }
                }

                while (_lowestUndelivered[p] < _nextToSend[p] && _arrival[p][_lowestUndelivered[p]] < 0)
                {
                    _lowestUndelivered[p]++;
                }
            }
        }

        /// <summary>Delivers every remaining input at once (the end of a session).</summary>
        public void DeliverAll()
        {
            foreach (int p in _remotePlayers)
            {
                for (int f = _lowestUndelivered[p]; f < _schedule.Frames; f++)
                {
                    if (f >= _nextToSend[p] || _arrival[p][f] >= 0)
                    {
                        _engine.AddRemoteInput(p, f, _schedule[p, f]);
                    }
                }

                _nextToSend[p] = _schedule.Frames;
                _lowestUndelivered[p] = _schedule.Frames;
            }
        }
    }
}
