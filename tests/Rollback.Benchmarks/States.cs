using System.Collections.Generic;
using MemoryPack;

namespace Rollback.Benchmarks
{
    /// <summary>A blittable-heavy state: one int array carrying the whole payload.</summary>
    [RollbackState]
    public partial class BlittableState
    {
        public int Tick;
        public int[] Data = System.Array.Empty<int>();
    }

    /// <summary>The same data as <see cref="BlittableState"/>, for MemoryPack.</summary>
    [MemoryPackable]
    public partial class BlittablePack
    {
        public int Tick;
        public int[] Data = System.Array.Empty<int>();
    }

    public struct Vec
    {
        public long X;
        public long Y;
    }

    /// <summary>A small nested object of the mixed state.</summary>
    [RollbackState]
    public partial class Unit
    {
        public int Id;
        public Vec Position;
        public Vec Velocity;
        public int Health;
        public int[] Cooldowns = new int[4];
    }

    /// <summary>A mixed state: many small nested objects, arrays, lists and a string.</summary>
    [RollbackState]
    public partial class MixedState
    {
        public int Tick;
        public string Name = "arena";
        public List<Unit> Units = new List<Unit>();
        public int[] Scores = new int[8];
        public List<int> Events = new List<int>();
    }

    [MemoryPackable]
    public partial class UnitPack
    {
        public int Id;
        public Vec Position;
        public Vec Velocity;
        public int Health;
        public int[] Cooldowns = new int[4];
    }

    [MemoryPackable]
    public partial class MixedPack
    {
        public int Tick;
        public string Name = "arena";
        public List<UnitPack> Units = new List<UnitPack>();
        public int[] Scores = new int[8];
        public List<int> Events = new List<int>();
    }

    internal static class StateFactory
    {
        public static (BlittableState State, BlittablePack Pack) Blittable(int bytes)
        {
            int count = bytes / sizeof(int);
            var state = new BlittableState { Tick = 1, Data = new int[count] };
            var pack = new BlittablePack { Tick = 1, Data = new int[count] };
            for (int i = 0; i < count; i++)
            {
                state.Data[i] = pack.Data[i] = i * 31;
            }

            return (state, pack);
        }

        public static (MixedState State, MixedPack Pack) Mixed(int units)
        {
            var state = new MixedState { Tick = 3 };
            var pack = new MixedPack { Tick = 3 };
            for (int i = 0; i < units; i++)
            {
                var p = new Vec { X = i, Y = -i };
                state.Units.Add(new Unit { Id = i, Position = p, Velocity = p, Health = 100, Cooldowns = new[] { i, 1, 2, 3 } });
                pack.Units.Add(new UnitPack { Id = i, Position = p, Velocity = p, Health = 100, Cooldowns = new[] { i, 1, 2, 3 } });
            }

            for (int i = 0; i < 16; i++)
            {
                state.Events.Add(i);
                pack.Events.Add(i);
            }

            return (state, pack);
        }
    }
}
