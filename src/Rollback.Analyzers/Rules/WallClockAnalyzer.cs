using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Analyzers.Rules
{
    /// <summary>RB2001: wall clock and timers in simulation code.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WallClockAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.WallClock);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            Compilation c = compilation;
            var matcher = new ApiMatcher()
                .AddMembers(c.GetSpecialType(SpecialType.System_DateTime), "Now", "UtcNow", "Today")
                .AddMembers(c.GetTypeByMetadataName("System.DateTimeOffset"), "Now", "UtcNow")
                .AddMembers(c.GetTypeByMetadataName("System.Environment"), "TickCount", "TickCount64")
                .AddMembers(c.GetTypeByMetadataName("System.Threading.Tasks.Task"), "Delay")
                .AddMembers(c.GetTypeByMetadataName("System.Threading.CancellationTokenSource"), "CancelAfter")
                .AddType(c.GetTypeByMetadataName("System.Diagnostics.Stopwatch"))
                .AddType(c.GetTypeByMetadataName("System.TimeProvider"))
                .AddType(c.GetTypeByMetadataName("System.Threading.Timer"))
                .AddType(c.GetTypeByMetadataName("System.Timers.Timer"))
                .AddType(c.GetTypeByMetadataName("System.Threading.PeriodicTimer"));
            return matcher.IsEmpty ? null : new Rule(matcher);
        }

        private sealed class Rule : MemberReferenceRule
        {
            private readonly ApiMatcher _matcher;

            public Rule(ApiMatcher matcher)
                : base(DiagnosticDescriptors.WallClock)
            {
                _matcher = matcher;
            }

            protected override string? Match(ISymbol member, IOperation operation) =>
                _matcher.Matches(member) ? Display(member) : null;
        }
    }
}
