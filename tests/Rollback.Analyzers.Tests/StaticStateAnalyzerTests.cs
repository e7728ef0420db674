using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using StaticState = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.StaticStateAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2007: hidden mutable static state in simulation code (no code fix: where the value belongs is a design choice).</summary>
    public partial class StaticStateAnalyzerTests
    {
        [Fact]
        public Task Flags_mutable_static_fields_and_auto_properties() => StaticState.VerifyAsync(Sources.Simulation(@"
        [|Counters.Hits|]++;
        s.Score += [|Counters.Total|];
        [|Counters.Total|] = 3;
        [|Counters.Table[0]|] = 1;
        s.Score += Counters.Table[1] + Counters.Max + Counters.Limit + Counters.Computed + Counters.ReadOnlyAuto;
") + @"
public static class Counters
{
    public static int Hits;
    public static int Total { get; set; }
    public static readonly int[] Table = { 1, 2, 3 };
    public const int Max = 10;
    public static readonly int Limit = 5;
    public static int Computed => Max * 2;
    public static int ReadOnlyAuto { get; } = 4;
}
");

        [Fact]
        public Task Flags_static_state_reached_through_a_property_getter() => StaticState.VerifyAsync(Sources.Simulation(@"
        s.Score += Config.Gravity;
") + @"
public static class Config
{
    private static int s_gravity = 10;
    public static int Gravity => [|s_gravity|];
    public static void Set(int g) => s_gravity = g;
}
");

        [Fact]
        public Task Flags_static_readonly_collections_changed_and_static_events() => StaticState.VerifyAsync(Sources.Simulation(@"
        [|Registry.Items.Add(s.Score)|];
        [|Registry.Queue.TryDequeue(out _)|];
        [|Registry.Map.AddOrUpdate(1, 2, (k, v) => v + 1)|];
        [|Registry.Lookup[3]|] = 4;
        [|Registry.Settings.Level|] = 2;
        Bus.Raise(s.Score);
        [|Bus.Scored|] += OnScored;
").Replace("public sealed class Rules", "public sealed partial class Rules") + @"
public static class Registry
{
    public static readonly List<int> Items = new List<int>();
    public static readonly System.Collections.Concurrent.ConcurrentQueue<int> Queue = new System.Collections.Concurrent.ConcurrentQueue<int>();
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> Map = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
    public static readonly Dictionary<int, int> Lookup = new Dictionary<int, int>();
    public static readonly Config Settings = new Config();
}

public sealed class Config { public int Level; }

public static class Bus
{
    public static event Action<int>? Scored;
    public static void Raise(int x) => [|Scored|]?.Invoke(x);
}
" + @"
public sealed partial class Rules { private static void OnScored(int x) { } }
");

        [Fact]
        public Task Does_not_flag_reads_of_static_readonly_collections() => StaticState.VerifyAsync(Sources.Simulation(@"
        s.Score += Registry.Items.Count + Registry.Items[0] + (Registry.Lookup.TryGetValue(1, out var v) ? v : 0);
        s.Score += Registry.Items.Contains(3) ? 1 : 0;
        var copy = new List<int>(Registry.Items);
        copy.Add(1);
") + @"
public static class Registry
{
    public static readonly List<int> Items = new List<int> { 1, 2 };
    public static readonly Dictionary<int, int> Lookup = new Dictionary<int, int>();
}
");

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.StaticStateAnalyzer(), @"
        Counters.Hits++;
        s.Score += Counters.Max;
", @"
public static class Counters
{
    public static int Hits;
    public const int Max = 10;
}
");
    }
}
