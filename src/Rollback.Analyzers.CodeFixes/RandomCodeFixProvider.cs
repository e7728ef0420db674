using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// RB2002: replaces a <c>System.Random</c> created with <c>new Random(seed)</c> in a field or local by
    /// a <c>Rollback.DeterministicRandom</c> that lives in the state, rewriting its <c>Next</c> calls to
    /// <c>NextInt</c>. Two fixes:
    /// <list type="bullet">
    /// <item><description>"Move to a DeterministicRandom field in the state": a field of the simulation class, or a
    /// local of a method with a state parameter, becomes a field of the <c>[RollbackState]</c> type (constant seed).</description></item>
    /// <item><description>"Use DeterministicRandom": a field of the state type, or a local, changes type in place.</description></item>
    /// </list>
    /// Offered only when every use is a <c>Next(...)</c> call and the result compiles.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RandomCodeFixProvider))]
    [Shared]
    public sealed class RandomCodeFixProvider : CodeFixProvider
    {
        private const string InPlaceKey = CodeFixKeys.Prefix + "UseDeterministicRandom";
        private const string MoveKey = CodeFixKeys.Prefix + "MoveRandomToState";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.RandomnessId);

        /// <inheritdoc />
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Document document = context.Document;
            CancellationToken ct = context.CancellationToken;
            SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            Compilation compilation = model.Compilation;
            INamedTypeSymbol? random = compilation.GetTypeByMetadataName("System.Random");
            INamedTypeSymbol? deterministic = compilation.GetTypeByMetadataName(FixHelpers.DeterministicRandomName);
            INamedTypeSymbol? stateAttribute = compilation.GetTypeByMetadataName(FixHelpers.RollbackStateAttributeName);
            if (random is null || deterministic is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                Target? target = await FindTargetAsync(document, node, model, random, ct).ConfigureAwait(false);
                if (target is null)
                {
                    continue;
                }

                var fixes = new List<(string Title, string Key, Solution? Solution)>
                {
                    ("Move to a DeterministicRandom field in the state", MoveKey, await MoveToStateAsync(document, target, deterministic, stateAttribute, ct).ConfigureAwait(false)),
                    ("Use DeterministicRandom", InPlaceKey, await InPlaceAsync(document, target, deterministic, stateAttribute, ct).ConfigureAwait(false)),
                };

                foreach ((string title, string key, Solution? solution) in fixes)
                {
                    if (solution is not null &&
                        await FixHelpers.CompilesAsync(document.Project.Solution, solution, new[] { target.Symbol.Name }, ct).ConfigureAwait(false))
                    {
                        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(solution), key), diagnostic);
                    }
                }
            }
        }

        /// <summary>The variable holding the Random, its creation, and every use (each a <c>Next(...)</c> call).</summary>
        private sealed class Target
        {
            public Target(ISymbol symbol, VariableDeclaratorSyntax declarator, BaseObjectCreationExpressionSyntax creation, List<(DocumentId Document, InvocationExpressionSyntax Call)> uses)
            {
                Symbol = symbol;
                Declarator = declarator;
                Creation = creation;
                Uses = uses;
            }

            public ISymbol Symbol { get; }

            public VariableDeclaratorSyntax Declarator { get; }

            public BaseObjectCreationExpressionSyntax Creation { get; }

            public List<(DocumentId Document, InvocationExpressionSyntax Call)> Uses { get; }
        }

        private static async Task<Target?> FindTargetAsync(Document document, SyntaxNode node, SemanticModel model, INamedTypeSymbol random, CancellationToken ct)
        {
            ISymbol? symbol = null;
            if (node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } })
            {
                symbol = model.GetDeclaredSymbol(declarator, ct);
            }
            else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax access })
            {
                symbol = model.GetSymbolInfo(access.Expression, ct).Symbol;
            }

            ITypeSymbol? type = symbol switch
            {
                ILocalSymbol local => local.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };

            if (symbol is null || !SymbolEqualityComparer.Default.Equals(type, random) || symbol.DeclaringSyntaxReferences.Length != 1 ||
                symbol.DeclaringSyntaxReferences[0].GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax creation } variable ||
                variable.Parent is not VariableDeclarationSyntax { Variables.Count: 1 })
            {
                return null;
            }

            var uses = new List<(DocumentId, InvocationExpressionSyntax)>();
            if (symbol is ILocalSymbol)
            {
                SyntaxNode? body = variable.FirstAncestorOrSelf<BlockSyntax>();
                if (body is null)
                {
                    return null;
                }

                foreach (IdentifierNameSyntax identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, ct).Symbol, symbol))
                    {
                        if (AsNextCall(identifier) is not { } call)
                        {
                            return null;
                        }

                        uses.Add((document.Id, call));
                    }
                }
            }
            else
            {
                foreach (ReferencedSymbol referenced in await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, ct).ConfigureAwait(false))
                {
                    foreach (ReferenceLocation location in referenced.Locations)
                    {
                        SyntaxNode? referenceRoot = await location.Document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                        if (referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax identifier ||
                            AsNextCall(identifier) is not { } call)
                        {
                            return null;
                        }

                        uses.Add((location.Document.Id, call));
                    }
                }
            }

            return new Target(symbol, variable, creation, uses);
        }

        /// <summary>The <c>x.Next(...)</c> call (0 to 2 arguments) whose receiver is <paramref name="identifier"/>.</summary>
        private static InvocationExpressionSyntax? AsNextCall(IdentifierNameSyntax identifier)
        {
            SyntaxNode receiver = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess && thisAccess.Name == identifier ? thisAccess : identifier;
            return receiver.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Next" } access && access.Expression == receiver &&
                   access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: <= 2 } call && call.Expression == access
                ? call
                : null;
        }

        private static InvocationExpressionSyntax NextInt(ExpressionSyntax receiver, InvocationExpressionSyntax call)
        {
            ArgumentListSyntax arguments = call.ArgumentList.Arguments.Count == 0
                ? SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.ParseExpression("int.MaxValue"))))
                : call.ArgumentList;
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrivia(), SyntaxFactory.IdentifierName("NextInt")),
                    arguments)
                .WithTriviaFrom(call);
        }

        /// <summary>The constructor argument: the random seed as is when it fits, otherwise converted to <c>ulong</c>.</summary>
        private static ExpressionSyntax? Seed(BaseObjectCreationExpressionSyntax creation, SemanticModel model, INamedTypeSymbol deterministic, bool requireConstant, CancellationToken ct)
        {
            ArgumentListSyntax? arguments = creation.ArgumentList;
            if (arguments is null || arguments.Arguments.Count == 0)
            {
                return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0));
            }

            ExpressionSyntax seed = arguments.Arguments[0].Expression;
            Optional<object?> constant = model.GetConstantValue(seed, ct);
            if (constant.HasValue && constant.Value is int value)
            {
                return value >= 0
                    ? SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value))
                    : SyntaxFactory.ParseExpression("unchecked((ulong)(" + value.ToString(CultureInfo.InvariantCulture) + "))");
            }

            if (requireConstant)
            {
                return null;
            }

            bool hasIntConstructor = deterministic.InstanceConstructors.Any(c => c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_Int32);
            return hasIntConstructor ? seed.WithoutTrivia() : SyntaxFactory.ParseExpression("unchecked((ulong)(" + seed.WithoutTrivia().ToFullString() + "))");
        }

        private static ObjectCreationExpressionSyntax NewDeterministicRandom(TypeSyntax type, ExpressionSyntax seed) =>
            SyntaxFactory.ObjectCreationExpression(type, SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seed))), null);

        private static async Task<Solution?> InPlaceAsync(Document document, Target target, INamedTypeSymbol deterministic, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            if (target.Symbol is IFieldSymbol field && !FixHelpers.IsStateType(field.ContainingType, stateAttribute))
            {
                return null; // a field outside the state is not rewound by a rollback: move it instead
            }

            SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (model is null || Seed(target.Creation, model, deterministic, requireConstant: false, ct) is not { } seed)
            {
                return null;
            }

            var editor = new SolutionEditor(document.Project.Solution);
            SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
            TypeSyntax typeName = FixHelpers.TypeName(generator, deterministic);
            DocumentEditor declaring = await editor.GetDocumentEditorAsync(document.Id, ct).ConfigureAwait(false);
            var declaration = (VariableDeclarationSyntax)target.Declarator.Parent!;
            VariableDeclarationSyntax newDeclaration = declaration
                .WithType(declaration.Type.IsVar ? declaration.Type : typeName.WithTriviaFrom(declaration.Type))
                .WithVariables(SyntaxFactory.SingletonSeparatedList(target.Declarator.WithInitializer(
                    target.Declarator.Initializer!.WithValue(NewDeterministicRandom(typeName, seed).WithTriviaFrom(target.Creation)))));
            if (declaration.Parent is FieldDeclarationSyntax fieldDeclaration)
            {
                // A readonly struct field would hand out copies and repeat the same number forever.
                SyntaxTokenList modifiers = SyntaxFactory.TokenList(fieldDeclaration.Modifiers.Where(m => !m.IsKind(SyntaxKind.ReadOnlyKeyword)));
                declaring.ReplaceNode(fieldDeclaration, fieldDeclaration.WithModifiers(modifiers).WithDeclaration(newDeclaration));
            }
            else
            {
                declaring.ReplaceNode(declaration, newDeclaration);
            }

            foreach ((DocumentId documentId, InvocationExpressionSyntax call) in target.Uses)
            {
                DocumentEditor useEditor = await editor.GetDocumentEditorAsync(documentId, ct).ConfigureAwait(false);
                var access = (MemberAccessExpressionSyntax)call.Expression;
                useEditor.ReplaceNode(call, NextInt(access.Expression, call));
            }

            return editor.GetChangedSolution();
        }

        private static async Task<Solution?> MoveToStateAsync(Document document, Target target, INamedTypeSymbol deterministic, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (model is null || Seed(target.Creation, model, deterministic, requireConstant: true, ct) is not { } seed)
            {
                return null;
            }

            INamedTypeSymbol? state = null;
            if (target.Symbol is IFieldSymbol field)
            {
                if (FixHelpers.IsStateType(field.ContainingType, stateAttribute))
                {
                    return null; // already in the state: the in-place fix applies
                }

                foreach (INamedTypeSymbol iface in field.ContainingType.AllInterfaces)
                {
                    if (iface.OriginalDefinition.ToDisplayString() == "Rollback.ISimulation<TState, TInput>" && FixHelpers.IsStateType(iface.TypeArguments[0], stateAttribute))
                    {
                        state = (INamedTypeSymbol)iface.TypeArguments[0];
                    }
                }
            }
            else
            {
                state = StateParameter(target.Declarator, model, stateAttribute, ct)?.Type as INamedTypeSymbol;
            }

            if (state is null || state.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            string name = FieldName(target.Symbol.Name);
            if (state.GetMembers(name).Any())
            {
                return null;
            }

            // Every use must be in a method that receives the state.
            Solution solution = document.Project.Solution;
            var rewrites = new List<(DocumentId Document, InvocationExpressionSyntax Call, string Parameter)>();
            foreach ((DocumentId documentId, InvocationExpressionSyntax call) in target.Uses)
            {
                Document? useDocument = solution.GetDocument(documentId);
                SemanticModel? useModel = useDocument is null ? null : await useDocument.GetSemanticModelAsync(ct).ConfigureAwait(false);
                IParameterSymbol? parameter = useModel is null ? null : StateParameter(call, useModel, stateAttribute, ct);
                if (parameter is null || !SymbolEqualityComparer.Default.Equals(parameter.Type, state))
                {
                    return null;
                }

                rewrites.Add((documentId, call, parameter.Name));
            }

            SyntaxReference stateReference = state.DeclaringSyntaxReferences
                .FirstOrDefault(r => r.GetSyntax(ct) is TypeDeclarationSyntax t && t.AttributeLists.Count > 0) ?? state.DeclaringSyntaxReferences[0];
            Document? stateDocument = solution.GetDocument(stateReference.SyntaxTree);
            if (stateDocument is null || stateReference.GetSyntax(ct) is not TypeDeclarationSyntax stateDeclaration)
            {
                return null;
            }

            var editor = new SolutionEditor(solution);
            SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
            TypeSyntax typeName = FixHelpers.TypeName(generator, deterministic);
            FieldDeclarationSyntax newField = SyntaxFactory.FieldDeclaration(
                    SyntaxFactory.VariableDeclaration(
                        typeName,
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(
                            SyntaxFactory.EqualsValueClause(NewDeterministicRandom(typeName, seed))))))
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            DocumentEditor stateEditor = await editor.GetDocumentEditorAsync(stateDocument.Id, ct).ConfigureAwait(false);
            stateEditor.AddMember(stateDeclaration, newField);

            foreach ((DocumentId documentId, InvocationExpressionSyntax call, string parameter) in rewrites)
            {
                DocumentEditor useEditor = await editor.GetDocumentEditorAsync(documentId, ct).ConfigureAwait(false);
                ExpressionSyntax receiver = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(parameter), SyntaxFactory.IdentifierName(name));
                useEditor.ReplaceNode(call, NextInt(receiver, call));
            }

            DocumentEditor declaring = await editor.GetDocumentEditorAsync(document.Id, ct).ConfigureAwait(false);
            SyntaxNode toRemove = target.Declarator.Parent!.Parent!; // the field declaration or local declaration statement
            SyntaxNode? next = toRemove.Parent?.ChildNodes().SkipWhile(n => n != toRemove).Skip(1).FirstOrDefault();
            declaring.RemoveNode(toRemove, SyntaxRemoveOptions.KeepNoTrivia);
            if (next is not null && next.GetLeadingTrivia().FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia))
            {
                // Drop the blank line that separated the removed declaration from the next one.
                declaring.ReplaceNode(next, (current, _) => current.WithLeadingTrivia(current.GetLeadingTrivia().RemoveAt(0)));
            }
            return editor.GetChangedSolution();
        }

        /// <summary>The parameter of a [RollbackState] type of the method or lambda around <paramref name="node"/>.</summary>
        private static IParameterSymbol? StateParameter(SyntaxNode node, SemanticModel model, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            foreach (SyntaxNode ancestor in node.Ancestors())
            {
                ParameterListSyntax? parameters = ancestor switch
                {
                    BaseMethodDeclarationSyntax method => method.ParameterList,
                    LocalFunctionStatementSyntax local => local.ParameterList,
                    _ => null,
                };

                if (parameters is null)
                {
                    continue;
                }

                foreach (ParameterSyntax parameter in parameters.Parameters)
                {
                    if (model.GetDeclaredSymbol(parameter, ct) is { } symbol && FixHelpers.IsStateType(symbol.Type, stateAttribute))
                    {
                        return symbol;
                    }
                }

                return null;
            }

            return null;
        }

        /// <summary><c>_rng</c> → <c>Rng</c>, <c>s_random</c> → <c>Random</c>, <c>dice</c> → <c>Dice</c>.</summary>
        private static string FieldName(string name)
        {
            string trimmed = name.StartsWith("s_", System.StringComparison.Ordinal) || name.StartsWith("m_", System.StringComparison.Ordinal)
                ? name.Substring(2)
                : name.TrimStart('_');
            if (trimmed.Length == 0)
            {
                trimmed = "rng";
            }

            return char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
        }
    }
}
