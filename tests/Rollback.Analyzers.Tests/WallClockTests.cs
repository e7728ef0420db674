using System.Threading.Tasks;
using Rollback.Analyzers.Rules;
using Xunit;
using Verify = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.WallClockAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    public class WallClockTests
    {
        [Fact]
        public Task Flags_wall_clock_in_simulation_step() => Verify.VerifyAsync(@"
using System;
using System.Diagnostics;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Ticks = [|DateTime.Now|].Ticks;
        s.Ticks += [|DateTime.UtcNow|].Ticks + [|DateTimeOffset.UtcNow|].Ticks + [|Environment.TickCount64|];
        var sw = [|Stopwatch.StartNew()|];
        s.Ticks += [|Stopwatch.GetTimestamp()|];
        s.Ticks += [|DateTime.Today|].Ticks;
    }
    public bool IsEpisodeOver(Arena s) => s.Ticks > [|Environment.TickCount|];
    public void ResetEpisode(Arena s) { }
}
");

        [Fact]
        public Task Does_not_flag_time_passed_in_as_data_or_code_outside_the_simulation() => Verify.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    public void Apply(DateTime when) { Ticks = when.Ticks + new DateTime(2020, 1, 1).AddDays(1).Ticks; }
}

public static class Hud
{
    public static string Clock() => DateTime.Now.ToString(""HH:mm"");
    public static void Feed(Arena arena) => arena.Apply(DateTime.UtcNow);
}
");

        [Fact]
        public Task Flags_code_reached_through_calls_lambdas_properties_and_base_classes() => Verify.VerifyAsync(@"
using System;
using System.Collections.Generic;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
}

public struct Pad { public int X; }

public abstract class RulesBase
{
    protected long Now() => [|DateTime.Now|].Ticks;
}

public static class Clock
{
    public static long Elapsed => [|Environment.TickCount64|];
    public static long Helper() => Deeper();
    private static long Deeper() => [|DateTime.UtcNow|].Ticks;
    public static long NotCalled() => DateTime.UtcNow.Ticks;
}

public sealed class Timed
{
    private readonly long _start = [|DateTime.UtcNow|].Ticks;
    public long Start => _start;
}

public sealed class Rules : RulesBase, ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Ticks = Now() + Clock.Elapsed + Clock.Helper() + new Timed().Start;
        var list = new List<long> { 1 };
        list.ForEach(x => s.Ticks += x + [|DateTime.Now|].Ticks);
        long Local() => [|DateTime.Now|].Ticks;
        s.Ticks += Local();
    }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
");

        [Fact]
        public Task Message_names_the_call_chain() => Verify.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    public void Step() { Ticks = Physics.Integrate(); }
    public void Direct() { Ticks = {|#1:DateTime.Now|}.Ticks; }
}

public static class Physics
{
    public static long Integrate() => Clock.Read();
}

public static class Clock
{
    public static long Read() => {|#0:DateTime.Now|}.Ticks;
}
",
            Verify.Diagnostic().WithLocation(0).WithArguments("DateTime.Now", " (reached from simulation code via Arena.Step \u2192 Physics.Integrate \u2192 Clock.Read)"),
            Verify.Diagnostic().WithLocation(1).WithArguments("DateTime.Now", ""));

        [Fact]
        public Task Deterministic_attribute_opts_in_types_and_members() => Verify.VerifyAsync(@"
using System;
using Rollback;

[Deterministic]
public static class Physics
{
    public static long Step() => [|DateTime.Now|].Ticks;
}

public static class Mixed
{
    [Deterministic]
    public static long Checked() => [|DateTime.Now|].Ticks;
    public static long Unchecked() => DateTime.Now.Ticks;
}
");
    }
}
