using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// RB2010, two fixes:
    /// <list type="bullet">
    /// <item><description><b>Move the field into the state</b>: a field or auto-property of the <c>ISimulation</c>
    /// implementation that is written while stepping (directly, or through the object, list or array it holds) becomes a
    /// public field of the <c>[RollbackState]</c> type (<c>_turn</c> → <c>Turn</c>, keeping its initializer, without
    /// <c>readonly</c>), and every use becomes <c>s.Turn</c> through the method's state parameter. Offered only when the
    /// state type is declared in the solution, the member's type is one the generator snapshots, the state has no member
    /// of that name, and every use is in a method that receives the state (not in a constructor).</description></item>
    /// <item><description><b>Make it state</b>: a <c>[RollbackIgnore]</c> member that is read, changed and written back
    /// loses the attribute, so snapshots contain it.</description></item>
    /// </list>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutsideStateCodeFixProvider))]
    [Shared]
    public sealed class OutsideStateCodeFixProvider : CodeFixProvider
    {
        internal const string MoveKey = CodeFixKeys.Prefix + "MoveFieldToState";
        internal const string UnignoreKey = CodeFixKeys.Prefix + "RemoveRollbackIgnore";
        internal const string IgnoreAttributeName = "Rollback.RollbackIgnoreAttribute";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.OutsideStateId);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => new OneByOneFixAll();

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

            INamedTypeSymbol? stateAttribute = model.Compilation.GetTypeByMetadataName(FixHelpers.RollbackStateAttributeName);
            INamedTypeSymbol? ignoreAttribute = model.Compilation.GetTypeByMetadataName(IgnoreAttributeName);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (IgnoredMember(node, model, ignoreAttribute, ct) is { } ignored)
                {
                    if (IgnoreAttribute(ignored, ignoreAttribute, ct) is not null && IsInSolution(ignored, document.Project.Solution))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create("Make '" + ignored.Name + "' state (remove [RollbackIgnore])", token => RemoveIgnoreAsync(document.Project.Solution, ignored, ignoreAttribute!, token), UnignoreKey),
                            diagnostic);
                    }

                    continue;
                }

                if (HeldMember(node, model, ct) is { } member && await PlanMoveAsync(document.Project.Solution, member, stateAttribute, ct).ConfigureAwait(false) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Move '" + plan.Member.Name + "' into the state as '" + plan.Name + "'", token => MoveAsync(document.Project.Solution, plan, token), MoveKey),
                        diagnostic);
                }
            }
        }

        /// <summary>A field or auto-property to move, the state it goes to, and every use with the state parameter in reach.</summary>
        internal sealed class MovePlan
        {
            public MovePlan(ISymbol member, ITypeSymbol type, string name, SyntaxNode declaration, ExpressionSyntax? initializer, (DocumentId Document, TypeDeclarationSyntax Declaration) state, List<(DocumentId Document, ExpressionSyntax Use, string Parameter)> uses)
            {
                Member = member;
                Type = type;
                Name = name;
                Declaration = declaration;
                Initializer = initializer;
                State = state;
                Uses = uses;
            }

            public ISymbol Member { get; }

            public ITypeSymbol Type { get; }

            public string Name { get; }

            /// <summary>The field declaration or property declaration to remove.</summary>
            public SyntaxNode Declaration { get; }

            public ExpressionSyntax? Initializer { get; }

            public (DocumentId Document, TypeDeclarationSyntax Declaration) State { get; }

            public List<(DocumentId Document, ExpressionSyntax Use, string Parameter)> Uses { get; }
        }

        /// <summary>The [RollbackIgnore] member read, changed and written back in the flagged expression.</summary>
        internal static ISymbol? IgnoredMember(SyntaxNode node, SemanticModel model, INamedTypeSymbol? ignoreAttribute, CancellationToken ct)
        {
            if (ignoreAttribute is null)
            {
                return null;
            }

            foreach (SyntaxNode candidate in node.DescendantNodesAndSelf().Where(n => n is IdentifierNameSyntax))
            {
                if (model.GetSymbolInfo(candidate, ct).Symbol is { Kind: SymbolKind.Field or SymbolKind.Property } symbol && IgnoreAttribute(symbol, ignoreAttribute, ct) is not null)
                {
                    return symbol;
                }
            }

            return null;
        }

        private static AttributeSyntax? IgnoreAttribute(ISymbol symbol, INamedTypeSymbol? ignoreAttribute, CancellationToken ct)
        {
            AttributeData? data = symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ignoreAttribute));
            return data?.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
        }

        private static bool IsInSolution(ISymbol symbol, Solution solution) =>
            symbol.DeclaringSyntaxReferences.Length > 0 && symbol.DeclaringSyntaxReferences.All(r => solution.GetDocument(r.SyntaxTree) is not null);

        internal static async Task<Solution> RemoveIgnoreAsync(Solution solution, ISymbol member, INamedTypeSymbol ignoreAttribute, CancellationToken ct)
        {
            if (IgnoreAttribute(member, ignoreAttribute, ct) is not { Parent: AttributeListSyntax list } attribute || solution.GetDocument(attribute.SyntaxTree) is not { } document)
            {
                return solution;
            }

            var editor = new SolutionEditor(solution);
            DocumentEditor documentEditor = await editor.GetDocumentEditorAsync(document.Id, ct).ConfigureAwait(false);
            if (list.Attributes.Count == 1)
            {
                SyntaxNode owner = list.Parent!;
                documentEditor.ReplaceNode(owner, (current, _) => RemoveAttributeList(current, list));
            }
            else
            {
                documentEditor.RemoveNode(attribute);
            }

            return await FixVerification.WarnOnNewErrorsAsync(solution, editor.GetChangedSolution(), new[] { member.Name }, ct).ConfigureAwait(false);
        }

        /// <summary>The member without the attribute list, its leading trivia (indentation, comments) kept on what follows.</summary>
        private static SyntaxNode RemoveAttributeList(SyntaxNode owner, AttributeListSyntax list)
        {
            if (owner is not MemberDeclarationSyntax member)
            {
                return owner;
            }

            int index = member.AttributeLists.IndexOf(l => l.Span == list.Span);
            if (index < 0)
            {
                return owner;
            }

            SyntaxTriviaList leading = member.AttributeLists[index].GetLeadingTrivia();
            MemberDeclarationSyntax without = member.WithAttributeLists(member.AttributeLists.RemoveAt(index));
            return index == 0 ? without.WithLeadingTrivia(leading) : without;
        }

        internal static async Task<MovePlan?> PlanMoveAsync(Solution solution, ISymbol member, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            if (member.IsStatic || member.ContainingType is not { } simulation ||
                StateLookup.SimulationState(simulation, stateAttribute) is not { } state ||
                member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            SyntaxNode declared = member.DeclaringSyntaxReferences[0].GetSyntax(ct);
            SyntaxNode declaration;
            ExpressionSyntax? initializer;
            ITypeSymbol type;
            switch (member)
            {
                case IFieldSymbol field when declared is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax fieldDeclaration } } variable:
                    declaration = fieldDeclaration;
                    initializer = variable.Initializer?.Value;
                    type = field.Type;
                    break;
                case IPropertySymbol property when declared is PropertyDeclarationSyntax { AccessorList: { } accessors } propertyDeclaration &&
                                                   accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null) && property.SetMethod is not null:
                    declaration = propertyDeclaration;
                    initializer = propertyDeclaration.Initializer?.Value;
                    type = property.Type;
                    break;
                default:
                    return null;
            }

            if (!StateLookup.IsSnapshottable(type, stateAttribute) || StateLookup.StateDeclaration(state, solution, ct) is not { } stateDeclaration)
            {
                return null;
            }

            string name = StateLookup.MemberName(member.Name, "value");
            SemanticModel? declaringModel = solution.GetDocument(declared.SyntaxTree) is { } declaringDocument ? await declaringDocument.GetSemanticModelAsync(ct).ConfigureAwait(false) : null;
            if (StateLookup.HasMember(state, name) || declaringModel is null || (initializer is not null && UsesInstanceMembers(initializer, simulation, declaringModel, ct)))
            {
                return null; // a name clash, or an initializer that reads the simulation object (it would not compile in the state)
            }

            var uses = new List<(DocumentId, ExpressionSyntax, string)>();
            foreach (ReferencedSymbol referenced in await SymbolFinder.FindReferencesAsync(member, solution, ct).ConfigureAwait(false))
            {
                foreach (ReferenceLocation location in referenced.Locations)
                {
                    SyntaxNode? useRoot = await location.Document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                    SemanticModel? useModel = await location.Document.GetSemanticModelAsync(ct).ConfigureAwait(false);
                    if (useRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax identifier || useModel is null)
                    {
                        return null;
                    }

                    ExpressionSyntax use = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier ? access : identifier;
                    if (use is IdentifierNameSyntax && identifier.Parent is MemberAccessExpressionSyntax other && other.Name == identifier)
                    {
                        return null; // reached through another instance (other._turn): not this simulation's
                    }

                    IParameterSymbol? parameter = StateLookup.StateParameter(use, useModel, stateAttribute, ct);
                    if (parameter is null || !SymbolEqualityComparer.Default.Equals(parameter.Type, state))
                    {
                        return null; // a constructor, or a method without the state: nothing to read it through
                    }

                    uses.Add((location.Document.Id, use, parameter.Name));
                }
            }

            return new MovePlan(member, type, name, declaration, initializer, stateDeclaration, uses);
        }

        /// <summary>
        /// The field or auto-property of the simulation object through which the flagged code writes: <c>_turn</c>,
        /// <c>this._turn</c>, <c>_log</c> in <c>_log.Add(x)</c>, <c>_last</c> in <c>_last[0] = x</c>.
        /// </summary>
        internal static ISymbol? HeldMember(SyntaxNode node, SemanticModel model, CancellationToken ct)
        {
            SyntaxNode? current = node;
            for (int depth = 0; depth < 16 && current is not null; depth++)
            {
                switch (current)
                {
                    case PostfixUnaryExpressionSyntax postfix:
                        current = postfix.Operand;
                        break;
                    case PrefixUnaryExpressionSyntax prefix:
                        current = prefix.Operand;
                        break;
                    case AssignmentExpressionSyntax assignment:
                        current = assignment.Left;
                        break;
                    case InvocationExpressionSyntax invocation:
                        current = invocation.Expression;
                        break;
                    case ElementAccessExpressionSyntax element:
                        current = element.Expression;
                        break;
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized.Expression;
                        break;
                    case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } own:
                        return Member(own, model, ct);
                    case MemberAccessExpressionSyntax access:
                        current = access.Expression;
                        break;
                    case IdentifierNameSyntax identifier:
                        return Member(identifier, model, ct);
                    default:
                        return null;
                }
            }

            return null;
        }

        private static ISymbol? Member(ExpressionSyntax expression, SemanticModel model, CancellationToken ct) =>
            model.GetSymbolInfo(expression, ct).Symbol is { Kind: SymbolKind.Field or SymbolKind.Property } symbol ? symbol : null;

        private static bool UsesInstanceMembers(ExpressionSyntax initializer, INamedTypeSymbol simulation, SemanticModel model, CancellationToken ct)
        {
            foreach (SyntaxNode node in initializer.DescendantNodesAndSelf())
            {
                if (node is ThisExpressionSyntax or BaseExpressionSyntax)
                {
                    return true;
                }

                if (node is IdentifierNameSyntax && model.GetSymbolInfo(node, ct).Symbol is { IsStatic: false } symbol &&
                    symbol.Kind is SymbolKind.Field or SymbolKind.Property or SymbolKind.Method or SymbolKind.Event &&
                    SymbolEqualityComparer.Default.Equals(symbol.ContainingType, simulation))
                {
                    return true;
                }
            }

            return false;
        }

        internal static async Task<Solution> MoveAsync(Solution solution, MovePlan plan, CancellationToken ct)
        {
            var editor = new SolutionEditor(solution);
            Document stateDocument = solution.GetDocument(plan.State.Document)!;
            SyntaxGenerator generator = SyntaxGenerator.GetGenerator(stateDocument);
            TypeSyntax type = FixHelpers.TypeName(generator, plan.Type);
            MemberDeclarationSyntax moved;
            if (plan.Declaration is PropertyDeclarationSyntax property)
            {
                moved = SyntaxFactory.PropertyDeclaration(type, plan.Name)
                    .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword)))
                    .WithAccessorList(SyntaxFactory.AccessorList(SyntaxFactory.List(new[]
                    {
                        SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken)),
                        SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken)),
                    })));
                if (property.Initializer is { } propertyInitializer)
                {
                    moved = ((PropertyDeclarationSyntax)moved)
                        .WithInitializer(SyntaxFactory.EqualsValueClause(propertyInitializer.Value.WithoutTrivia()))
                        .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken));
                }

                moved = moved.WithAdditionalAnnotations(Formatter.Annotation);
            }
            else
            {
                moved = StateLookup.PublicField(type, plan.Name, plan.Initializer?.WithoutTrivia());
            }

            DocumentEditor stateEditor = await editor.GetDocumentEditorAsync(plan.State.Document, ct).ConfigureAwait(false);
            stateEditor.AddMember(plan.State.Declaration, moved);

            foreach ((DocumentId documentId, ExpressionSyntax use, string parameter) in plan.Uses)
            {
                DocumentEditor useEditor = await editor.GetDocumentEditorAsync(documentId, ct).ConfigureAwait(false);
                useEditor.ReplaceNode(use, SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(parameter), SyntaxFactory.IdentifierName(plan.Name)).WithTriviaFrom(use));
            }

            Document declaring = solution.GetDocument(plan.Declaration.SyntaxTree)!;
            StateLookup.RemoveDeclaration(await editor.GetDocumentEditorAsync(declaring.Id, ct).ConfigureAwait(false), plan.Declaration);
            return await FixVerification.WarnOnNewErrorsAsync(solution, editor.GetChangedSolution(), new[] { plan.Name }, ct).ConfigureAwait(false);
        }
    }
}
