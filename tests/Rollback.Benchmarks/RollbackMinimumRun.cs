using System;
using System.Diagnostics;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// The depth-8 rollback comparison of <see cref="RollbackBenchmarks"/>, run as interleaved rounds that keep the
    /// fastest round of each method: a same-run ratio that stays readable on a loaded machine, where a short
    /// BenchmarkDotNet job's mean is dominated by other processes. Not a replacement for the full suite.
    /// <c>dotnet run -c Release --project tests/Rollback.Benchmarks -- --rollback-minimum</c>.
    /// </summary>
    internal static class RollbackMinimumRun
    {
        public static void Run(int rounds)
        {
            foreach (int bytes in new[] { 256, 64 * 1024 })
            {
                var benchmarks = new RollbackBenchmarks { Depth = 8, Bytes = bytes };
                benchmarks.Setup();
                string[] names =
                {
                    "by hand: restore + 9 x (Step + save + hash)",
                    "by hand: restore + 9 x (Step + save), no hash",
                    "RollbackEngine, rollback of 8",
                    "RollbackEngine, rollback of 8, handler reads each checksum",
                };
                var methods = new Func<int>[]
                {
                    () => benchmarks.ByHand(),
                    () => benchmarks.ByHandNoHash(),
                    () => (int)benchmarks.EngineRollback(),
                    () => (int)benchmarks.EngineRollbackExporting(),
                };
                var best = new double[methods.Length];
                best.AsSpan().Fill(double.MaxValue);
                int perRound = bytes <= 256 ? 2000 : 40;
                for (int round = 0; round < rounds; round++)
                {
                    for (int m = 0; m < methods.Length; m++)
                    {
                        long start = Stopwatch.GetTimestamp();
                        for (int i = 0; i < perRound; i++)
                        {
                            methods[m]();
                        }

                        double ns = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / perRound;
                        best[m] = Math.Min(best[m], ns);
                    }
                }

                for (int m = 0; m < methods.Length; m++)
                {
                    Console.WriteLine(FormattableString.Invariant($"{bytes,6} B  {names[m],-60} {best[m],10:F1} ns  ratio {best[m] / best[0]:F2}"));
                }
            }
        }
    }
}
