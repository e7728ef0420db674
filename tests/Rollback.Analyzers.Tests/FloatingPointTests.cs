using System.Threading.Tasks;
using Xunit;
using Verify = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.FloatingPointAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    public class FloatingPointTests
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
        public Task Flags_floating_declarations_in_state() => Verify.VerifyAsync(State + @"
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
        public Task Flags_locals_parameters_returns_literals_arithmetic_and_math() => Verify.VerifyAsync(State + @"
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
        public Task Flags_only_the_outermost_expression() => Verify.VerifyAsync(State + @"
    public int Score;
    public void Step(int a, int b)
    {
        Score = [|(int)(a * 0.5 + b * 0.25 - Math.Floor(a / 3.0))|];
        if ([|a > 2.5|]) { Score++; }
    }
}
");

        [Fact]
        public Task Flags_floating_point_reached_transitively() => Verify.VerifyAsync(State + @"
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
        public Task Does_not_flag_decimal_integers_fixed_point_or_code_outside_simulation() => Verify.VerifyAsync(State + @"
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
    }
}
