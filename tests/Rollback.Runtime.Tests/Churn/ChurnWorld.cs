using System;
using System.Collections.Generic;

namespace Rollback.Runtime.Tests.Churn
{
    /// <summary>An entity that is spawned and despawned every few frames.</summary>
    [RollbackState]
    public partial class Mob
    {
        public int Id;
        public int Hp;
        public Fixed64 X;
        public Fixed64 Y;
        public string? Kind;
        public List<int> Trail = new List<int>(8);   // sized for its peak, as "Allocation in your game" advises
        public Mob? Target;
    }

    /// <summary>
    /// A world whose nested state objects come and go: a list that grows and shrinks, a member that is set and
    /// cleared, array slots filled and emptied, and a string member that changes between a few texts.
    /// </summary>
    [RollbackState]
    public partial class ChurnWorld
    {
        public static readonly string[] Banners = { "calm", "wave incoming", "boss fight", "victory lap" };

        public List<Mob> Mobs = new List<Mob>(32);   // sized for its peak (MaxMobs), as "Allocation in your game" advises
        public Mob? Boss;
        public Mob?[] Slots = new Mob?[4];
        public DeterministicRandom Rng = new DeterministicRandom(99);
        public int NextId;
        public int Spawned;
        public int Despawned;
        public long Sum;
        public string? Banner;
    }

    /// <summary>One player's input: a number that steers spawning.</summary>
    public struct ChurnInput
    {
        public byte Value;
    }
}
