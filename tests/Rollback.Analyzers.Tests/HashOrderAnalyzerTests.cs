using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using HashFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.HashOrderAnalyzer, Rollback.Analyzers.CodeFixes.HashOrderCodeFixProvider>;
using HashOrder = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.HashOrderAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2004: hash-order dependence, and the "Iterate in ordinal key order" fix.</summary>
    public partial class HashOrderAnalyzerTests
    {
        [Fact]
        public Task Flags_iteration_of_string_and_object_keyed_collections() => HashOrder.VerifyAsync(Sources.Simulation(@"
        var names = new Dictionary<string, int>();
        foreach (var pair in [|names|]) { s.Score += pair.Value; }
        var first = [|names.First()|];
        var list = [|names.Keys.ToList()|];
        var set = new HashSet<Unit>();
        foreach (var u in [|set|]) { s.Score++; }
        var byTuple = new Dictionary<(string, int), int>();
        s.Score += [|byTuple.Select(p => p.Value)|].ToList().Count;
        var byRecord = new HashSet<Named>();
        foreach (var n in [|byRecord|]) { s.Score++; }
        var joined = string.Join("","", [|names.Keys|]);
        var table = new System.Collections.Hashtable();
        foreach (var o in [|table|]) { s.Score++; }
        s.Score += [|""abc"".GetHashCode()|];
        s.Score += [|new Unit().GetHashCode()|];
        s.Score += [|System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(set)|];
        s.Score += [|HashCode.Combine(1, 2)|];
") + @"
public sealed class Unit { public int Id; }
public sealed record Named(string Name);
");

        [Fact]
        public Task Does_not_flag_stable_keys_or_order_insensitive_use() => HashOrder.VerifyAsync(Sources.Simulation(@"
        var byId = new Dictionary<int, string>();
        foreach (var pair in byId) { s.Score += pair.Key; }
        var byKind = new HashSet<Kind>();
        s.Score += byKind.First() == Kind.A ? 1 : 0;
        var byPoint = new Dictionary<(int X, int Y), int>();
        foreach (var p in byPoint.Keys) { s.Score += p.X; }
        var byRecord = new HashSet<Cell>();
        foreach (var c in byRecord) { s.Score += c.X; }
        var byHashed = new HashSet<Hashed>();
        foreach (var h in byHashed) { s.Score += h.Id; }
        var names = new Dictionary<string, int>();
        s.Score += names.Count + names.Values.Sum() + (names.Any(p => p.Value > 1) ? 1 : 0);
        s.Score += names.Where(p => p.Value > 0).Count();
        foreach (var pair in names.OrderBy(p => p.Key, StringComparer.Ordinal)) { s.Score += pair.Value; }
        var copy = new HashSet<string>(names.Keys);
        s.Score += 5.GetHashCode() + s.Score.GetHashCode();
") + @"
public enum Kind { A, B }
public readonly record struct Cell(int X, int Y);
public sealed class Hashed { public int Id; public override int GetHashCode() => Id; }
");

        [Fact]
        public Task Does_not_flag_dictionary_iteration_outside_simulation() => HashOrder.VerifyAsync(Sources.Simulation("") + @"
public static class Ui
{
    public static int Sum(Dictionary<string, int> d) { int t = 0; foreach (var p in d) t += p.Value; return t; }
}
");

        [Fact]
        public Task Flags_per_process_hashes_of_tuples_records_and_anonymous_types() => HashOrder.VerifyAsync(Sources.Simulation(@"
        s.Score += [|(s.Score, 2).GetHashCode()|];
        s.Score += [|new Named(""a"").GetHashCode()|];
        s.Score += [|new Counted(3).GetHashCode()|];
        s.Score += [|new { A = 1, B = 2 }.GetHashCode()|];
        s.Score += [|new Plain().GetHashCode()|];
        object boxed = s.Score;
        s.Score += [|boxed.GetHashCode()|];
") + @"
public sealed record Named(string Name);
public sealed record Counted(int N);
public sealed class Plain { public int Id; }
");

        [Fact]
        public Task Does_not_flag_stable_hashes() => HashOrder.VerifyAsync(Sources.Simulation(@"
        s.Score += s.Score.GetHashCode();
        s.Score += new Cell(1, 2).GetHashCode();
        s.Score += new Hashed { Id = 3 }.GetHashCode();
        s.Score += Kind.A.GetHashCode();
        s.Score += new Point { X = 1 }.GetHashCode();
") + @"
public enum Kind { A, B }
public readonly record struct Cell(int X, int Y);
public sealed class Hashed { public int Id; public override int GetHashCode() => Id; }
public struct Point { public int X; }
");

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.HashOrderAnalyzer(), @"
        var orders = new Dictionary<string, int>();
        foreach (var pair in orders) { s.Score += pair.Value; }
        var byId = new Dictionary<int, int>();
        foreach (var pair in byId) { s.Score += pair.Value; }
");

        [Fact]
        public async Task Fix_iterates_string_keyed_collections_in_ordinal_order()
        {
            string fixedCode = Sources.Simulation(@"
        var names = new Dictionary<string, int>();
        foreach (var pair in names.OrderBy(pair => pair.Key, StringComparer.Ordinal)) { s.Score += pair.Value; }
        var first = names.OrderBy(pair => pair.Key, StringComparer.Ordinal).First();
        var list = names.Keys.OrderBy(key => key, StringComparer.Ordinal).ToList();
        foreach (var v in names.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value)) { s.Score += v; }
        var tags = new HashSet<string>();
        foreach (var key in tags.OrderBy(key => key, StringComparer.Ordinal)) { s.Score += key.Length; }
        var joined = string.Join("","", names.Keys.OrderBy(key => key, StringComparer.Ordinal));
        s.Score += first.Value + list.Count + joined.Length;
");
            await HashFix.VerifyAsync(Sources.Simulation(@"
        var names = new Dictionary<string, int>();
        foreach (var pair in [|names|]) { s.Score += pair.Value; }
        var first = [|names.First()|];
        var list = [|names.Keys.ToList()|];
        foreach (var v in [|names.Values|]) { s.Score += v; }
        var tags = new HashSet<string>();
        foreach (var key in [|tags|]) { s.Score += key.Length; }
        var joined = string.Join("","", [|names.Keys|]);
        s.Score += first.Value + list.Count + joined.Length;
"), fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Fix_adds_the_linq_using_when_missing()
        {
            const string fixedCode = @"
using System;
using System.Collections.Generic;
using System.Linq;
using Rollback;

[Deterministic]
public static class Orders
{
    public static int Sum(ConcurrentLike d)
    {
        int total = 0;
        foreach (var pair in d.Items.OrderBy(pair => pair.Key, StringComparer.Ordinal)) { total += pair.Value; }
        return total;
    }
}

public sealed class ConcurrentLike { public Dictionary<string, int> Items = new Dictionary<string, int>(); }
";
            await HashFix.VerifyAsync(@"
using System;
using System.Collections.Generic;
using Rollback;

[Deterministic]
public static class Orders
{
    public static int Sum(ConcurrentLike d)
    {
        int total = 0;
        foreach (var pair in [|d.Items|]) { total += pair.Value; }
        return total;
    }
}

public sealed class ConcurrentLike { public Dictionary<string, int> Items = new Dictionary<string, int>(); }
", fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Fix_is_not_offered_for_object_keys_tuples_or_hashes()
        {
            // Objects and tuples have no ordinal order, and a string hash is per process whatever comparer computes it.
            string source = Sources.Simulation(@"
        var byUnit = new HashSet<Unit>();
        foreach (var u in [|byUnit|]) { s.Score += u.Id; }
        var byTuple = new Dictionary<(string, int), int>();
        foreach (var p in [|byTuple|]) { s.Score += p.Value; }
        s.Score += [|""abc"".GetHashCode()|];
        s.Score += [|HashCode.Combine(1, 2)|];
") + @"
public sealed class Unit { public int Id; }
";
            return HashFix.VerifyAsync(source, source);
        }

        /// <summary>(before with markup, after) statement pairs; '#' stands for a per-statement suffix that keeps names apart.</summary>
        private static readonly (string Before, string After)[] s_orderRewrites =
        {
            ("var d# = new Dictionary<string, int>(); foreach (var p in [|d#|]) { s.Score += p.Value; }",
             "var d# = new Dictionary<string, int>(); foreach (var p in d#.OrderBy(pair => pair.Key, StringComparer.Ordinal)) { s.Score += p.Value; }"),
            ("var h# = new HashSet<string>(); s.Score += [|h#.First()|].Length;",
             "var h# = new HashSet<string>(); s.Score += h#.OrderBy(key => key, StringComparer.Ordinal).First().Length;"),
            ("var c# = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(); foreach (var p in [|c#|]) { s.Score += p.Value; }",
             "var c# = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(); foreach (var p in c#.OrderBy(pair => pair.Key, StringComparer.Ordinal)) { s.Score += p.Value; }"),
            ("var v# = new Dictionary<string, int>(); s.Score += [|v#.Values.First()|];",
             "var v# = new Dictionary<string, int>(); s.Score += v#.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value).First();"),
            ("var k# = new Dictionary<string, int>(); var l# = new List<string>([|k#.Keys|]);",
             "var k# = new Dictionary<string, int>(); var l# = new List<string>(k#.Keys.OrderBy(key => key, StringComparer.Ordinal));"),
            ("var i# = new Dictionary<int, int>(); foreach (var p in i#) { s.Score += p.Value; }",
             "var i# = new Dictionary<int, int>(); foreach (var p in i#) { s.Score += p.Value; }"),
        };

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public async Task Fix_rewrites_random_mixes_of_findings_one_by_one_and_all_at_once(int seed)
        {
            var random = new System.Random(seed);
            var before = new System.Text.StringBuilder();
            var after = new System.Text.StringBuilder();
            for (int i = 0; i < 5; i++)
            {
                (string b, string a) = s_orderRewrites[random.Next(s_orderRewrites.Length)];
                string suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                before.Append("        ").AppendLine(b.Replace("#", suffix));
                after.Append("        ").AppendLine(a.Replace("#", suffix));
            }

            string fixedCode = Sources.Simulation(after.ToString());
            await HashFix.VerifyAsync(Sources.Simulation(before.ToString()), fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }
    }
}
