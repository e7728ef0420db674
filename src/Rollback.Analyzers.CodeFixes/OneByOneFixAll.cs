using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// Fix-all for RB2010. Moving two fields adds two members at the same place in the state type, which a batch merge of
    /// independent edits rejects as a conflict; so each member is moved (or un-ignored) in turn, found again by name in
    /// the solution the previous move produced. A member flagged several times is fixed once.
    /// </summary>
    internal sealed class OneByOneFixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            string? key = fixAllContext.CodeActionEquivalenceKey;
            if (key != OutsideStateCodeFixProvider.MoveKey && key != OutsideStateCodeFixProvider.UnignoreKey)
            {
                return null;
            }

            // The members to fix, as (project, containing type, member name): symbols do not survive the edits.
            var targets = new List<(ProjectId Project, string Type, string Member)>();
            foreach ((Project project, ImmutableArray<Diagnostic> diagnostics) in await DiagnosticsAsync(fixAllContext).ConfigureAwait(false))
            {
                foreach (IGrouping<SyntaxTree, Diagnostic> byTree in diagnostics.Where(d => d.Location.IsInSource).GroupBy(d => d.Location.SourceTree!))
                {
                    Document? document = project.GetDocument(byTree.Key);
                    SemanticModel? model = document is null ? null : await document.GetSemanticModelAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
                    SyntaxNode? root = document is null ? null : await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
                    if (model is null || root is null)
                    {
                        continue;
                    }

                    INamedTypeSymbol? ignore = model.Compilation.GetTypeByMetadataName(OutsideStateCodeFixProvider.IgnoreAttributeName);
                    foreach (Diagnostic diagnostic in byTree)
                    {
                        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                        ISymbol? ignored = OutsideStateCodeFixProvider.IgnoredMember(node, model, ignore, fixAllContext.CancellationToken);
                        ISymbol? member = key == OutsideStateCodeFixProvider.UnignoreKey ? ignored : ignored is null ? OutsideStateCodeFixProvider.HeldMember(node, model, fixAllContext.CancellationToken) : null;
                        if (member?.ContainingType is { } type)
                        {
                            var target = (project.Id, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), member.Name);
                            if (!targets.Contains(target))
                            {
                                targets.Add(target);
                            }
                        }
                    }
                }
            }

            if (targets.Count == 0)
            {
                return null;
            }

            string title = key == OutsideStateCodeFixProvider.MoveKey ? "Move every field written while stepping into the state" : "Make every counting [RollbackIgnore] member state";
            return CodeAction.Create(title, ct => FixEachAsync(fixAllContext.Solution, targets, key, ct), key);
        }

        private static async Task<Solution> FixEachAsync(Solution solution, List<(ProjectId Project, string Type, string Member)> targets, string key, CancellationToken ct)
        {
            foreach ((ProjectId projectId, string typeName, string memberName) in targets)
            {
                Compilation? compilation = solution.GetProject(projectId) is { } project ? await project.GetCompilationAsync(ct).ConfigureAwait(false) : null;
                INamedTypeSymbol? type = compilation?.GetSymbolsWithName(memberName, SymbolFilter.Member, ct)
                    .Select(s => s.ContainingType)
                    .FirstOrDefault(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == typeName);
                ISymbol? member = type?.GetMembers(memberName).FirstOrDefault(m => m.Kind is SymbolKind.Field or SymbolKind.Property);
                if (compilation is null || member is null)
                {
                    continue;
                }

                if (key == OutsideStateCodeFixProvider.UnignoreKey)
                {
                    if (compilation.GetTypeByMetadataName(OutsideStateCodeFixProvider.IgnoreAttributeName) is { } ignore)
                    {
                        solution = await OutsideStateCodeFixProvider.RemoveIgnoreAsync(solution, member, ignore, ct).ConfigureAwait(false);
                    }
                }
                else if (await OutsideStateCodeFixProvider.PlanMoveAsync(solution, member, compilation.GetTypeByMetadataName(FixHelpers.RollbackStateAttributeName), ct).ConfigureAwait(false) is { } plan)
                {
                    solution = await OutsideStateCodeFixProvider.MoveAsync(solution, plan, ct).ConfigureAwait(false);
                }
            }

            return solution;
        }

        private static async Task<List<(Project Project, ImmutableArray<Diagnostic> Diagnostics)>> DiagnosticsAsync(FixAllContext context)
        {
            var result = new List<(Project, ImmutableArray<Diagnostic>)>();
            switch (context.Scope)
            {
                case FixAllScope.Document when context.Document is not null:
                    result.Add((context.Project, await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)));
                    break;
                case FixAllScope.Project:
                    result.Add((context.Project, await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false)));
                    break;
                case FixAllScope.Solution:
                    foreach (Project project in context.Solution.Projects)
                    {
                        result.Add((project, await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false)));
                    }

                    break;
            }

            return result;
        }
    }
}
