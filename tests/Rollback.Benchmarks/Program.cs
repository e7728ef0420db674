using BenchmarkDotNet.Running;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Entry point. Full run: <c>dotnet run -c Release --project tests/Rollback.Benchmarks -- --filter "*"</c>.
    /// Quick check: add <c>--job short</c>. See docs/performance.md.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
