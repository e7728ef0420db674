using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using FloatFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.FloatingPointAnalyzer, Rollback.Analyzers.CodeFixes.FloatingPointCodeFixProvider>;
using Floating = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.FloatingPointAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2003: floating point in simulation code, and the "Use Rollback.Fixed64" fix.</summary>
    public partial class FloatingPointAnalyzerTests
    {
        private const string State = @"
using System;
using System.Numerics;
using Rollback;

[RollbackState]
public partial class Arena
{
";

        [Fact]
        public Task Flags_floating_declarations_in_state() => Floating.VerifyAsync(State + @"
    public [|float|] Speed = 1.5f;
    public [|double|] Mass;
    public [|float[]|] Samples = new float[4];
    public [|Vector2|] Position;
    public [|Half|] Small { get; set; }
    public decimal Money = 1.5m;
    public int Score;
    public Fixed64 Good = Fixed64.FromInt(1);
}
");

        [Fact]
        public Task Flags_locals_parameters_returns_literals_arithmetic_and_math() => Floating.VerifyAsync(State + @"
    public int Score;
    public [|float|] Scale([|float|] factor) => [|factor * 2|];
    public void Step(int dt)
    {
        [|var|] half = 0.5;
        int scaled = [|(int)(dt * 0.5)|];
        Score = [|(int)Math.Sqrt(dt)|];
        Score += [|MathF.Abs(-1f) > 0|] ? 1 : 0;
        Score += Math.Abs(-dt) + Math.Max(1, 2);
        decimal money = dt * 1.5m;
        [|Func<float, int>|] f = x => [|(int)x|];
        Score += [|new Vector2(1, 2).X > 0|] ? 1 : 0;
        Score += [|TimeSpan.FromSeconds(1).TotalSeconds > 0|] ? 1 : 0;
    }
}
");

        [Fact]
        public Task Flags_only_the_outermost_expression() => Floating.VerifyAsync(State + @"
    public int Score;
    public void Step(int a, int b)
    {
        Score = [|(int)(a * 0.5 + b * 0.25 - Math.Floor(a / 3.0))|];
        if ([|a > 2.5|]) { Score++; }
    }
}
");

        [Fact]
        public Task Flags_floating_point_reached_transitively() => Floating.VerifyAsync(State + @"
    public int Score;
    public void Step() { Score = Physics.Integrate(Score); }
}

public static class Physics
{
    public static int Integrate(int x) => [|(int)(x * 0.98)|];
    public static float Unused(float x) => x;
}

public static class Renderer
{
    public static float Lerp(float a, float b, float t) => a + (b - a) * t;
}
");

        [Fact]
        public Task Does_not_flag_decimal_integers_fixed_point_or_code_outside_simulation() => Floating.VerifyAsync(State + @"
    public decimal Money;
    public int Score;
    public Fixed64 Speed;
    public void Step(int dt)
    {
        Money += dt * 0.25m;
        Score = (int)(Money / 3m);
        Speed = Speed + Fixed64.FromRatio(1, 3) * dt;
    }
}

public static class Renderer
{
    public static float Lerp(float a, float b, float t) => a + (b - a) * t;
    public static double ToScreen(Arena arena) => arena.Speed.ToDouble() * 100.0;
}
");

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

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.FloatingPointAnalyzer(), @"
        s.Score = (int)(s.Score * 0.5);
        s.Score += (int)Fixed64.FromInt(s.Score);
");

        [Fact]
        public async Task Fix_that_breaks_a_use_marks_it_with_a_warning_in_the_preview()
        {
            // Whether the fix is offered is decided from the declaration (its initializer has a Fixed64 form); the edit is
            // computed when chosen and then compiled: passing the converted local to a float parameter no longer compiles,
            // and the preview says so at that spot instead of the fix silently producing broken code.
            (Document document, var actions) = await FixRunner.RegisterAsync(new Rollback.Analyzers.Rules.FloatingPointAnalyzer(), new Rollback.Analyzers.CodeFixes.FloatingPointCodeFixProvider(), @"
using Rollback;

[Deterministic]
public static class Physics
{
    public static int Run()
    {
        float x = 1.5f;
        return Round(x);
    }

    private static int Round(float value) => (int)value;
}
");
            var (_, action) = Assert.Single(actions, a => a.Action.Title == "Use Rollback.Fixed64");
            Solution changed = await FixRunner.ApplyAsync(action);
            SyntaxNode root = (await changed.GetDocument(document.Id)!.GetSyntaxRootAsync())!;
            Assert.Contains("Fixed64 x = Fixed64.Parse(\"1.5\");", root.ToFullString(), System.StringComparison.Ordinal);
            var warned = root.GetAnnotatedNodesAndTokens(WarningAnnotation.Kind).Select(n => n.AsNode()!).ToList();
            SyntaxNode use = Assert.Single(warned);
            Assert.Equal("x", use.ToString());
            Assert.Contains("The fixed code does not compile here", WarningAnnotation.GetDescription(use.GetAnnotations(WarningAnnotation.Kind).Single()), System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task Fix_that_compiles_carries_no_warning()
        {
            (Document document, var actions) = await FixRunner.RegisterAsync(new Rollback.Analyzers.Rules.FloatingPointAnalyzer(), new Rollback.Analyzers.CodeFixes.FloatingPointCodeFixProvider(), @"
using Rollback;

[Deterministic]
public static class Physics
{
    public static int Run()
    {
        float x = 1.5f;
        return (int)x;
    }
}
");
            var (_, action) = Assert.Single(actions);
            SyntaxNode root = (await (await FixRunner.ApplyAsync(action)).GetDocument(document.Id)!.GetSyntaxRootAsync())!;
            Assert.Contains("Fixed64 x = Fixed64.Parse(\"1.5\");", root.ToFullString(), System.StringComparison.Ordinal);
            Assert.Empty(root.GetAnnotatedNodesAndTokens(WarningAnnotation.Kind));
        }
    }
}
