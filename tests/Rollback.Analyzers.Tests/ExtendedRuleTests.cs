using System.Threading.Tasks;
using Xunit;
using Concurrency = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.ConcurrencyAnalyzer>;
using Culture = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.CultureAnalyzer>;
using Environment = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.EnvironmentAnalyzer>;
using HashOrder = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.HashOrderAnalyzer>;
using StaticState = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.StaticStateAnalyzer>;
using WallClock = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.WallClockAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    public partial class HashOrderTests
    {
        [Fact]
        public Task Flags_per_process_hashes_of_tuples_records_and_anonymous_types() => HashOrder.VerifyAsync(Sources.Simulation(@"
        s.Score += [|(s.Score, 2).GetHashCode()|];
        s.Score += [|new Named(""a"").GetHashCode()|];
        s.Score += [|new Counted(3).GetHashCode()|];
        s.Score += [|new { A = 1, B = 2 }.GetHashCode()|];
        s.Score += [|new Plain().GetHashCode()|];
        object boxed = s.Score;
        s.Score += [|boxed.GetHashCode()|];
") + @"
public sealed record Named(string Name);
public sealed record Counted(int N);
public sealed class Plain { public int Id; }
");

        [Fact]
        public Task Does_not_flag_stable_hashes() => HashOrder.VerifyAsync(Sources.Simulation(@"
        s.Score += s.Score.GetHashCode();
        s.Score += new Cell(1, 2).GetHashCode();
        s.Score += new Hashed { Id = 3 }.GetHashCode();
        s.Score += Kind.A.GetHashCode();
        s.Score += new Point { X = 1 }.GetHashCode();
") + @"
public enum Kind { A, B }
public readonly record struct Cell(int X, int Y);
public sealed class Hashed { public int Id; public override int GetHashCode() => Id; }
public struct Point { public int X; }
");
    }

    public partial class EnvironmentTests
    {
        [Fact]
        public Task Flags_machine_facts() => Environment.VerifyAsync(Sources.Simulation(@"
        s.Score += [|System.Environment.ProcessorCount|];
        s.Score += (int)[|System.Environment.WorkingSet|];
        s.Score += (int)[|GC.GetTotalMemory(false)|];
        s.Score += [|GC.CollectionCount(0)|];
        s.Score += [|IntPtr.Size|];
        s.Score += [|BitConverter.IsLittleEndian|] ? 1 : 0;
        s.Score += [|System.Numerics.Vector.IsHardwareAccelerated|] ? 1 : 0;
        s.Score += [|System.Runtime.Intrinsics.X86.Avx2.IsSupported|] ? 1 : 0;
        s.Score += [|Thread.CurrentThread|].ManagedThreadId;
"));

        [Fact]
        public Task Does_not_flag_look_alikes_of_machine_facts() => Environment.VerifyAsync(Sources.Simulation(@"
        s.Score += sizeof(int) + BitConverter.GetBytes(s.Score).Length;
        s.Score += Machine.ProcessorCount + Machine.Size;
") + @"
public static class Machine { public const int ProcessorCount = 4; public const int Size = 8; }
public static class Diagnostics { public static long Memory() => GC.GetTotalMemory(false); }
");
    }

    public partial class CultureTests
    {
        [Fact]
        public Task Flags_numbers_formatted_indirectly() => Culture.VerifyAsync(Sources.Simulation(@"
        var scores = new[] { s.Score, -1 };
        var a = [|string.Join("","", scores)|];
        var b = [|string.Join("","", s.Score, 2)|];
        var c = [|string.Concat(""hp "", s.Score)|];
        var sb = new System.Text.StringBuilder();
        [|sb.Append(s.Score)|];
        [|sb.Append(1.5)|];
        sb.Append($""hp {[|s.Score|]}"");
        [|sb.AppendFormat(""{0}"", s.Score)|];
        var text = ""x"";
        text += [|s.Score|];
"));

        [Fact]
        public Task Does_not_flag_invariant_or_text_only_formatting() => Culture.VerifyAsync(Sources.Simulation(@"
        var names = new[] { ""a"", ""b"" };
        var a = string.Join("","", names);
        var b = string.Concat(""hp "", ""x"");
        var sb = new System.Text.StringBuilder();
        sb.Append(""text"").Append('c').Append(true);
        sb.Append(s.Score.ToString(CultureInfo.InvariantCulture));
        sb.Append(CultureInfo.InvariantCulture, $""hp {s.Score}"");
        sb.AppendFormat(CultureInfo.InvariantCulture, ""{0}"", s.Score);
        var c = FormattableString.Invariant($""{s.Score}"");
        var text = ""x"";
        text += ""y"";
"));
    }

    public partial class ConcurrencyTests
    {
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
    }

    public partial class StaticStateTests
    {
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
    }

    /// <summary>Static constructors and static field initializers of types the simulation reads are simulation code.</summary>
    public class StaticInitializationTests
    {
        [Fact]
        public Task Flags_static_initialization_of_types_the_simulation_reads() => WallClock.VerifyAsync(Sources.Simulation(@"
        s.Score += Tuning.Seed + Clock.Start;
") + @"
public static class Tuning
{
    public static readonly int Seed = [|System.Environment.TickCount|];
}

public static class Clock
{
    public static readonly int Start;
    static Clock() { Start = [|DateTime.Now|].Second; }
}

public static class Unused
{
    public static readonly long Ticks = DateTime.Now.Ticks;
}
");
    }
}
