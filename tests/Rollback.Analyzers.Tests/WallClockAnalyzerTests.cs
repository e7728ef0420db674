using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using TimeFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.WallClockAnalyzer, Rollback.Analyzers.CodeFixes.WallClockCodeFixProvider>;
using WallClock = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.WallClockAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2001: wall clock and timers in simulation code, and the "Derive time from the state's Frame" fix.</summary>
    public partial class WallClockAnalyzerTests
    {
        [Fact]
        public Task Flags_wall_clock_in_simulation_step() => WallClock.VerifyAsync(@"
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
        public Task Does_not_flag_time_passed_in_as_data_or_code_outside_the_simulation() => WallClock.VerifyAsync(@"
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
        public Task Flags_code_reached_through_calls_lambdas_properties_and_base_classes() => WallClock.VerifyAsync(@"
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
        public Task Message_names_the_call_chain() => WallClock.VerifyAsync(@"
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
            WallClock.Diagnostic().WithLocation(0).WithArguments("DateTime.Now", " (reached from simulation code via Arena.Step \u2192 Physics.Integrate \u2192 Clock.Read)"),
            WallClock.Diagnostic().WithLocation(1).WithArguments("DateTime.Now", ""));

        [Fact]
        public Task Deterministic_attribute_opts_in_types_and_members() => WallClock.VerifyAsync(@"
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

        [Fact]
        public async Task Derives_time_from_the_state_frame_in_a_simulation()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    public int Millis;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    /// <summary>
    /// Simulation frames per second (the session's tick rate), used to derive time from the
    /// state's <c>Frame</c> counter instead of the wall clock. Keep it equal to the rate the session runs at.
    /// </summary>
    private const int FramesPerSecond = 60;

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Ticks = new DateTime(s.Frame * (TimeSpan.TicksPerSecond / FramesPerSecond)).Ticks;
        s.Ticks += new DateTimeOffset(s.Frame * (TimeSpan.TicksPerSecond / FramesPerSecond), TimeSpan.Zero).Ticks;
        s.Millis = (s.Frame * 1000 / FramesPerSecond);
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            var test = new TimeFix.Test
            {
                TestCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    public int Millis;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Ticks = [|DateTime.Now|].Ticks;
        s.Ticks += [|DateTimeOffset.UtcNow|].Ticks;
        s.Millis = [|Environment.TickCount|];
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
",
                FixedCode = fixedCode,
            };
            test.NumberOfIncrementalIterations = 3;
            // fix-all replaces the three reads and adds the constant once
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Uses_frame_inside_the_state_type()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    /// <summary>
    /// Simulation frames per second (the session's tick rate), used to derive time from the
    /// state's <c>Frame</c> counter instead of the wall clock. Keep it equal to the rate the session runs at.
    /// </summary>
    private const int FramesPerSecond = 60;

    public long Ticks;
    public void Step() { Ticks = new DateTime(Frame * (TimeSpan.TicksPerSecond / FramesPerSecond), DateTimeKind.Utc).Ticks; }
}
";
            await TimeFix.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    public void Step() { Ticks = [|DateTime.UtcNow|].Ticks; }
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Offers_no_fix_without_a_state_in_reach() => TimeFix.VerifyAsync(@"
using System;
using Rollback;

[Deterministic]
public static class Clock
{
    public static long Read() => [|DateTime.Now|].Ticks;
}
", @"
using System;
using Rollback;

[Deterministic]
public static class Clock
{
    public static long Read() => [|DateTime.Now|].Ticks;
}
");
    }
}
