using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Banned = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.BannedApiAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2009: APIs listed in RollbackBannedApis.txt (no code fix: the replacement is the project's own).</summary>
    public partial class BannedApiAnalyzerTests
    {
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

        [Fact]
        public async Task Message_names_the_call_chain()
        {
            var test = new Banned.Test
            {
                TestCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public void Step() { Score += Rules.Clamp(Score); }
}

public static class Rules
{
    public static int Clamp(int x) => {|#0:Math.Clamp(x, 0, 10)|} + Math.Max(x, 0);
}
",
            };
            test.TestState.AdditionalFiles.Add(("/RollbackBannedApis.txt", "M:System.Math.Clamp;use Rules.Limit\n"));
            test.ExpectedDiagnostics.Add(Banned.Diagnostic().WithLocation(0).WithArguments("Math.Clamp", ": use Rules.Limit", " (reached from simulation code via Arena.Step \u2192 Rules.Clamp)"));
            await test.RunAsync(CancellationToken.None);
        }
    }
}
