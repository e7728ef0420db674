using System.Threading.Tasks;
using Xunit;
using Culture = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.CultureAnalyzer>;
using Environment = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.EnvironmentAnalyzer>;
using FloatingPoint = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.FloatingPointAnalyzer>;
using HashOrder = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.HashOrderAnalyzer>;
using OutsideState = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.OutsideStateAnalyzer>;
using StaticState = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.StaticStateAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>
    /// The cases the held-out corpus (Corpus2) found missed or falsely flagged, each pinned with the flagged code and
    /// the deterministic look-alike next to it.
    /// </summary>
    public class RecallRegressionTests
    {
        private const string State = @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Rollback;

[RollbackState]
public partial class World
{
    public int Score;
    public int Count;
    public List<int> Events = new List<int>();
    [RollbackIgnore] public List<int> Wounded = new List<int>();
    [RollbackIgnore] public List<int> Scratch = new List<int>();
}

public struct Pad { public int X; }
";

        private const string Simulation = @"
public sealed class Sim : ISimulation<World, Pad>
{
    public void Step(World w, ReadOnlySpan<Pad> inputs) => Rules.Run(w);
    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
";

        [Fact]
        public Task StringBuilder_Insert_position_is_not_a_formatted_number_but_an_inserted_number_is() => Culture.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        var sb = new StringBuilder();
        sb.Insert(0, ""text"");
        sb.Insert(sb.Length, 'x');
        [|sb.Insert(0, w.Score)|];
        w.Count += sb.Length;
    }
}
" + Simulation);

        [Fact]
        public Task Flags_writes_to_a_state_object_the_simulation_holds_in_its_own_field() => OutsideState.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w) { }
}

public sealed class Boss : ISimulation<World, Pad>
{
    private readonly World _shadow = new World();

    public void Step(World w, ReadOnlySpan<Pad> inputs)
    {
        [|_shadow.Score|] -= 1;
        w.Score = _shadow.Score;
    }

    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
");

        // ---- RB2010: objects the simulation holds -------------------------------------------------

        [Fact]
        public Task Flags_fields_that_systems_held_through_an_interface_array_write_in_their_own_methods() => OutsideState.VerifyAsync(State + @"
public interface ISystem { void Execute(World w); }

public abstract class SystemBase : ISystem
{
    private int _runs;
    protected int Interval { get; init; } = 1;
    public int Last { get; private set; }

    public void Execute(World w)
    {
        [|_runs|]++;
        [|Last|] = w.Score;
        if (w.Count % Interval == 0) Run(w);
    }

    protected abstract void Run(World w);
}

public sealed class Combat : SystemBase
{
    private readonly Dictionary<int, int> _kills = new Dictionary<int, int>();
    private readonly List<int> _ready = new List<int>();
    private readonly List<int> _history = new List<int>();

    public Combat() { Interval = 2; _history.Add(0); }

    protected override void Run(World w)
    {
        _ready.Clear();
        for (int i = 0; i < w.Count; i++) _ready.Add(i);
        foreach (int i in _ready) w.Score += i;
        [|_kills[w.Count]|] = w.Score;
        [|_history.Add(w.Score)|];
    }
}

public sealed class Sim : ISimulation<World, Pad>
{
    private readonly ISystem[] _systems = { new Combat() };

    public void Step(World w, ReadOnlySpan<Pad> inputs)
    {
        foreach (ISystem system in _systems) system.Execute(w);
    }

    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
");

        [Fact]
        public Task Flags_a_held_grid_that_counts_or_is_only_emptied_but_not_one_rebuilt_every_step() => OutsideState.VerifyAsync(State + @"
public sealed class Grid
{
    private readonly List<int>[] _cells;
    private int _rebuilds;

    public Grid(int n)
    {
        _cells = new List<int>[n];
        for (int i = 0; i < n; i++) _cells[i] = new List<int>();
    }

    public void Rebuild(World w)
    {
        [|_rebuilds|]++;
        foreach (List<int> cell in _cells) cell.Clear();
        for (int i = 0; i < w.Count; i++) _cells[i % _cells.Length].Add(i);
    }

    public void Forget() { [|_cells[0].Clear()|]; }
    public int Crowded() => _cells.Count(c => c.Count > 3);
}

public sealed class Stats
{
    public int Peak;
    public void Record(World w) { [|Peak|] = Math.Max(Peak, w.Score); }
}

public sealed class Sim : ISimulation<World, Pad>
{
    private readonly Grid _grid = new Grid(16);
    private readonly Stats _stats = new Stats();

    public void Step(World w, ReadOnlySpan<Pad> inputs)
    {
        _grid.Rebuild(w);
        w.Score += _grid.Crowded();
        _stats.Record(w);
        var local = new Pathfinder();
        local.Visit(w.Count);
    }

    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { _grid.Forget(); }
}

public sealed class Pathfinder
{
    private int _visited;
    public void Visit(int n) { _visited += n; }
}
");

        [Fact]
        public Task Does_not_flag_initializers_with_expressions_or_value_types_of_held_code() => OutsideState.VerifyAsync(State + @"
public readonly record struct Cell(int X, int Y);
public sealed class Order { public int Unit; public int Job; }

public sealed class Planner
{
    private readonly int _depth;
    public Planner(int depth) { _depth = depth; }

    public int Plan(World w)
    {
        var c = new Cell(1, 2);
        var next = c with { X = c.X + 1 };
        var order = new Order { Unit = w.Count, Job = _depth };
        order.Job++;
        return next.X + order.Job;
    }
}

public sealed class Sim : ISimulation<World, Pad>
{
    private readonly Planner _planner = new Planner(3);
    public void Step(World w, ReadOnlySpan<Pad> inputs) { w.Score = _planner.Plan(w); }
    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
");

        [Fact]
        public Task Flags_fields_of_a_base_class_of_the_simulation_written_while_stepping_but_not_in_its_constructor() => OutsideState.VerifyAsync(State + @"
public abstract class RulesBase
{
    private int _frames;
    protected int Limit;

    protected RulesBase() { _frames = 0; Limit = 10; }

    protected void Tick(World w)
    {
        [|_frames|]++;
        w.Score += Limit;
    }
}

public sealed class Sim : RulesBase, ISimulation<World, Pad>
{
    public Sim() { Limit = 20; }
    public void Step(World w, ReadOnlySpan<Pad> inputs) => Tick(w);
    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
");

        [Fact]
        public Task Flags_struct_fields_of_the_simulation_changed_in_place_but_not_read_only_calls() => OutsideState.VerifyAsync(State.Replace("[RollbackIgnore] public List<int> Scratch", "[RollbackIgnore] public DeterministicRandom Effects = new DeterministicRandom(3);\n    public DeterministicRandom Rng = new DeterministicRandom(1);\n    [RollbackIgnore] public List<int> Scratch") + @"
public struct Counter
{
    public int Value;
    public void Bump() { Value++; }
    public int Doubled() => Value * 2;
}

public sealed class Sim : ISimulation<World, Pad>
{
    private DeterministicRandom _rng = new DeterministicRandom(7);
    private readonly DeterministicRandom _frozen = new DeterministicRandom(9);
    private Counter _counter;
    private FixedVector2 _origin = new FixedVector2(1, 2);
    private (int A, int B) _pair = (1, 2);
    private int? _maybe = 3;

    public Sim() { _rng.NextInt(3); _counter.Bump(); }

    public void Step(World w, ReadOnlySpan<Pad> inputs)
    {
        w.Score += [|_rng|].NextInt(6);
        [|_counter|].Bump();
        w.Score += _counter.Doubled() + _frozen.NextInt(2) + w.Rng.NextInt(6) + _pair.GetHashCode() + _maybe.GetValueOrDefault();
        w.Score += [|w.Effects|].NextInt(4);
        w.Count = (int)_origin.LengthSquared() + _pair.CompareTo((2, 3));
        var local = new DeterministicRandom(5);
        w.Count += local.NextInt(2);
    }

    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
");

        // ---- RB2010: [RollbackIgnore] collections ----------------------------------------------------

        [Fact]
        public Task Flags_ignored_collections_that_grow_across_steps_but_not_scratch_lists_emptied_every_step() => OutsideState.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        [|w.Wounded.Add(w.Score)|];
        w.Scratch.Add(w.Count);
        var fresh = new List<int>();
        fresh.Add(1);
    }

    public static void Local(World w)
    {
        w.Wounded.Clear();
        w.Wounded.Add(w.Score);
    }
}

public sealed class Sim : ISimulation<World, Pad>
{
    public void Step(World w, ReadOnlySpan<Pad> inputs)
    {
        w.Scratch.Clear();
        Rules.Run(w);
        Rules.Local(w);
    }

    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { w.Wounded.Clear(); }
}
");

        [Fact]
        public Task Flags_held_objects_changed_through_parameters_loop_variables_and_enumerators_but_not_fresh_locals() => OutsideState.VerifyAsync(State + @"
public interface IUnit { int Runs { get; set; } void Tick(World w); }
public sealed class Mover : IUnit { public int Runs { get; set; } public void Tick(World w) { w.Score++; } }
public sealed class Stats { public int Peak; }

public static class Helper
{
    public static void Bump(Stats stats, int v) { [|stats.Peak|] = Math.Max(stats.Peak, v); }
}

public sealed class Sim : ISimulation<World, Pad>
{
    private readonly List<IUnit> _units = new List<IUnit> { new Mover() };
    private readonly Stats _stats = new Stats();
    private readonly IEnumerator<int> _script = Enumerable.Range(0, 100).GetEnumerator();

    public void Step(World w, ReadOnlySpan<Pad> inputs)
    {
        foreach (IUnit u in _units)
        {
            u.Tick(w);
            [|u.Runs|]++;
        }

        _units.ForEach(u => [|u.Runs|] += 1);
        Helper.Bump(_stats, w.Score);
        [|_script.MoveNext()|];
        w.Score += _script.Current;
        var probe = new Mover();
        probe.Runs++;
        Helper.Bump(new Stats(), 1);
        using IEnumerator<int> local = w.Events.GetEnumerator();
        while (local.MoveNext()) w.Count += local.Current;
    }

    public bool IsEpisodeOver(World w) => false;
    public void ResetEpisode(World w) { }
}
");

        [Fact]
        public Task Flags_counting_in_an_object_held_by_an_ignored_member_but_not_assigning_it() => OutsideState.VerifyAsync(State.Replace("[RollbackIgnore] public List<int> Scratch", "[RollbackIgnore] public Tally? Side;\n    [RollbackIgnore] public List<int> Scratch") + @"
public sealed class Tally { public int Kills; public int Last; }

public static class Rules
{
    public static void Run(World w)
    {
        w.Side ??= new Tally();
        [|w.Side.Kills++|];
        [|w.Side.Kills += 2|];
        w.Side.Last = w.Score;
    }
}
" + Simulation);

        // ---- RB2004: record-class keys, frozen collections, lookups ------------------------------------

        [Fact]
        public Task Flags_sets_of_record_classes_but_not_of_record_structs_of_ints() => HashOrder.VerifyAsync(State + @"
public sealed record Order(int Unit, int Job);
public readonly record struct Cell(int X, int Y);

public static class Rules
{
    public static void Run(World w)
    {
        var orders = new HashSet<Order> { new Order(1, 2) };
        foreach (Order o in [|orders|]) w.Score += o.Job;
        var cells = new HashSet<Cell> { new Cell(1, 2) };
        foreach (Cell c in cells) w.Score += c.X;
        var byOrder = new Dictionary<Order, int>();
        foreach (var pair in [|byOrder|]) w.Score += pair.Value;
        int h = [|new Order(1, 2).GetHashCode()|] ^ new Cell(1, 2).GetHashCode();
        w.Count = h;
    }
}
" + Simulation);

        [Fact]
        public Task Flags_string_hashes_with_a_comparison_but_not_own_stable_hashes() => HashOrder.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        string name = ""tower"";
        int a = [|name.GetHashCode(StringComparison.Ordinal)|];
        int b = [|string.GetHashCode(name.AsSpan(), StringComparison.OrdinalIgnoreCase)|];
        int c = 17;
        foreach (char ch in name) c = unchecked(c * 31 + ch);
        w.Score = a ^ b ^ c ^ 'x'.GetHashCode() ^ w.Count.GetHashCode();
    }
}
" + Simulation);

        [Theory]
        [InlineData("FrozenDictionary<string, int>", "new Dictionary<string, int> { [\"a\"] = 1 }.ToFrozenDictionary(StringComparer.Ordinal)", true)]
        [InlineData("FrozenSet<string>", "new[] { \"a\" }.ToFrozenSet(StringComparer.Ordinal)", true)]
        [InlineData("FrozenDictionary<int, int>", "new Dictionary<int, int> { [1] = 1 }.ToFrozenDictionary()", false)]
        [InlineData("ImmutableDictionary<string, int>", "ImmutableDictionary<string, int>.Empty.Add(\"a\", 1)", true)]
        public Task Flags_frozen_and_immutable_string_keyed_collections_iterated_but_not_built(string type, string value, bool flagged)
        {
            string loop = flagged ? "[|Table|]" : "Table";
            return HashOrder.VerifyAsync(State.Replace("using Rollback;", "using System.Collections.Frozen;\nusing System.Collections.Immutable;\nusing Rollback;") + @"
public static class Rules
{
    private static readonly " + type + @" Table = " + value + @";

    public static void Run(World w)
    {
        foreach (var item in " + loop + @") w.Score++;
        w.Count = Table.Count;
    }
}
" + Simulation);
        }

        [Fact]
        public Task Does_not_flag_string_keyed_dictionaries_passed_for_lookups_or_into_sorted_copies() => HashOrder.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        var gathered = new Dictionary<string, int>(StringComparer.Ordinal) { [""wood""] = 1 };
        gathered[""wood""] = gathered.GetValueOrDefault(""wood"") + 1;
        gathered.TryAdd(""stone"", 2);
        IReadOnlyDictionary<string, int> view = gathered;
        w.Score += Count(gathered) + view.Count;
        var sorted = new SortedDictionary<string, int>(gathered, StringComparer.Ordinal);
        foreach (var pair in sorted) w.Score += pair.Value;
        var copy = new List<string>([|gathered.Keys|]);
        w.Count = copy.Count;
    }

    private static int Count(IReadOnlyDictionary<string, int> d) => d.ContainsKey(""wood"") ? 1 : 0;
}
" + Simulation);

        // ---- RB2008: culture ---------------------------------------------------------------------------

        [Fact]
        public Task Flags_explicit_current_culture_comparisons_but_not_ordinal_ones() => Culture.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        string a = ""tower"", b = ""TOWER"";
        bool x = a.Equals(b, [|StringComparison.CurrentCultureIgnoreCase|]);
        bool y = string.Equals(a, b, [|StringComparison.CurrentCulture|]);
        bool z = a.Equals(b, StringComparison.OrdinalIgnoreCase) || a.StartsWith(b, StringComparison.Ordinal);
        w.Score += x || y || z ? 1 : 0;
    }
}
" + Simulation);

        [Theory]
        [InlineData("X8", false)]
        [InlineData("x", false)]
        [InlineData("B16", false)]
        [InlineData("D8", true)]
        [InlineData("N0", true)]
        [InlineData("G", true)]
        public Task Flags_number_formats_that_use_culture_data_but_not_hexadecimal_or_binary(string format, bool flagged)
        {
            string call = "w.Score.ToString(\"" + format + "\")";
            string hole = "{w.Count:" + format + "}";
            return Culture.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        string a = " + (flagged ? "[|" + call + "|]" : call) + @";
        string b = $""id " + (flagged ? "[|" + hole + "|]" : hole) + @""";
        w.Events.Add(a.Length + b.Length);
    }
}
" + Simulation);
        }

        [Fact]
        public Task Flags_binary_search_of_strings_and_formatting_without_a_provider_but_not_with_one() => Culture.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        var names = new List<string> { ""a"", ""b"" };
        int at = [|names.BinarySearch(""b"")|] + names.BinarySearch(""b"", StringComparer.Ordinal);
        string[] array = names.ToArray();
        at += [|Array.BinarySearch(array, ""a"")|] + Array.BinarySearch(array, ""a"", StringComparer.Ordinal) + new List<int> { 1 }.BinarySearch(1);
        Span<char> buffer = stackalloc char[16];
        [|w.Score.TryFormat(buffer, out int written)|];
        w.Score.TryFormat(buffer, out written, default, System.Globalization.CultureInfo.InvariantCulture);
        string a = [|w.Score.ToString(""D4"", null)|] + w.Score.ToString(""D4"", System.Globalization.CultureInfo.InvariantCulture);
        w.Events.Add(at + written + a.Length);
    }
}
" + Simulation);

        [Theory]
        [InlineData("o", false)]
        [InlineData("s", false)]
        [InlineData("u", false)]
        [InlineData("R", false)]
        [InlineData("yyyy-MM-dd", true)]
        [InlineData("d", true)]
        public Task Flags_date_formats_that_use_the_culture_but_not_invariant_ones(string format, bool flagged)
        {
            string call = "day.ToString(\"" + format + "\")";
            return Culture.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        DateTime day = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(w.Count);
        string text = " + (flagged ? "[|" + call + "|]" : call) + @";
        w.Events.Add(text.Length);
    }
}
" + Simulation);
        }

        [Fact]
        public Task Flags_convert_to_string_of_a_number_but_not_to_a_base() => Culture.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        string a = [|Convert.ToString(w.Score)|];
        string b = Convert.ToString(w.Score, 2) + Convert.ToString(w.Count, 16);
        w.Events.Add(a.Length + b.Length);
    }
}
" + Simulation);

        // ---- RB2006: platform line endings and path separators ------------------------------------------

        [Fact]
        public Task Flags_platform_line_endings_and_path_separators_but_not_a_written_newline() => Environment.VerifyAsync(State + @"
public static class Rules
{
    public static void Run(World w)
    {
        var sb = new StringBuilder();
        sb.Append(""wave"");
        [|sb.AppendLine()|];
        [|sb.AppendLine(""done"")|];
        sb.Append('\n').Append(""next\n"");
        char slash = [|System.IO.Path.DirectorySeparatorChar|];
        w.Events.Add(sb.Length + slash);
    }
}
" + Simulation);

        // ---- RB2007: singletons and collections behind static get-only properties ---------------------------

        [Fact]
        public Task Flags_objects_behind_static_get_only_properties_changed_but_not_read() => StaticState.VerifyAsync(State + @"
public sealed class Services
{
    public static Services Instance { get; } = new Services();
    public static List<int> Log { get; } = new List<int>();
    private static readonly List<int> s_items = new List<int>();
    public static List<int> Items => s_items;
    public int Calls;
    private readonly List<int> _seen = new List<int>();

    public Services() { Calls = 0; _seen.Add(0); }

    public void Touch(int v)
    {
        [|Calls|]++;
        [|_seen.Add(v)|];
    }
}

public sealed class Tally
{
    public int Count;
    public void Touch() { Count++; }
}

public static class Rules
{
    public static void Run(World w)
    {
        Services.Instance.Touch(w.Score);
        var tally = new Tally();
        tally.Touch();
        [|Services.Instance.Calls|]++;
        [|Services.Log.Add(w.Score)|];
        [|Services.Items.Add(w.Score)|];
        w.Count = Services.Instance.Calls + Services.Log.Count + Services.Items.Count + StringComparer.Ordinal.GetHashCode(""x"");
    }
}
" + Simulation);

        [Fact]
        public Task Does_not_flag_immutable_collections_that_return_a_new_collection_but_flags_their_builders() => StaticState.VerifyAsync(State.Replace("using Rollback;", "using System.Collections.Immutable;\nusing Rollback;") + @"
public static class Tables
{
    public static readonly ImmutableList<int> Base = ImmutableList.Create(1, 2);
    public static readonly ImmutableDictionary<int, int> Costs = ImmutableDictionary<int, int>.Empty;
    public static readonly ImmutableList<int>.Builder Pending = ImmutableList.CreateBuilder<int>();
}

public static class Rules
{
    public static void Run(World w)
    {
        ImmutableList<int> next = Tables.Base.Add(w.Score).Remove(1);
        ImmutableDictionary<int, int> costs = Tables.Costs.Add(w.Count, 3).SetItem(w.Count, 4);
        [|Tables.Pending.Add(w.Score)|];
        w.Score = next.Count + costs.Count + ImmutableList<int>.Empty.Add(1).Count;
    }
}
" + Simulation);

        // ---- RB2003: constants folded by the compiler ------------------------------------------------

        [Fact]
        public Task Does_not_flag_floating_constants_folded_into_integers_but_flags_their_use_at_run_time() => FloatingPoint.VerifyAsync(State + @"
public static class Balance
{
    private const double Share = 0.75;
    public const int Percent = (int)(Share * 100);
    public const int Half = (int)(100 * 0.5);
}

public static class Rules
{
    public static void Run(World w)
    {
        w.Score = Balance.Percent + Balance.Half + (int)(200 * 0.25);
        w.Count = [|(int)(w.Score * 0.75)|];
    }
}
" + Simulation);

        // ---- RB2007: static tables filled by their own static constructor ------------------------------

        [Fact]
        public Task Does_not_flag_a_static_table_filled_by_its_own_static_constructor_but_flags_later_writes() => StaticState.VerifyAsync(State + @"
public static class Terrain
{
    public static readonly int[] Heights = new int[64];
    private static readonly List<int> Peaks = new List<int>();

    static Terrain()
    {
        for (int i = 0; i < Heights.Length; i++) Heights[i] = i % 7;
        Peaks.Add(3);
    }

    public static int At(int x) => Heights[x & 63];
    public static void Raise(int x) { [|Heights[x & 63]|] += 1; [|Peaks.Add(x)|]; }
}

public static class Rules
{
    public static void Run(World w)
    {
        w.Score = Terrain.At(w.Count);
        Terrain.Raise(w.Score);
    }
}
" + Simulation);
    }
}
