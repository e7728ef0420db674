using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Banned = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.BannedApiAnalyzer>;
using WallClock = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.WallClockAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    public class ScopeAndOptionsTests
    {
        private const string TwoLevels = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    public void Step() { Ticks = {|#0:DateTime.Now|}.Ticks + Helper.Read(); }
}

public static class Helper
{
    public static long Read() => {|#1:DateTime.UtcNow|}.Ticks;
}
";

        [Fact]
        public async Task Transitive_scope_is_the_default()
        {
            await WallClock.VerifyAsync(
                TwoLevels,
                WallClock.Diagnostic().WithLocation(0).WithArguments("DateTime.Now", ""),
                WallClock.Diagnostic().WithLocation(1).WithArguments("DateTime.UtcNow", " (reached from simulation code via Arena.Step \u2192 Helper.Read)"));
        }

        [Theory]
        [InlineData("declared")]
        [InlineData(" Declared ")]
        public async Task Editorconfig_scope_declared_limits_analysis_to_declared_code(string value)
        {
            var test = new WallClock.Test { TestCode = TwoLevels };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nrollback_analyzers.scope = " + value + "\n"));
            test.ExpectedDiagnostics.Add(WallClock.Diagnostic().WithLocation(0).WithArguments("DateTime.Now", ""));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Editorconfig_scope_transitive_keeps_reached_code()
        {
            var test = new WallClock.Test { TestCode = TwoLevels };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nrollback_analyzers.scope = transitive\n"));
            test.ExpectedDiagnostics.Add(WallClock.Diagnostic().WithLocation(0).WithArguments("DateTime.Now", ""));
            test.ExpectedDiagnostics.Add(WallClock.Diagnostic().WithLocation(1).WithArguments("DateTime.UtcNow", " (reached from simulation code via Arena.Step \u2192 Helper.Read)"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Reaches_virtual_and_interface_implementations_and_constructors() => WallClock.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public long Ticks;
    [RollbackIgnore] public IRule Rule = new Gravity();
    [RollbackIgnore] public Shape Shape = new Circle();
    public void Step() { Ticks = Rule.Apply() + Shape.Area() + new Body().Created; }
}

public interface IRule { long Apply(); }
public sealed class Gravity : IRule { public long Apply() => [|DateTime.Now|].Ticks; }
public abstract class Shape { public abstract long Area(); }
public sealed class Circle : Shape { public override long Area() => [|Environment.TickCount|]; }
public sealed class Body
{
    public long Created = [|DateTime.UtcNow|].Ticks;
}
public sealed class Unrelated : Shape { public override long Area() => [|Environment.TickCount|]; }
");

        [Fact]
        public Task Code_without_rollback_types_is_never_flagged() => WallClock.VerifyAsync(@"
using System;
public static class Program
{
    public static long Now() => DateTime.Now.Ticks;
}
");

        [Fact]
        public async Task Banned_api_file_adds_rules()
        {
            var test = new Banned.Test
            {
                TestCode = @"
using System;
using System.Text;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public void Step()
    {
        {|#0:Console.WriteLine(""hi"")|};
        Console.WriteLine(3);
        Score += {|#1:Math.Clamp(Score, 0, 10)|};
        Score += {|#2:new StringBuilder()|}.Length;
        Score += {|#3:Legacy.Value|};
    }
}

public static class Legacy { public static int Value => 1; }

public static class Outside
{
    public static void Log() { Console.WriteLine(""ok outside""); }
}
",
            };
            test.TestState.AdditionalFiles.Add(("/RollbackBannedApis.txt", @"
// comments and blank lines are ignored
M:System.Console.WriteLine(System.String);use the session log
M:System.Math.Clamp
T:System.Text.StringBuilder; strings allocate, keep counters in the state
P:Legacy.Value
"));
            test.ExpectedDiagnostics.Add(Banned.Diagnostic().WithLocation(0).WithArguments("Console.WriteLine", ": use the session log", ""));
            test.ExpectedDiagnostics.Add(Banned.Diagnostic().WithLocation(1).WithArguments("Math.Clamp", "", ""));
            test.ExpectedDiagnostics.Add(Banned.Diagnostic().WithLocation(2).WithArguments("new StringBuilder", ": strings allocate, keep counters in the state", ""));
            test.ExpectedDiagnostics.Add(Banned.Diagnostic().WithLocation(3).WithArguments("Legacy.Value", "", ""));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Without_banned_api_file_nothing_is_flagged() => Banned.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public void Step() { Console.WriteLine(""hi""); }
}
");
    }
}
