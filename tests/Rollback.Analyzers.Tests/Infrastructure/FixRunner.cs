using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Rollback.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// Runs an analyzer and a code fix in a real workspace (no generator), and hands back the registered code actions
    /// and the solutions they produce, for checks the verifier cannot express (warning annotations on broken code).
    /// </summary>
    public static class FixRunner
    {
        public static async Task<(Document Document, List<(Diagnostic Diagnostic, CodeAction Action)> Actions)> RegisterAsync(DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source)
        {
            var workspace = new AdhocWorkspace();
            ProjectId projectId = ProjectId.CreateNewId();
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Game", "Game", LanguageNames.CSharp)
                    .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                    .WithMetadataReferences(TestReferences.Net80Files.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Append(RollbackRuntime.Reference)));
            DocumentId documentId = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(documentId, "Game.cs", SourceText.From(source));
            Document document = solution.GetDocument(documentId)!;

            Compilation compilation = (await document.Project.GetCompilationAsync(CancellationToken.None))!;
            ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var actions = new List<(Diagnostic, CodeAction)>();
            foreach (Diagnostic diagnostic in diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)))
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add((diagnostic, action)), CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context);
            }

            return (document, actions);
        }

        public static async Task<Solution> ApplyAsync(CodeAction action)
        {
            ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }
    }
}
