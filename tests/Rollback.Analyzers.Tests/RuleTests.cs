using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Concurrency = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.ConcurrencyAnalyzer>;
using Culture = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.CultureAnalyzer>;
using Environment = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.EnvironmentAnalyzer>;
using HashOrder = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.HashOrderAnalyzer>;
using Randomness = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.RandomnessAnalyzer>;
using StaticState = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.StaticStateAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    public partial class RandomnessTests
    {
        [Fact]
        public Task Flags_random_sources_in_simulation() => Randomness.VerifyAsync(Sources.Simulation(@"
        var rng = [|new Random(42)|];
        s.Score += [|rng.Next(6)|];
        s.Score += [|Random.Shared|].Next(6);
        s.Score += [|Guid.NewGuid()|].GetHashCode();
        s.Score += [|System.Security.Cryptography.RandomNumberGenerator.GetInt32(10)|];
        s.Score += s.Rng.NextInt(6);
"));

        [Fact]
        public Task Does_not_flag_random_in_a_test_helper_or_deterministic_random() => Randomness.VerifyAsync(Sources.Simulation(@"
        s.Score += s.Rng.NextInt(1, 7);
") + @"
public static class TestHelpers
{
    public static int[] RandomSchedule(int n)
    {
        var rng = new Random();
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = rng.Next(4);
        return result;
    }
}
");

        [Fact]
        public Task Flags_random_field_of_the_state() => Randomness.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    [RollbackIgnore] private Random _rng = [|new Random(7)|];
    public int Roll() => [|_rng.Next(6)|];
}
");
    }

    public partial class HashOrderTests
    {
        [Fact]
        public Task Flags_iteration_of_string_and_object_keyed_collections() => HashOrder.VerifyAsync(Sources.Simulation(@"
        var names = new Dictionary<string, int>();
        foreach (var pair in [|names|]) { s.Score += pair.Value; }
        var first = [|names.First()|];
        var list = [|names.Keys.ToList()|];
        var set = new HashSet<Unit>();
        foreach (var u in [|set|]) { s.Score++; }
        var byTuple = new Dictionary<(string, int), int>();
        s.Score += [|byTuple.Select(p => p.Value)|].ToList().Count;
        var byRecord = new HashSet<Named>();
        foreach (var n in [|byRecord|]) { s.Score++; }
        var joined = string.Join("","", [|names.Keys|]);
        var table = new System.Collections.Hashtable();
        foreach (var o in [|table|]) { s.Score++; }
        s.Score += [|""abc"".GetHashCode()|];
        s.Score += [|new Unit().GetHashCode()|];
        s.Score += [|System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(set)|];
        s.Score += [|HashCode.Combine(1, 2)|];
") + @"
public sealed class Unit { public int Id; }
public sealed record Named(string Name);
");

        [Fact]
        public Task Does_not_flag_stable_keys_or_order_insensitive_use() => HashOrder.VerifyAsync(Sources.Simulation(@"
        var byId = new Dictionary<int, string>();
        foreach (var pair in byId) { s.Score += pair.Key; }
        var byKind = new HashSet<Kind>();
        s.Score += byKind.First() == Kind.A ? 1 : 0;
        var byPoint = new Dictionary<(int X, int Y), int>();
        foreach (var p in byPoint.Keys) { s.Score += p.X; }
        var byRecord = new HashSet<Cell>();
        foreach (var c in byRecord) { s.Score += c.X; }
        var byHashed = new HashSet<Hashed>();
        foreach (var h in byHashed) { s.Score += h.Id; }
        var names = new Dictionary<string, int>();
        s.Score += names.Count + names.Values.Sum() + (names.Any(p => p.Value > 1) ? 1 : 0);
        s.Score += names.Where(p => p.Value > 0).Count();
        foreach (var pair in names.OrderBy(p => p.Key, StringComparer.Ordinal)) { s.Score += pair.Value; }
        var copy = new HashSet<string>(names.Keys);
        s.Score += 5.GetHashCode() + s.Score.GetHashCode();
") + @"
public enum Kind { A, B }
public readonly record struct Cell(int X, int Y);
public sealed class Hashed { public int Id; public override int GetHashCode() => Id; }
");

        [Fact]
        public Task Does_not_flag_dictionary_iteration_outside_simulation() => HashOrder.VerifyAsync(Sources.Simulation("") + @"
public static class Ui
{
    public static int Sum(Dictionary<string, int> d) { int t = 0; foreach (var p in d) t += p.Value; return t; }
}
");
    }

    public partial class ConcurrencyTests
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
    }

    public partial class EnvironmentTests
    {
        [Fact]
        public Task Flags_io_environment_console_input_and_network() => Environment.VerifyAsync(Sources.Simulation(@"
        s.Score += [|File.ReadAllText(""level.txt"")|].Length;
        s.Score += [|Directory.Exists(""x"")|] ? 1 : 0;
        s.Score += [|Environment.ProcessorCount|] + [|Environment.MachineName|].Length;
        s.Score += [|Environment.GetEnvironmentVariable(""SEED"")|]?.Length ?? 0;
        s.Score += [|Console.ReadLine()|]?.Length ?? 0;
        using var reader = [|new StreamReader(""a.txt"")|];
        using var client = [|new System.Net.Http.HttpClient()|];
        using var udp = [|new System.Net.Sockets.UdpClient()|];
        Console.WriteLine(s.Score);
        using var memory = new StreamReader(new MemoryStream());
"));

        [Fact]
        public Task Does_not_flag_io_outside_simulation() => Environment.VerifyAsync(Sources.Simulation("") + @"
public static class Save
{
    public static void Write(Arena a) => File.WriteAllText(""save.txt"", a.Score.ToString());
}
");
    }

    public partial class StaticStateTests
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
    }

    public partial class CultureTests
    {
        [Fact]
        public Task Flags_culture_dependent_formatting_parsing_and_ordering() => Culture.VerifyAsync(Sources.Simulation(@"
        string a = [|s.Score.ToString()|];
        int b = [|int.Parse(a)|];
        double c = [|double.Parse(""1.5"")|];
        int d = [|string.Compare(a, ""x"")|];
        var names = new List<string> { ""b"", ""a"" };
        var sorted = [|names.OrderBy(n => n)|].ToList();
        [|names.Sort()|];
        string e = ""score "" + [|s.Score|];
        string f = $""[|{1.5}|]"";
        bool g = [|a.StartsWith(""x"")|];
        string h = [|a.ToUpper()|];
        var cmp = [|StringComparer.CurrentCulture|];
"));

        [Fact]
        public Task Does_not_flag_invariant_or_ordinal_text() => Culture.VerifyAsync(Sources.Simulation(@"
        string a = s.Score.ToString(CultureInfo.InvariantCulture);
        int b = int.Parse(a, CultureInfo.InvariantCulture);
        int d = string.Compare(a, ""x"", StringComparison.Ordinal);
        var names = new List<string> { ""b"", ""a"" };
        var sorted = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        names.Sort(StringComparer.Ordinal);
        var byLength = names.OrderBy(n => n.Length).ToList();
        string e = ""name "" + a;
        string f = FormattableString.Invariant($""{1.5}"");
        bool g = a.StartsWith(""x"", StringComparison.Ordinal) && a.IndexOf('x') >= 0;
        string h = a.ToUpperInvariant() + Kind.A.ToString();
        Fixed64 p = Fixed64.Parse(""1.5"");
") + @"
public enum Kind { A }
");
    }

    internal static class Sources
    {
        /// <summary>A state, an input and a simulation whose Step body is <paramref name="body"/>.</summary>
        public static string Simulation(string body) => @"
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Rng = new DeterministicRandom(7);
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
" + body + @"
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
    }
}
