using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Analyzers.Rules
{
    /// <summary>RB2002: randomness that does not live in the state.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RandomnessAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Randomness);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            Compilation c = compilation;
            var matcher = new ApiMatcher()
                .AddType(c.GetTypeByMetadataName("System.Random"))
                .AddType(c.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator"))
                .AddMembers(c.GetTypeByMetadataName("System.Guid"), "NewGuid", "CreateVersion7")
                .AddMembers(c.GetTypeByMetadataName("System.IO.Path"), "GetRandomFileName");
            return matcher.IsEmpty ? null : new Rule(matcher);
        }

        private sealed class Rule : MemberReferenceRule
        {
            private readonly ApiMatcher _matcher;

            public Rule(ApiMatcher matcher)
                : base(DiagnosticDescriptors.Randomness)
            {
                _matcher = matcher;
            }

            protected override string? Match(ISymbol member, IOperation operation) =>
                _matcher.Matches(member) ? Display(member) : null;
        }
    }
}
