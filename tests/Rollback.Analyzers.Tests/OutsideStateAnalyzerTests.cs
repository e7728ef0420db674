using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using OutsideFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.OutsideStateAnalyzer, Rollback.Analyzers.CodeFixes.OutsideStateCodeFixProvider>;
using OutsideState = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.OutsideStateAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2010: state outside the snapshot, and the "Move the field into the state" fix.</summary>
    public partial class OutsideStateAnalyzerTests
    {
        private const string State = @"
using System;
using System.Collections.Generic;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public List<int> Events = new List<int>();
    [RollbackIgnore] public int Combo;
    [RollbackIgnore] public int CachedTotal;
}

public struct Pad { public int X; }
public sealed class Stats { public int Kills; public List<int> History = new List<int>(); }
";

        [Fact]
        public Task Flags_fields_of_the_simulation_and_of_objects_it_holds_written_while_stepping() => OutsideState.VerifyAsync(State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private int _turn;
    private readonly Stats _stats = new Stats();
    private readonly List<int> _log = new List<int>();
    private readonly int[] _lastInputs = new int[4];
    private int Streak { get; set; }

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|_turn|]++;
        [|this._turn|] = _turn + 1;
        [|_stats.Kills|] += 1;
        [|_stats.History.Add(s.Score)|];
        [|_log.Add(inputs.Length)|];
        [|_lastInputs[0]|] = inputs[0].X;
        [|Streak|] = 3;
        Helper.Count(this);
    }

    public bool IsEpisodeOver(Arena s) => _turn > 10;
    public void ResetEpisode(Arena s) { [|_log.Clear()|]; }
}

public static class Helper { public static void Count(Rules r) { } }
");

        [Fact]
        public Task Flags_ignored_members_read_modified_and_written_back() => OutsideState.VerifyAsync(State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|s.Combo++|];
        [|s.Combo += 2|];
        [|s.Combo = s.Combo * 2|];
        s.CachedTotal = s.Score * 2;
        s.Score += s.CachedTotal;
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
");

        [Fact]
        public Task Does_not_flag_state_locals_construction_or_reads() => OutsideState.VerifyAsync(State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private readonly int _maxScore;
    private readonly List<int> _table = new List<int> { 1, 2, 3 };
    private readonly Arena _shadow = new Arena();

    public Rules(int maxScore)
    {
        _maxScore = maxScore;
        _table.Add(4);
    }

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        int turn = 0;
        turn++;
        var local = new Stats();
        local.Kills++;
        local.History.Add(1);
        s.Score += _table[0] + _maxScore + _table.Count;
        s.Events.Add(turn);
        s.Events.Clear();
        _shadow.Score = s.Score;
    }

    public bool IsEpisodeOver(Arena s) => s.Score > _maxScore;
    public void ResetEpisode(Arena s) { s.Score = 0; }
}

public sealed class Renderer
{
    private int _frames;
    public void Draw(Arena s) { _frames++; }
}
");

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.SourceReportsWithChainAsync(new Rollback.Analyzers.Rules.OutsideStateAnalyzer(), State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs) { Combo.Add(s); }
    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}

public static class Combo { public static void Add(Arena s) { s.Combo += 2; s.CachedTotal = s.Score; } }
", ChainAssert.Chain.Replace("Helper.Run", "Combo.Add"), expectedCount: 1);

        private const string SimpleState = @"
using System;
using System.Collections.Generic;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
}

public struct Pad { public int X; }
";

        [Fact]
        public async Task Fix_moves_simulation_fields_into_the_state()
        {
            const string fixedCode = @"
using System;
using System.Collections.Generic;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public int Turn;
    public List<int> Log = new List<int>();
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Turn++;
        s.Log.Add(s.Score);
        s.Score += s.Turn;
    }

    public bool IsEpisodeOver(Arena s) => s.Turn > 10;
    public void ResetEpisode(Arena s) { s.Log.Clear(); }
}
";
            await OutsideFix.VerifyAsync(SimpleState + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private int _turn;
    private readonly List<int> _log = new List<int>();

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|_turn|]++;
        [|_log.Add(s.Score)|];
        s.Score += _turn;
    }

    public bool IsEpisodeOver(Arena s) => _turn > 10;
    public void ResetEpisode(Arena s) { [|_log.Clear()|]; }
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Fix_moves_an_auto_property_and_a_held_array_into_a_state_declared_in_another_file()
        {
            const string stateFile = @"
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
}
";
            const string fixedStateFile = @"
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;

    public int Streak { get; set; }

    public int[] LastInputs = new int[4];
}
";
            var test = new OutsideFix.Test();
            test.TestState.Sources.Add(("Arena.cs", stateFile));
            test.TestState.Sources.Add(("Rules.cs", @"
using System;
using Rollback;

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    private int Streak { get; set; }
    private readonly int[] _lastInputs = new int[4];

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|this.Streak|] = inputs.Length;
        [|_lastInputs[0]|] = inputs[0].X;
        s.Score += Streak + _lastInputs[0];
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
"));
            test.FixedState.Sources.Add(("Arena.cs", fixedStateFile));
            test.FixedState.Sources.Add(("Rules.cs", @"
using System;
using Rollback;

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Streak = inputs.Length;
        s.LastInputs[0] = inputs[0].X;
        s.Score += s.Streak + s.LastInputs[0];
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
"));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public async Task Fix_removes_RollbackIgnore_from_members_that_count()
        {
            const string fixedCode = @"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public int Combo;
    public int Chain;
    [RollbackIgnore] public int CachedTotal;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Combo++;
        s.Chain += 2;
        s.CachedTotal = s.Score * 2;
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            await OutsideFix.VerifyAsync(@"
using System;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    [RollbackIgnore] public int Combo;
    [RollbackIgnore]
    public int Chain;
    [RollbackIgnore] public int CachedTotal;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|s.Combo++|];
        [|s.Chain += 2|];
        s.CachedTotal = s.Score * 2;
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Fix_is_not_offered_when_the_move_would_be_wrong()
        {
            // Stats (a plain class), Dictionary and string[] are not types the generator snapshots; _turn is set by the
            // constructor, which has no state to write to; _frame would clash with the generated Frame counter.
            string source = State + @"
public sealed class Rules : ISimulation<Arena, Pad>
{
    private int _turn;
    private int _frame;
    private readonly Stats _stats = new Stats();
    private readonly Dictionary<int, int> _seen = new Dictionary<int, int>();
    private readonly string[] _names = new string[2];

    public Rules(int start) { _turn = start; }

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|_turn|]++;
        [|_frame|]++;
        [|_stats.Kills|] += 1;
        [|_seen.Add(s.Score, 1)|];
        [|_names[0]|] = ""a"";
        s.Score += _turn + _frame + _stats.Kills + _seen.Count + _names.Length;
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
            return OutsideFix.VerifyAsync(source, source);
        }

        [Fact]
        public async Task Fix_rewrites_uses_in_lambdas_and_local_functions_and_moves_lists_of_state_types()
        {
            const string fixedCode = @"
using System;
using System.Collections.Generic;
using Rollback;

[RollbackState]
public partial class Unit { public int Hp; }

[RollbackState]
public partial class Arena
{
    public int Score;
    public List<Unit> Spawned = new List<Unit>();
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        Action spawn = () => s.Spawned.Add(new Unit { Hp = 3 });
        spawn();
        int Count() => s.Spawned.Count;
        s.Score += Count();
    }

    public bool IsEpisodeOver(Arena s) => s.Spawned.Count > 8;
    public void ResetEpisode(Arena s) { }
}
";
            await OutsideFix.VerifyAsync(@"
using System;
using System.Collections.Generic;
using Rollback;

[RollbackState]
public partial class Unit { public int Hp; }

[RollbackState]
public partial class Arena
{
    public int Score;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    private readonly List<Unit> m_spawned = new List<Unit>();

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        Action spawn = () => [|m_spawned.Add(new Unit { Hp = 3 })|];
        spawn();
        int Count() => m_spawned.Count;
        s.Score += Count();
    }

    public bool IsEpisodeOver(Arena s) => m_spawned.Count > 8;
    public void ResetEpisode(Arena s) { }
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Fix_moves_a_held_struct_written_through_its_fields()
        {
            const string fixedCode = @"
using System;
using Rollback;

public struct Vec { public int X; public int Y; }

[RollbackState]
public partial class Arena
{
    public int Score;
    public Vec Spawn;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        s.Spawn.X += 1;
        s.Score = s.Spawn.X;
    }

    public bool IsEpisodeOver(Arena s) => s.Spawn.X > 9;
    public void ResetEpisode(Arena s) { }
}
";
            await OutsideFix.VerifyAsync(@"
using System;
using Rollback;

public struct Vec { public int X; public int Y; }

[RollbackState]
public partial class Arena
{
    public int Score;
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    private Vec _spawn;

    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
        [|_spawn.X|] += 1;
        s.Score = _spawn.X;
    }

    public bool IsEpisodeOver(Arena s) => _spawn.X > 9;
    public void ResetEpisode(Arena s) { }
}
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }
    }
}
