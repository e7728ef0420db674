namespace Rollback.Runtime.Tests.Support
{
    /// <summary>Random inputs per player and frame, held for a few frames at a time like real key presses.</summary>
    public sealed class InputSchedule
    {
        private readonly TestInput[][] _inputs;

        public InputSchedule(int players, int frames, ulong seed, int minHold = 2, int maxHold = 7)
        {
            var rng = new DeterministicRandom(seed);
            _inputs = new TestInput[players][];
            for (int p = 0; p < players; p++)
            {
                var row = new TestInput[frames];
                int f = 0;
                while (f < frames)
                {
                    int hold = rng.NextInt(minHold, maxHold + 1);
                    var input = new TestInput((byte)rng.NextInt(4), (sbyte)rng.NextInt(-2, 3));
                    for (int i = 0; i < hold && f < frames; i++, f++)
                    {
                        row[f] = input;
                    }
                }

                _inputs[p] = row;
            }
        }

        public int Frames => _inputs[0].Length;

        public TestInput this[int player, int frame] => _inputs[player][frame];
    }
}
