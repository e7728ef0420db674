using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
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
    }
}
