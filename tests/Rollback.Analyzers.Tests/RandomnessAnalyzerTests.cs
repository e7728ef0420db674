using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using RandomFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.RandomnessAnalyzer, Rollback.Analyzers.CodeFixes.RandomCodeFixProvider>;
using Randomness = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.RandomnessAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2002: randomness outside the state, and the fixes that move it into a DeterministicRandom of the state.</summary>
    public partial class RandomnessAnalyzerTests
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

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.RandomnessAnalyzer(), @"
        s.Score += Guid.NewGuid().GetHashCode();
");

        [Fact]
        public async Task Moves_an_unseeded_random_into_the_state_with_seed_zero()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Dice = new DeterministicRandom(0);
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs) { s.Score += s.Dice.NextInt(1, 7); }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            var test = new RandomFix.Test
            {
                TestCode = State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private readonly Random _dice = [|new Random()|];
    public void Step(Arena s, ReadOnlySpan<Pad> inputs) { s.Score += [|_dice.Next(1, 7)|]; }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
",
                FixedCode = fixedCode,
                CodeActionEquivalenceKey = "Rollback.MoveRandomToState",
            };
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Draws_random_shared_from_a_new_generator_in_the_state()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Rng = new DeterministicRandom(0);
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Score += s.Rng.NextInt(6);
        s.Score += s.Rng.NextInt(2, 4);
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
        s.Score += [|Random.Shared|].Next(6);
        s.Score += [|Random.Shared|].Next(2, 4);
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
",
                FixedCode = fixedCode,
            };
            test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck; // no fix-all: each fix may add the generator to the state
            await test.RunAsync(CancellationToken.None);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Draws_random_shared_from_the_generator_the_state_already_has()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Dice = new DeterministicRandom(9);
    public int Roll() => Dice.NextInt(int.MaxValue) % 6;
}
";
            await RandomFix.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Dice = new DeterministicRandom(9);
    public int Roll() => [|Random.Shared|].Next() % 6;
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Offers_no_fix_for_random_shared_without_a_state_in_reach() => RandomFix.VerifyAsync(@"
using System;
using Rollback;

[Deterministic]
public static class Dice
{
    public static int Roll() => [|Random.Shared|].Next(6);
    public static double Chance() => [|Random.Shared|].NextDouble();
}
", @"
using System;
using Rollback;

[Deterministic]
public static class Dice
{
    public static int Roll() => [|Random.Shared|].Next(6);
    public static double Chance() => [|Random.Shared|].NextDouble();
}
");
    }
}
