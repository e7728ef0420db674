using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using ReflectionOrder = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.ReflectionOrderAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2011: reflection results iterated or indexed (no code fix: the intended order is the author's).</summary>
    public partial class ReflectionOrderAnalyzerTests
    {
        [Fact]
        public Task Flags_reflection_results_iterated_or_indexed() => ReflectionOrder.VerifyAsync(Sources.Simulation(@"
        foreach (var f in [|typeof(Arena).GetFields()|]) { s.Score++; }
        var first = [|typeof(Arena).GetProperties()|][0];
        var methods = [|s.GetType().GetMethods()|];
        for (int i = 0; i < methods.Length; i++) { s.Score += methods[i].Name.Length; }
        var name = [|typeof(Arena).GetMembers()|].Select(m => m.Name).First();
        foreach (var t in [|typeof(Arena).Assembly.GetTypes()|].Where(t => t.IsPublic)) { s.Score++; }
"));

        [Fact]
        public Task Does_not_flag_order_insensitive_use_or_code_outside_simulation() => ReflectionOrder.VerifyAsync(Sources.Simulation(@"
        s.Score += typeof(Arena).GetFields().Length;
        s.Score += typeof(Arena).GetProperties().Count(p => p.CanWrite);
        s.Score += typeof(Arena).GetMethods().Any(m => m.Name == ""Step"") ? 1 : 0;
        foreach (var f in typeof(Arena).GetFields().OrderBy(f => f.Name, StringComparer.Ordinal)) { s.Score++; }
        var field = typeof(Arena).GetField(""Score"");
") + @"
public static class Inspector
{
    public static string Dump(object o) { var text = """"; foreach (var f in o.GetType().GetFields()) text += f.Name; return text; }
}
");

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.ReflectionOrderAnalyzer(), @"
        foreach (var f in typeof(Arena).GetFields()) { s.Score++; }
        s.Score += typeof(Arena).GetFields().Length;
");
    }
}
