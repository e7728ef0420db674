using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace Rollback.Benchmarks
{
    /// <summary>An entity of <see cref="ChurnState"/>: a few fixed-size members and a short list.</summary>
    [RollbackState]
    public partial class ChurnEntity
    {
        public int Id;
        public int Hp;
        public Fixed64 X;
        public Fixed64 Y;
        public List<int> Trail = new List<int>();
    }

    /// <summary>A state whose entities come and go: a list of nested objects that grows and shrinks.</summary>
    [RollbackState]
    public partial class ChurnState
    {
        public List<ChurnEntity> Entities = new List<ChurnEntity>();
        public int Tick;
    }

    /// <summary>
    /// Restores of nested state objects with and without the per-type pool (<see cref="RollbackPool{T}"/>), in
    /// one run (each case in its own process, so each sets the pool's capacity once). The baseline sets the pool's capacity to 0, which is the restore as it was before the pool
    /// (objects a restore drops go to the garbage collector, objects it needs are constructed), plus the pool
    /// calls themselves. "churn": restores alternate between 8 and 32 entities, so each restore to 32 needs 24
    /// objects. "steady": every restore has the same 32 entities, so objects are refilled in place either way.
    /// </summary>
    [MemoryDiagnoser]
    public class ChurnRestoreBenchmarks
    {
        private ChurnState _live = null!;
        private byte[] _many = null!;
        private byte[] _few = null!;

        [Params("churn", "steady")]
        public string Shape { get; set; } = "churn";

        [GlobalSetup(Target = nameof(RestoreWithoutPool))]
        public void SetupWithoutPool() => Setup(capacity: 0);

        [GlobalSetup(Target = nameof(RestoreWithPool))]
        public void SetupWithPool() => Setup(capacity: 256);

        [Benchmark(Baseline = true, OperationsPerInvoke = 2, Description = "restore, pool capacity 0")]
        public int RestoreWithoutPool() => RestoreBoth();

        [Benchmark(OperationsPerInvoke = 2, Description = "restore, pooled")]
        public int RestoreWithPool() => RestoreBoth();

        private int RestoreBoth()
        {
            _live.Restore(_few);
            _live.Restore(_many);
            return _live.Entities.Count;
        }

        private void Setup(int capacity)
        {
            RollbackPool<ChurnEntity>.Capacity = capacity;
            RollbackPool<ChurnEntity>.Clear();
            _many = Snapshot(32);
            _few = Shape == "churn" ? Snapshot(8) : Snapshot(32);
            _live = new ChurnState();
            _live.Restore(_many);
        }

        private static byte[] Snapshot(int entities)
        {
            var state = new ChurnState { Tick = entities };
            for (int i = 0; i < entities; i++)
            {
                state.Entities.Add(new ChurnEntity { Id = i, Hp = 100 - i, X = Fixed64.FromInt(i), Y = Fixed64.FromInt(-i), Trail = { i, i + 1, i + 2 } });
            }

            var bytes = new byte[state.SnapshotSize];
            state.Save(bytes);
            return bytes;
        }
    }
}
