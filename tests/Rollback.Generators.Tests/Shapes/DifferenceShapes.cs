using System.Collections.Generic;
using Rollback;

namespace Rollback.Generators.Tests.Shapes
{
    public enum Stance { Idle, Running, Jumping }

    /// <summary>A state with the value kinds whose text the difference report formats specially.</summary>
    [RollbackState]
    public partial class Duel
    {
        public Fixed64 Speed;
        public FixedVector2 Position;
        public Stance Stance;
        public string? Banner = "go";
        public double Drift;
        public char Key = 'k';
        public List<Player?> Roster = new List<Player?>();
        public DeterministicRandom Rng = new DeterministicRandom(3);
    }
}
