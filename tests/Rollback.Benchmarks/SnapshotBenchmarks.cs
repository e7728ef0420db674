using System;
using System.Buffers;
using BenchmarkDotNet.Attributes;
using MemoryPack;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Save + restore of a blittable-heavy generated state against two plain span copies of the same
    /// payload (the physical limit) and a MemoryPack round trip into the existing instance.
    /// </summary>
    [MemoryDiagnoser]
    public class BlittableSnapshotBenchmarks
    {
        private BlittableState _state = null!;
        private BlittablePack _pack = null!;
        private byte[] _buffer = null!;
        private byte[] _payload = null!;
        private ArrayBufferWriter<byte> _writer = null!;

        [Params(256, 4 * 1024, 64 * 1024, 1024 * 1024)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            (_state, _pack) = StateFactory.Blittable(Bytes);
            _buffer = new byte[_state.SnapshotSize];
            _payload = new byte[Bytes];
            _writer = new ArrayBufferWriter<byte>(Bytes + 64);
        }

        [Benchmark(Baseline = true, Description = "two span copies")]
        public int TwoSpanCopies()
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(_state.Data.AsSpan()).CopyTo(_payload);
            _payload.AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_state.Data.AsSpan()));
            return _payload.Length;
        }

        [Benchmark(Description = "generated save + restore")]
        public int GeneratedSaveRestore()
        {
            int written = _state.Save(_buffer);
            _state.Restore(_buffer.AsSpan(0, written));
            return written;
        }

        [Benchmark(Description = "MemoryPack serialize + deserialize")]
        public int MemoryPackRoundTrip()
        {
            _writer.ResetWrittenCount();
            MemoryPackSerializer.Serialize(_writer, _pack);
            MemoryPackSerializer.Deserialize(_writer.WrittenSpan, ref _pack!);
            return _writer.WrittenCount;
        }
    }

    /// <summary>The same comparison for a mixed state of many small nested objects, arrays, lists and a string.</summary>
    [MemoryDiagnoser]
    public class MixedSnapshotBenchmarks
    {
        private MixedState _state = null!;
        private MixedPack _pack = null!;
        private byte[] _buffer = null!;
        private byte[] _payload = null!;
        private ArrayBufferWriter<byte> _writer = null!;

        [Params(256)]
        public int Units { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            (_state, _pack) = StateFactory.Mixed(Units);
            _buffer = new byte[_state.SnapshotSize];
            _payload = new byte[_state.SnapshotSize];
            _writer = new ArrayBufferWriter<byte>(_buffer.Length * 2);

            // The hand-written lower bound must produce exactly the generated body (after the header and counters).
            int written = _state.Save(_buffer);
            int bodyStart = Rollback.Snapshots.SnapshotEncoding.HeaderSize + Rollback.Snapshots.SnapshotEncoding.CountersSize;
            byte[] hand = new byte[_buffer.Length];
            int handWritten = HandWrittenMixedCodec.Save(_state, hand);
            if (!hand.AsSpan(0, handWritten).SequenceEqual(_buffer.AsSpan(bodyStart, written - bodyStart)))
            {
                throw new InvalidOperationException("The hand-written codec does not match the generated encoding.");
            }
        }

        [Benchmark(Baseline = true, Description = "two span copies of the payload")]
        public int TwoSpanCopies()
        {
            _buffer.AsSpan().CopyTo(_payload);
            _payload.AsSpan().CopyTo(_buffer);
            return _payload.Length;
        }

        [Benchmark(Description = "generated save + restore")]
        public int GeneratedSaveRestore()
        {
            int written = _state.Save(_buffer);
            _state.Restore(_buffer.AsSpan(0, written));
            return written;
        }

        [Benchmark(Description = "hand-written body save + restore (lower bound of the encoding)")]
        public int HandWrittenSaveRestore()
        {
            int written = HandWrittenMixedCodec.Save(_state, _payload);
            HandWrittenMixedCodec.Restore(_state, _payload.AsSpan(0, written));
            return written;
        }

        [Benchmark(Description = "MemoryPack serialize + deserialize")]
        public int MemoryPackRoundTrip()
        {
            _writer.ResetWrittenCount();
            MemoryPackSerializer.Serialize(_writer, _pack);
            MemoryPackSerializer.Deserialize(_writer.WrittenSpan, ref _pack!);
            return _writer.WrittenCount;
        }
    }

    /// <summary>Checksum throughput against one span copy of the same 64 KB.</summary>
    [MemoryDiagnoser]
    public class ChecksumBenchmarks
    {
        private BlittableState _state = null!;
        private byte[] _snapshot = null!;
        private byte[] _copy = null!;

        [GlobalSetup]
        public void Setup()
        {
            _state = StateFactory.Blittable(64 * 1024).State;
            _snapshot = new byte[_state.SnapshotSize];
            _state.Save(_snapshot);
            _copy = new byte[_snapshot.Length];
        }

        [Benchmark(Baseline = true, Description = "one span copy, 64 KB")]
        public int SpanCopy()
        {
            _snapshot.AsSpan().CopyTo(_copy);
            return _copy.Length;
        }

        [Benchmark(Description = "XxHash3 of the snapshot bytes, 64 KB")]
        public ulong ChecksumOfSnapshot() => Rollback.Snapshots.SnapshotEncoding.Checksum(_snapshot);

        [Benchmark(Description = "state.Checksum() (save + hash), 64 KB")]
        public ulong StateChecksum() => _state.Checksum();
    }
}
