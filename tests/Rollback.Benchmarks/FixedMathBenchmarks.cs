using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Fixed-point (Q32.32) add, multiply, divide, square root and sine against <see cref="long"/> and
    /// <see cref="double"/>. Every benchmark runs the operation over <see cref="N"/> pre-generated operand
    /// pairs and stores each result (so no dependency chain and no dead code); times are per operation.
    /// Each category has its own baseline: the <see cref="long"/> operation for add, multiply and divide,
    /// the <see cref="double"/> one for square root and sine (which <see cref="long"/> has not).
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class FixedMathBenchmarks
    {
        private const int N = 1024;
        private readonly long[] _la = new long[N];
        private readonly long[] _lb = new long[N];
        private readonly long[] _lr = new long[N];
        private readonly double[] _da = new double[N];
        private readonly double[] _db = new double[N];
        private readonly double[] _dr = new double[N];
        private readonly Fixed64[] _fa = new Fixed64[N];
        private readonly Fixed64[] _fb = new Fixed64[N];
        private readonly Fixed64[] _fr = new Fixed64[N];
        private readonly Fixed64[] _angles = new Fixed64[N];
        private readonly double[] _dangles = new double[N];

        [GlobalSetup]
        public void Setup()
        {
            var random = new DeterministicRandom(12345);
            for (int i = 0; i < N; i++)
            {
                // a in [-1000, 1000), b in [1, 100) with a random sign: products and quotients stay in range.
                long a = random.NextInt(-1_000_000, 1_000_000);
                long b = random.NextInt(1_000, 100_000) * (random.NextInt(2) == 0 ? 1 : -1);
                _la[i] = a;
                _lb[i] = b;
                _fa[i] = Fixed64.FromRatio(a, 1000);
                _fb[i] = Fixed64.FromRatio(b, 1000);
                _da[i] = a / 1000.0;
                _db[i] = b / 1000.0;
                _angles[i] = Fixed64.FromRatio(random.NextInt(-100_000, 100_000), 10_000); // [-10, 10) radians
                _dangles[i] = _angles[i].RawValue / 4294967296.0;
            }
        }

        // ---- add ----

        [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "long +")]
        [BenchmarkCategory("add")]
        public void LongAdd()
        {
            long[] a = _la, b = _lb, r = _lr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] + b[i];
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "double +")]
        [BenchmarkCategory("add")]
        public void DoubleAdd()
        {
            double[] a = _da, b = _db, r = _dr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] + b[i];
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "Fixed64 +")]
        [BenchmarkCategory("add")]
        public void FixedAdd()
        {
            Fixed64[] a = _fa, b = _fb, r = _fr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] + b[i];
            }
        }

        // ---- multiply ----

        [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "long *")]
        [BenchmarkCategory("mul")]
        public void LongMultiply()
        {
            long[] a = _la, b = _lb, r = _lr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] * b[i];
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "double *")]
        [BenchmarkCategory("mul")]
        public void DoubleMultiply()
        {
            double[] a = _da, b = _db, r = _dr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] * b[i];
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "Fixed64 *")]
        [BenchmarkCategory("mul")]
        public void FixedMultiply()
        {
            Fixed64[] a = _fa, b = _fb, r = _fr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] * b[i];
            }
        }

        /// <summary>
        /// The multiply as it was before this release (signed <c>Math.BigMul</c>, whose low half the JIT passes
        /// through memory), on the same raw values: a same-run reference for the change, not a product API.
        /// </summary>
        [Benchmark(OperationsPerInvoke = N, Description = "previous Fixed64 * (signed BigMul)")]
        [BenchmarkCategory("mul")]
        public void PreviousFixedMultiply()
        {
            Fixed64[] a = _fa, b = _fb, r = _fr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = Fixed64.FromRaw(PreviousMultiplyRaw(a[i].RawValue, b[i].RawValue));
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static long PreviousMultiplyRaw(long a, long b)
        {
            unchecked
            {
                long high = Math.BigMul(a, b, out long lowSigned);
                ulong low = (ulong)lowSigned;
                ulong biased = low + (0x80000000UL - ((ulong)high >> 63));
                high += biased < low ? 1 : 0;
                return (high << 32) | (long)(biased >> 32);
            }
        }

        // ---- divide ----

        [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "long /")]
        [BenchmarkCategory("div")]
        public void LongDivide()
        {
            long[] a = _la, b = _lb, r = _lr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] / b[i];
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "double /")]
        [BenchmarkCategory("div")]
        public void DoubleDivide()
        {
            double[] a = _da, b = _db, r = _dr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] / b[i];
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "Fixed64 /")]
        [BenchmarkCategory("div")]
        public void FixedDivide()
        {
            Fixed64[] a = _fa, b = _fb, r = _fr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = a[i] / b[i];
            }
        }

        // ---- square root (of |a|) ----

        [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Math.Sqrt(double)")]
        [BenchmarkCategory("sqrt")]
        public void DoubleSqrt()
        {
            double[] a = _da, r = _dr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = Math.Sqrt(Math.Abs(a[i]));
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "FixedMath.Sqrt")]
        [BenchmarkCategory("sqrt")]
        public void FixedSqrt()
        {
            Fixed64[] a = _fa, r = _fr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = FixedMath.Sqrt(FixedMath.Abs(a[i]));
            }
        }

        // ---- sine ----

        [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Math.Sin(double)")]
        [BenchmarkCategory("sin")]
        public void DoubleSin()
        {
            double[] a = _dangles, r = _dr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = Math.Sin(a[i]);
            }
        }

        [Benchmark(OperationsPerInvoke = N, Description = "FixedMath.Sin")]
        [BenchmarkCategory("sin")]
        public void FixedSin()
        {
            Fixed64[] a = _angles, r = _fr;
            for (int i = 0; i < a.Length; i++)
            {
                r[i] = FixedMath.Sin(a[i]);
            }
        }
    }
}
