using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// The last check of a fix, run inside the code action (when the fix is chosen or previewed, never when the
    /// light bulb asks what is offered): a change that adds compile errors is still returned, but the code at each
    /// new error carries a <see cref="WarningAnnotation"/>, so the preview shows what the fix breaks instead of
    /// silently offering a broken edit. Every fix decides whether it is offered from cheap checks of the code as it
    /// is (the state type exists, every use can be rewritten, the overload with a provider exists); this check
    /// catches what those cannot foresee.
    /// </summary>
    internal static class FixVerification
    {
        /// <summary>
        /// <paramref name="changed"/>, with a warning on every error it adds to a changed document or to a document
        /// that mentions one of <paramref name="names"/> (the members whose type or place the fix changed).
        /// </summary>
        public static async Task<Solution> WarnOnNewErrorsAsync(Solution original, Solution changed, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
        {
            Solution result = changed;
            foreach (ProjectChanges projectChanges in changed.GetChanges(original).GetProjectChanges())
            {
                var toCheck = new HashSet<DocumentId>(projectChanges.GetChangedDocuments());
                foreach (Document document in names.Count == 0 ? Enumerable.Empty<Document>() : projectChanges.NewProject.Documents)
                {
                    string text = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                    if (names.Any(n => text.Contains(n)))
                    {
                        toCheck.Add(document.Id);
                    }
                }

                foreach (DocumentId id in toCheck)
                {
                    Document? before = original.GetDocument(id);
                    Document? after = changed.GetDocument(id);
                    SemanticModel? model = after is null ? null : await after.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    SyntaxNode? root = after is null ? null : await after.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    if (model is null || root is null)
                    {
                        continue;
                    }

                    var errorsAfter = model.GetDiagnostics(cancellationToken: cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    int errorsBefore = 0;
                    if (before is not null && await before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } beforeModel)
                    {
                        errorsBefore = beforeModel.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
                    }

                    if (errorsAfter.Count <= errorsBefore)
                    {
                        continue;
                    }

                    var nodes = errorsAfter
                        .Where(d => d.Location.IsInSource && d.Location.SourceTree == root.SyntaxTree)
                        .GroupBy(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
                        .ToDictionary(g => g.Key, g => g.First().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                    SyntaxNode annotated = root.ReplaceNodes(
                        nodes.Keys,
                        (node, rewritten) => rewritten.WithAdditionalAnnotations(WarningAnnotation.Create("The fixed code does not compile here: " + nodes[node])));
                    result = result.WithDocumentSyntaxRoot(id, annotated);
                }
            }

            return result;
        }

        /// <summary>The document of <paramref name="changed"/>, checked the same way.</summary>
        public static async Task<Document> WarnOnNewErrorsAsync(Document original, Document changed, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
        {
            Solution checkedSolution = await WarnOnNewErrorsAsync(original.Project.Solution, changed.Project.Solution, names, cancellationToken).ConfigureAwait(false);
            return checkedSolution.GetDocument(changed.Id) ?? changed;
        }
    }
}
