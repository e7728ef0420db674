using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using PartialFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Tests.Infrastructure.FakeNotPartialAnalyzer, Rollback.Analyzers.CodeFixes.PartialStateCodeFixProvider>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB1001/RB1009: the "Add 'partial'" fix for [RollbackState] types and their containing types.</summary>
    public partial class PartialStateTests
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
}
