using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Rollback.Analyzers.Rules
{
    /// <summary>
    /// RB2009: APIs the project bans in simulation code, listed in an <c>AdditionalFiles</c> item named
    /// <c>RollbackBannedApis.txt</c>, one documentation-comment ID per line with an optional message
    /// (<c>M:System.Console.WriteLine(System.String);use the game log</c>), as BannedApiAnalyzers reads them.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BannedApiAnalyzer : SimulationScopeAnalyzer
    {
        /// <summary>File name of the banned-API list.</summary>
        public const string BannedApisFileName = "RollbackBannedApis.txt";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.BannedApi);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var banned = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
            var bannedNamespaces = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (AdditionalText file in options.AdditionalFiles)
            {
                if (!string.Equals(Path.GetFileName(file.Path), BannedApisFileName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                SourceText? text = file.GetText(cancellationToken);
                if (text is null)
                {
                    continue;
                }

                foreach (TextLine line in text.Lines)
                {
                    Parse(line.ToString(), compilation, banned, bannedNamespaces);
                }
            }

            return banned.Count == 0 && bannedNamespaces.Count == 0 ? null : new Rule(banned, bannedNamespaces);
        }

        /// <summary>Parses one line: <c>ID</c> or <c>ID;message</c>; blank lines and <c>//</c> or <c>#</c> comments are skipped.</summary>
        internal static void Parse(string line, Compilation compilation, Dictionary<ISymbol, string> banned, Dictionary<string, string> bannedNamespaces)
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("#", StringComparison.Ordinal))
            {
                return;
            }

            string id = trimmed;
            string message = string.Empty;
            int separator = trimmed.IndexOf(';');
            if (separator >= 0)
            {
                id = trimmed.Substring(0, separator).Trim();
                message = trimmed.Substring(separator + 1).Trim();
            }

            if (id.StartsWith("N:", StringComparison.Ordinal))
            {
                bannedNamespaces[id.Substring(2)] = message;
                return;
            }

            ImmutableArray<ISymbol> symbols = DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
            if (symbols.IsDefaultOrEmpty && id.StartsWith("M:", StringComparison.Ordinal) && id.IndexOf('(') < 0)
            {
                // "M:Type.Method" without a parameter list bans every overload.
                int dot = id.LastIndexOf('.');
                if (dot > 2 && DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + id.Substring(2, dot - 2), compilation) is INamedTypeSymbol type)
                {
                    symbols = type.GetMembers(id.Substring(dot + 1));
                }
            }

            if (!symbols.IsDefaultOrEmpty)
            {
                foreach (ISymbol symbol in symbols)
                {
                    banned[symbol.OriginalDefinition] = message;
                }
            }
        }

        private sealed class Rule : MemberReferenceRule
        {
            private readonly Dictionary<ISymbol, string> _banned;
            private readonly Dictionary<string, string> _bannedNamespaces;
            private readonly ConcurrentDictionary<INamespaceSymbol, string?> _namespaceMessages = new ConcurrentDictionary<INamespaceSymbol, string?>(SymbolEqualityComparer.Default);

            public Rule(Dictionary<ISymbol, string> banned, Dictionary<string, string> bannedNamespaces)
                : base(DiagnosticDescriptors.BannedApi)
            {
                _banned = banned;
                _bannedNamespaces = bannedNamespaces;
            }

            protected override string? Match(ISymbol member, IOperation operation) => Message(member) is null ? null : Display(member);

            protected override string[] ExtraArguments(ISymbol member)
            {
                string? message = Message(member);
                return new[] { string.IsNullOrEmpty(message) ? string.Empty : ": " + message };
            }

            private string? Message(ISymbol member)
            {
                ISymbol definition = member.OriginalDefinition;
                if (_banned.TryGetValue(definition, out string? message))
                {
                    return message;
                }

                if (definition is IMethodSymbol { AssociatedSymbol: { } associated } && _banned.TryGetValue(associated.OriginalDefinition, out message))
                {
                    return message;
                }

                for (INamedTypeSymbol? type = definition.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (_banned.TryGetValue(type.OriginalDefinition, out message))
                    {
                        return message;
                    }
                }

                if (_bannedNamespaces.Count > 0 && definition.ContainingNamespace is { } ns)
                {
                    return _namespaceMessages.GetOrAdd(ns, NamespaceMessage);
                }

                return null;
            }

            private string? NamespaceMessage(INamespaceSymbol ns)
            {
                for (INamespaceSymbol? n = ns; n is not null && !n.IsGlobalNamespace; n = n.ContainingNamespace)
                {
                    if (_bannedNamespaces.TryGetValue(n.ToDisplayString(), out string? message))
                    {
                        return message;
                    }
                }

                return null;
            }
        }
    }
}
