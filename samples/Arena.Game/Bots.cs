using Rollback;

namespace Arena.Game
{
    /// <summary>
    /// Scripted players for unattended runs: each holds a direction for 4 to 6 frames, then picks a new
    /// one (and sometimes dashes), from a seeded RNG of its own, so a run is reproducible from its seed.
    /// </summary>
    public sealed class Bot
    {
        private DeterministicRandom _rng;
        private Pad _current;
        private int _hold;

        /// <summary>Creates a bot for one player.</summary>
        /// <param name="seed">The run's seed.</param>
        /// <param name="player">The player index, mixed into the random seed.</param>
        public Bot(ulong seed, int player)
        {
            _rng = new DeterministicRandom((seed * 0x9E3779B97F4A7C15UL) + (ulong)player + 1);
        }

        /// <summary>The pad for the next frame.</summary>
        public Pad Next()
        {
            if (_hold <= 0)
            {
                _current = new Pad((sbyte)_rng.NextInt(-1, 2), (sbyte)_rng.NextInt(-1, 2), _rng.NextInt(8) == 0);
                _hold = _rng.NextInt(4, 7);
            }

            _hold--;
            return _current;
        }

        /// <summary>Random pads for <see cref="SyncTestSession{TState, TInput}.RunRandom"/>.</summary>
        public static Pad RandomPad(ref DeterministicRandom random, int player, int frame) =>
            new Pad((sbyte)random.NextInt(-1, 2), (sbyte)random.NextInt(-1, 2), random.NextInt(8) == 0);
    }
}
