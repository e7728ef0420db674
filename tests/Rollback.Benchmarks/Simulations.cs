using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Rollback.Benchmarks
{
    /// <summary>A trivial step over <see cref="BlittableState"/>: adds the players' inputs to <c>Tick</c>.</summary>
    public sealed class TrivialSimulation : ISimulation<BlittableState, int>
    {
        public static readonly TrivialSimulation Instance = new TrivialSimulation();

        public void Step(BlittableState state, ReadOnlySpan<int> inputs)
        {
            int sum = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                sum += inputs[i];
            }

            state.Tick += sum;
        }

        public bool IsEpisodeOver(BlittableState state) => false;

        public void ResetEpisode(BlittableState state)
        {
        }
    }

    /// <summary>
    /// What an engine must do at the least to keep a snapshot of every frame, written by hand: a ring of byte
    /// buffers, <c>Save</c> into the next one and hash it (the engine stores the XxHash3 of every snapshot).
    /// Used as the same-run baseline of the session and rollback benchmarks.
    /// </summary>
    internal sealed class HandRing
    {
        private readonly byte[][] _slots;
        private readonly ulong[] _checksums;

        public HandRing(int slots, int bytes)
        {
            _slots = new byte[slots][];
            _checksums = new ulong[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new byte[bytes];
            }
        }

        public int Count => _slots.Length;

        public int Save(IRollbackState state, int frame, bool checksum = true)
        {
            int index = frame % _slots.Length;
            int written = state.Save(_slots[index]);
            if (checksum)
            {
                _checksums[index] = Rollback.Snapshots.SnapshotEncoding.Checksum(new ReadOnlySpan<byte>(_slots[index], 0, written));
            }

            return written;
        }

        public ReadOnlySpan<byte> Bytes(int frame) => _slots[frame % _slots.Length];

        public ulong Checksum(int frame) => _checksums[frame % _slots.Length];
    }

    /// <summary>Adds an operations-per-second column (frames per second where one operation is one frame).</summary>
    public sealed class FramesPerSecondConfig : ManualConfig
    {
        public FramesPerSecondConfig()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
        }
    }
}
