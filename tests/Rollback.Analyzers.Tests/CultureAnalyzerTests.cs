using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Culture = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.CultureAnalyzer>;
using CultureFix = Rollback.Analyzers.Tests.Infrastructure.CodeFixVerifier<Rollback.Analyzers.Rules.CultureAnalyzer, Rollback.Analyzers.CodeFixes.CultureCodeFixProvider>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2008: culture-dependent text, and the invariant-culture and ordinal fixes.</summary>
    public partial class CultureAnalyzerTests
    {
        [Fact]
        public Task Flags_culture_dependent_formatting_parsing_and_ordering() => Culture.VerifyAsync(Sources.Simulation(@"
        string a = [|s.Score.ToString()|];
        int b = [|int.Parse(a)|];
        double c = [|double.Parse(""1.5"")|];
        int d = [|string.Compare(a, ""x"")|];
        var names = new List<string> { ""b"", ""a"" };
        var sorted = [|names.OrderBy(n => n)|].ToList();
        [|names.Sort()|];
        string e = ""score "" + [|s.Score|];
        string f = $""[|{1.5}|]"";
        bool g = [|a.StartsWith(""x"")|];
        string h = [|a.ToUpper()|];
        var cmp = [|StringComparer.CurrentCulture|];
"));

        [Fact]
        public Task Does_not_flag_invariant_or_ordinal_text() => Culture.VerifyAsync(Sources.Simulation(@"
        string a = s.Score.ToString(CultureInfo.InvariantCulture);
        int b = int.Parse(a, CultureInfo.InvariantCulture);
        int d = string.Compare(a, ""x"", StringComparison.Ordinal);
        var names = new List<string> { ""b"", ""a"" };
        var sorted = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        names.Sort(StringComparer.Ordinal);
        var byLength = names.OrderBy(n => n.Length).ToList();
        string e = ""name "" + a;
        string f = FormattableString.Invariant($""{1.5}"");
        bool g = a.StartsWith(""x"", StringComparison.Ordinal) && a.IndexOf('x') >= 0;
        string h = a.ToUpperInvariant() + Kind.A.ToString();
        Fixed64 p = Fixed64.Parse(""1.5"");
") + @"
public enum Kind { A }
");

        [Fact]
        public Task Flags_numbers_formatted_indirectly() => Culture.VerifyAsync(Sources.Simulation(@"
        var scores = new[] { s.Score, -1 };
        var a = [|string.Join("","", scores)|];
        var b = [|string.Join("","", s.Score, 2)|];
        var c = [|string.Concat(""hp "", s.Score)|];
        var sb = new System.Text.StringBuilder();
        [|sb.Append(s.Score)|];
        [|sb.Append(1.5)|];
        sb.Append($""hp {[|s.Score|]}"");
        [|sb.AppendFormat(""{0}"", s.Score)|];
        var text = ""x"";
        text += [|s.Score|];
"));

        [Fact]
        public Task Does_not_flag_invariant_or_text_only_formatting() => Culture.VerifyAsync(Sources.Simulation(@"
        var names = new[] { ""a"", ""b"" };
        var a = string.Join("","", names);
        var b = string.Concat(""hp "", ""x"");
        var sb = new System.Text.StringBuilder();
        sb.Append(""text"").Append('c').Append(true);
        sb.Append(s.Score.ToString(CultureInfo.InvariantCulture));
        sb.Append(CultureInfo.InvariantCulture, $""hp {s.Score}"");
        sb.AppendFormat(CultureInfo.InvariantCulture, ""{0}"", s.Score);
        var c = FormattableString.Invariant($""{s.Score}"");
        var text = ""x"";
        text += ""y"";
"));

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.CultureAnalyzer(), @"
        s.Score = int.Parse(s.Score.ToString(CultureInfo.InvariantCulture)) + s.Score.ToString().Length;
", expectedCount: 2);

        [Fact]
        public async Task Fix_passes_the_invariant_culture_to_formatting_and_parsing()
        {
            string fixedCode = Sources.Simulation(@"
        string a = s.Score.ToString(CultureInfo.InvariantCulture);
        string a2 = s.Score.ToString(""D3"", CultureInfo.InvariantCulture);
        int b = int.Parse(a, CultureInfo.InvariantCulture);
        bool ok = int.TryParse(a, CultureInfo.InvariantCulture, out var c);
        int d = Convert.ToInt32(a, CultureInfo.InvariantCulture);
        string e = string.Format(CultureInfo.InvariantCulture, ""{0} of {1}"", s.Score, b);
        var sb = new System.Text.StringBuilder();
        sb.AppendFormat(CultureInfo.InvariantCulture, ""{0}"", s.Score);
        sb.Append(CultureInfo.InvariantCulture, $""hp {s.Score}"");
        string f = FormattableString.Invariant($""{c} and {s.Score}"");
        string g = ""score "" + s.Score.ToString(CultureInfo.InvariantCulture);
        g += (s.Score * 2).ToString(CultureInfo.InvariantCulture);
        sb.Append(s.Score.ToString(CultureInfo.InvariantCulture));
        string h = string.Concat(""hp "", s.Score.ToString(CultureInfo.InvariantCulture));
        string i = string.Join("","", s.Score.ToString(CultureInfo.InvariantCulture), 2.ToString(CultureInfo.InvariantCulture));
        var culture = CultureInfo.InvariantCulture;
        s.Score += a.Length + a2.Length + d + e.Length + f.Length + g.Length + h.Length + i.Length + (ok ? 1 : 0) + culture.Name.Length;
");
            await CultureFix.VerifyAsync(Sources.Simulation(@"
        string a = [|s.Score.ToString()|];
        string a2 = [|s.Score.ToString(""D3"")|];
        int b = [|int.Parse(a)|];
        bool ok = [|int.TryParse(a, out var c)|];
        int d = [|Convert.ToInt32(a)|];
        string e = [|string.Format(""{0} of {1}"", s.Score, b)|];
        var sb = new System.Text.StringBuilder();
        [|sb.AppendFormat(""{0}"", s.Score)|];
        sb.Append($""hp {[|s.Score|]}"");
        string f = $""[|{c}|] and [|{s.Score}|]"";
        string g = ""score "" + [|s.Score|];
        g += [|s.Score * 2|];
        [|sb.Append(s.Score)|];
        string h = [|string.Concat(""hp "", s.Score)|];
        string i = [|string.Join("","", s.Score, 2)|];
        var culture = [|CultureInfo.CurrentCulture|];
        s.Score += a.Length + a2.Length + d + e.Length + f.Length + g.Length + h.Length + i.Length + (ok ? 1 : 0) + culture.Name.Length;
"), fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public async Task Fix_compares_and_sorts_strings_ordinally()
        {
            string fixedCode = Sources.Simulation(@"
        string a = ""abc"";
        var names = new List<string> { ""b"", ""a"" };
        var sorted = names.OrderBy(n => n, StringComparer.Ordinal).ThenBy(n => n.Length).ToList();
        var byName = names.OrderByDescending(n => n + ""x"", StringComparer.Ordinal).First();
        names.Sort(StringComparer.Ordinal);
        int d = string.Compare(a, ""x"", StringComparison.Ordinal);
        bool g = a.StartsWith(""x"", StringComparison.Ordinal) || a.EndsWith(""y"", StringComparison.Ordinal) || a.IndexOf(""z"", StringComparison.Ordinal) > 0;
        string h = a.ToUpperInvariant() + char.ToLowerInvariant(a[0]);
        int k = string.CompareOrdinal(a, ""y"");
        var cmp = StringComparer.Ordinal;
        var set = new SortedSet<string>(StringComparer.Ordinal);
        var dict = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var copy = new SortedSet<string>(names, StringComparer.Ordinal);
        var least = names.Min(StringComparer.Ordinal);
        var array = names.ToArray();
        Array.Sort(array, StringComparer.Ordinal);
        s.Score += sorted.Count + byName.Length + d + (g ? 1 : 0) + h.Length + k + cmp.Compare(a, h) + set.Count + dict.Count + copy.Count + least!.Length;
");
            await CultureFix.VerifyAsync(Sources.Simulation(@"
        string a = ""abc"";
        var names = new List<string> { ""b"", ""a"" };
        var sorted = [|names.OrderBy(n => n)|].ThenBy(n => n.Length).ToList();
        var byName = [|names.OrderByDescending(n => n + ""x"")|].First();
        [|names.Sort()|];
        int d = [|string.Compare(a, ""x"")|];
        bool g = [|a.StartsWith(""x"")|] || [|a.EndsWith(""y"")|] || [|a.IndexOf(""z"")|] > 0;
        string h = [|a.ToUpper()|] + [|char.ToLower(a[0])|];
        int k = [|a.CompareTo(""y"")|];
        var cmp = [|StringComparer.CurrentCulture|];
        var set = [|new SortedSet<string>()|];
        var dict = [|new SortedDictionary<string, int>()|];
        var copy = [|new SortedSet<string>(names)|];
        var least = [|names.Min()|];
        var array = names.ToArray();
        [|Array.Sort(array)|];
        s.Score += sorted.Count + byName.Length + d + (g ? 1 : 0) + h.Length + k + cmp.Compare(a, h) + set.Count + dict.Count + copy.Count + least!.Length;
"), fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Fix_is_not_offered_where_no_rewrite_is_mechanical()
        {
            // A sequence of numbers would need a Select; int? has no ToString(IFormatProvider); a Comparer<string> variable
            // cannot hold a StringComparer; setting the current culture is a decision, not a formatting call.
            string source = Sources.Simulation(@"
        var scores = new[] { s.Score, -1 };
        var a = [|string.Join("","", scores)|];
        var sb = new System.Text.StringBuilder();
        [|sb.AppendJoin("","", scores)|];
        int? maybe = s.Score;
        string b = ""x"" + [|maybe|];
        Comparer<string> c = [|Comparer<string>.Default|];
        [|CultureInfo.CurrentCulture|] = CultureInfo.InvariantCulture;
        s.Score += a.Length + b.Length + c.Compare(a, b);
");
            return CultureFix.VerifyAsync(source, source);
        }

        /// <summary>(before with markup, after) statement pairs; '#' stands for a per-statement suffix that keeps names apart.</summary>
        private static readonly (string Before, string After)[] s_cultureRewrites =
        {
            ("string a# = [|s.Score.ToString()|];", "string a# = s.Score.ToString(CultureInfo.InvariantCulture);"),
            ("string b# = [|s.Score.ToString(\"N2\")|];", "string b# = s.Score.ToString(\"N2\", CultureInfo.InvariantCulture);"),
            ("int c# = [|int.Parse(\"12\")|];", "int c# = int.Parse(\"12\", CultureInfo.InvariantCulture);"),
            ("decimal d# = [|decimal.Parse(\"1.5\", NumberStyles.Number)|];", "decimal d# = decimal.Parse(\"1.5\", NumberStyles.Number, CultureInfo.InvariantCulture);"),
            ("string e# = [|Convert.ToString(s.Score)|];", "string e# = Convert.ToString(s.Score, CultureInfo.InvariantCulture);"),
            ("string f# = [|DateTime.MinValue.ToString()|];", "string f# = DateTime.MinValue.ToString(CultureInfo.InvariantCulture);"),
            ("string g# = \"v\" + [|s.Score|];", "string g# = \"v\" + s.Score.ToString(CultureInfo.InvariantCulture);"),
            ("string h# = $\"[|{s.Score}|]/[|{s.Score + 1}|]\";", "string h# = FormattableString.Invariant($\"{s.Score}/{s.Score + 1}\");"),
            ("int k# = [|string.Compare(\"a\", \"b\")|];", "int k# = string.Compare(\"a\", \"b\", StringComparison.Ordinal);"),
            ("bool m# = [|\"ab\".EndsWith(\"b\")|];", "bool m# = \"ab\".EndsWith(\"b\", StringComparison.Ordinal);"),
            ("var n# = [|new SortedDictionary<string, int>()|];", "var n# = new SortedDictionary<string, int>(StringComparer.Ordinal);"),
            ("var o# = [|new List<string>().OrderBy(x => x)|].ToList();", "var o# = new List<string>().OrderBy(x => x, StringComparer.Ordinal).ToList();"),
            ("string p# = [|\"A\".ToLower()|];", "string p# = \"A\".ToLowerInvariant();"),
            ("string q# = [|string.Concat(\"hp \", s.Score, \" / \", 9)|];", "string q# = string.Concat(\"hp \", s.Score.ToString(CultureInfo.InvariantCulture), \" / \", 9.ToString(CultureInfo.InvariantCulture));"),
        };

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public async Task Fix_rewrites_random_mixes_of_findings_one_by_one_and_all_at_once(int seed)
        {
            var random = new System.Random(seed);
            var before = new System.Text.StringBuilder();
            var after = new System.Text.StringBuilder();
            for (int i = 0; i < 6; i++)
            {
                (string b, string a) = s_cultureRewrites[random.Next(s_cultureRewrites.Length)];
                string suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                before.Append("        ").AppendLine(b.Replace("#", suffix));
                after.Append("        ").AppendLine(a.Replace("#", suffix));
            }

            string fixedCode = Sources.Simulation(after.ToString());
            await CultureFix.VerifyAsync(Sources.Simulation(before.ToString()), fixedCode);
            await AllRules.VerifyCleanAsync(fixedCode);
        }

        [Fact]
        public Task Fix_adds_the_globalization_using_when_missing() => CultureFix.VerifyAsync(@"
using System;
using Rollback;

[Deterministic]
public static class Labels
{
    public static string Score(int n) => [|n.ToString()|];
    public static bool Before(string a, string b) => [|string.Compare(a, b)|] < 0;
}
", @"
using System;
using System.Globalization;
using Rollback;

[Deterministic]
public static class Labels
{
    public static string Score(int n) => n.ToString(CultureInfo.InvariantCulture);
    public static bool Before(string a, string b) => string.Compare(a, b, StringComparison.Ordinal) < 0;
}
");
    }
}
