using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Concurrency = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.ConcurrencyAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2005: concurrency and dropped tasks in simulation code (no code fix: none is mechanical).</summary>
    public partial class ConcurrencyAnalyzerTests
    {
        [Fact]
        public Task Flags_tasks_threads_parallel_plinq_and_async() => Concurrency.VerifyAsync(Sources.Simulation(@"
        [|Task.Run(() => s.Score++)|].Wait();
        [|Parallel.For(0, 4, i => { })|];
        var t = [|new Thread(() => { })|];
        [|ThreadPool.QueueUserWorkItem(_ => { })|];
        s.Score += [|new[] { 1, 2 }.AsParallel()|].Sum();
        Func<Task> f = [|async|] () => await [|Task.Yield()|];
        s.Score += Helper().Result;
    }

    private static [|async|] Task<int> Helper()
    {
        await Task.CompletedTask;
        return 1;
") + @"
public static class Loader
{
    public static async Task<int> LoadAsync() { await Task.Delay(1); return await Task.Run(() => 1); }
}
");

        [Fact]
        public Task Flags_dropped_tasks_at_call_sites() => Concurrency.VerifyAsync(Sources.Simulation(@"
        _ = [|Net.SendAsync(s.Score)|];
        [|Net.SendAsync(1)|];
        _ = [|Net.PingAsync()|];
") + @"
public static class Net
{
    public static Task SendAsync(int x) => Task.CompletedTask;
    public static ValueTask<int> PingAsync() => new ValueTask<int>(1);
}
");

        [Fact]
        public Task Does_not_flag_kept_or_synchronous_results() => Concurrency.VerifyAsync(Sources.Simulation(@"
        _ = Net.Compute(3);
        Net.Compute(4);
        s.Score += Net.Compute(5);
") + @"
public static class Net
{
    public static int Compute(int x) => x * 2;
}
");

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.ConcurrencyAnalyzer(), @"
        _ = Net.SendAsync(s.Score);
        s.Score += Net.Compute(2);
", @"
public static class Net
{
    public static Task SendAsync(int x) => Task.CompletedTask;
    public static int Compute(int x) => x * 2;
}
");
    }
}
