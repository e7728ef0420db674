using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.CodeFixes;
using Rollback.Analyzers.Rules;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using FloatFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.FloatingPointAnalyzer, Rollback.Analyzers.CodeFixes.FloatingPointCodeFixProvider>;
using PartialFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Tests.Infrastructure.FakeNotPartialAnalyzer, Rollback.Analyzers.CodeFixes.PartialStateCodeFixProvider>;
using RandomFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.RandomnessAnalyzer, Rollback.Analyzers.CodeFixes.RandomCodeFixProvider>;
using TimeFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.WallClockAnalyzer, Rollback.Analyzers.CodeFixes.WallClockCodeFixProvider>;

namespace Rollback.Analyzers.Tests
{
    public class PartialCodeFixTests
    {
        [Fact]
        public async Task Adds_partial_to_state_type()
        {
            const string fixedCode = @"
using Rollback;

[RollbackState]
public sealed partial class Arena
{
    public int Score;
}

[RollbackState]
partial struct Cell
{
    public int X;
}
";
            await PartialFix.VerifyAsync(@"
using Rollback;

[RollbackState]
public sealed class {|RB1001:Arena|}
{
    public int Score;
}

[RollbackState]
struct {|RB1001:Cell|}
{
    public int X;
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Adds_partial_to_containing_types_too() => PartialFix.VerifyAsync(@"
using Rollback;

public static class Game
{
    [RollbackState]
    public class {|RB1001:Arena|}
    {
        public int Score;
    }
}
", @"
using Rollback;

public static partial class Game
{
    [RollbackState]
    public partial class Arena
    {
        public int Score;
    }
}
");
    }

    public class FloatingPointCodeFixTests
    {
        private const string Header = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
";

        [Fact]
        public async Task Converts_a_local_and_its_literal()
        {
            string fixedCode = Header + @"
    public int Score;
    public void Step()
    {
        Fixed64 x = Fixed64.Parse(""1.5"");
        Fixed64 y = Fixed64.FromInt(2), z = Fixed64.Parse(""-0.25"");
        Score = (int)x + (int)y + (int)z;
    }
}
";
            var test = new FloatFix.Test
            {
                TestCode = Header + @"
    public int Score;
    public void Step()
    {
        [|float|] x = 1.5f;
        [|double|] y = 2, z = -0.25;
        Score = [|(int)x|] + [|(int)y|] + [|(int)z|];
    }
}
",
                FixedCode = fixedCode,
            };
            test.NumberOfIncrementalIterations = 2;
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck;
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Converts_a_state_field_and_the_literals_combined_with_it()
        {
            string fixedCode = Header + @"
    public Fixed64 Speed = Fixed64.Parse(""0.5"");
    public Fixed64 Friction { get; set; } = Fixed64.FromInt(1);
    public void Step()
    {
        Speed += Fixed64.Parse(""0.25"");
        Speed = Speed * Fixed64.Parse(""0.5"");
        if (Speed > Fixed64.FromInt(10)) { Speed = Fixed64.FromInt(10); }
    }
}
";
            var test = new FloatFix.Test
            {
                TestCode = Header + @"
    public [|float|] Speed = 0.5f;
    public [|float|] Friction { get; set; } = 1;
    public void Step()
    {
        [|Speed += 0.25f|];
        Speed = [|Speed * 0.5f|];
        if ([|Speed > 10f|]) { Speed = [|10f|]; }
    }
}
",
                FixedCode = fixedCode,
            };
            test.NumberOfIncrementalIterations = 2;
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck;
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Adds_the_using_directive_when_missing() => FloatFix.VerifyAsync(@"
[Rollback.RollbackState]
public partial class Arena
{
    public [|double|] Gravity = 9.81;
}
", @"
using Rollback;

[Rollback.RollbackState]
public partial class Arena
{
    public Fixed64 Gravity = Fixed64.Parse(""9.81"");
}
");

        [Fact]
        public Task Offers_no_fix_when_the_result_would_not_compile() => FloatFix.VerifyAsync(Header + @"
    public int Score;
    public void Step(int n)
    {
        [|float|] x = n * 0.5f;
        Score = [|(int)Math.Round(x)|];
    }
}
", Header + @"
    public int Score;
    public void Step(int n)
    {
        [|float|] x = n * 0.5f;
        Score = [|(int)Math.Round(x)|];
    }
}
");
    }

    public class RandomCodeFixTests
    {
        private const string State = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
}

public struct Pad { public int X; }
";

        [Fact]
        public async Task Moves_a_simulation_field_into_the_state()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Rng = new DeterministicRandom(42);
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Score += s.Rng.NextInt(6) + s.Rng.NextInt(1, 3);
    }

    public bool IsEpisodeOver(Arena s) => s.Rng.NextInt(int.MaxValue) == 0;
    public void ResetEpisode(Arena s) { }
}
";
            await RandomFix.VerifyAsync(State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private readonly Random _rng = [|new Random(42)|];

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Score += [|_rng.Next(6)|] + [|_rng.Next(1, 3)|];
    }

    public bool IsEpisodeOver(Arena s) => [|_rng.Next()|] == 0;
    public void ResetEpisode(Arena s) { }
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Moves_a_local_into_the_state()
        {
            const string body = @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        var dice = [|new Random(7)|];
        s.Score += [|dice.Next(6)|];
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Dice = new DeterministicRandom(7);
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Score += s.Dice.NextInt(6);
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            var test = new RandomFix.Test { TestCode = State + body, FixedCode = fixedCode, CodeActionEquivalenceKey = "Rollback.MoveRandomToState" };
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Changes_a_local_in_place()
        {
            const string fixedCode = State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        var dice = new DeterministicRandom(s.Score);
        s.Score += dice.NextInt(6);
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            var test = new RandomFix.Test
            {
                TestCode = State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        var dice = [|new Random(s.Score)|];
        s.Score += [|dice.Next(6)|];
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
",
                FixedCode = fixedCode,
                CodeActionEquivalenceKey = "Rollback.UseDeterministicRandom",
            };
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Changes_a_state_field_in_place()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    private DeterministicRandom _rng = new DeterministicRandom(3);
    public int Roll() => _rng.NextInt(6);
}
";
            await RandomFix.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    private readonly Random {|RB1002:_rng|} = [|new Random(3)|];
    public int Roll() => [|_rng.Next(6)|];
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Offers_no_fix_for_uses_other_than_next() => RandomFix.VerifyAsync(State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private readonly Random _rng = [|new Random(42)|];
    public void Step(Arena s, ReadOnlySpan<Pad> inputs) { s.Score += (int)[|_rng.NextDouble()|]; }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
", State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private readonly Random _rng = [|new Random(42)|];
    public void Step(Arena s, ReadOnlySpan<Pad> inputs) { s.Score += (int)[|_rng.NextDouble()|]; }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
");
    }

    public class WallClockCodeFixTests
    {
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
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck;
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
