using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Culture = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.CultureAnalyzer>;

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
    }
}
