using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// RB2008: passes <c>CultureInfo.InvariantCulture</c>, <c>StringComparison.Ordinal</c> or <c>StringComparer.Ordinal</c>
    /// to culture-dependent calls, formats interpolated strings with <c>FormattableString.Invariant</c>, and formats
    /// numbers that are concatenated or appended with <c>ToString(CultureInfo.InvariantCulture)</c> (see
    /// <see cref="CultureRewrites"/> for every case). Offered only when the rewritten call binds where it stands.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CultureCodeFixProvider))]
    [Shared]
    public sealed class CultureCodeFixProvider : CodeFixProvider
    {
        private const string EquivalenceKey = CodeFixKeys.Prefix + "InvariantCulture";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.CultureId);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Document document = context.Document;
            SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (CultureRewrites.Find(node, model, SyntaxGenerator.GetGenerator(document), context.CancellationToken) is { } rewrite)
                {
                    TextSpan span = diagnostic.Location.SourceSpan;
                    context.RegisterCodeFix(CodeAction.Create(rewrite.Title, token => ApplyAsync(document, span, token), EquivalenceKey), diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, TextSpan span, CancellationToken ct)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            SemanticModel model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            if (CultureRewrites.Find(root.FindNode(span, getInnermostNodeForTie: true), model, SyntaxGenerator.GetGenerator(document), ct) is not { } rewrite)
            {
                return document;
            }

            SyntaxNode newRoot = root.ReplaceNode(rewrite.Original, rewrite.Replacement.WithAdditionalAnnotations(Formatter.Annotation));
            return await FixVerification.WarnOnNewErrorsAsync(document, document.WithSyntaxRoot(newRoot), System.Array.Empty<string>(), ct).ConfigureAwait(false);
        }
    }
}
