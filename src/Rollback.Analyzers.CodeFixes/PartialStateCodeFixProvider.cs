using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// Fixes the generator's RB1001 ("[RollbackState] type must be partial") and RB1009 (containing
    /// type must be partial) by adding <c>partial</c> to the type and to every containing type.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PartialStateCodeFixProvider))]
    [Shared]
    public sealed class PartialStateCodeFixProvider : CodeFixProvider
    {
        private const string EquivalenceKey = CodeFixKeys.Prefix + "AddPartial";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.NotPartialId, "RB1009");

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                TypeDeclarationSyntax? type = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (type is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add 'partial'",
                        ct => AddPartialAsync(context.Document, root, type, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static Task<Document> AddPartialAsync(Document document, SyntaxNode root, TypeDeclarationSyntax type, CancellationToken cancellationToken)
        {
            var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
                .Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword))
                .ToList();
            SyntaxNode newRoot = root.ReplaceNodes(targets, (original, rewritten) => AddPartial((TypeDeclarationSyntax)rewritten));
            return Task.FromResult(document.WithSyntaxRoot(newRoot));
        }

        private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Count == 0)
            {
                // "class X" → "partial class X": the keyword's leading trivia (indentation, comments) moves to 'partial'.
                SyntaxToken keyword = type.Keyword;
                SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return type.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }

            // 'partial' must come right before class/struct/record.
            return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }
    }
}
