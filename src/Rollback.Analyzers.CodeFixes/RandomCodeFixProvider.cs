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
        private const string SharedKey = CodeFixKeys.Prefix + "UseStateRandom";

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
                if (SharedRandomCall(node, model, random, ct) is { } sharedCall)
                {
                    if (SharedRandomPlan(sharedCall, model, document.Project.Solution, deterministic, stateAttribute, ct) is { } shared)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create("Draw from a DeterministicRandom in the state", token => ApplySharedAsync(document, shared, deterministic, token), SharedKey),
                            diagnostic);
                    }

                    continue;
                }

                Target? target = await FindTargetAsync(document, node, model, random, ct).ConfigureAwait(false);
                if (target is null)
                {
                    continue;
                }

                // Whether each fix applies is decided here from the code as it is; the edits are computed when a fix is chosen.
                if (await PlanMoveAsync(document, target, model, deterministic, stateAttribute, ct).ConfigureAwait(false) is { } move)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Move to a DeterministicRandom field in the state", token => CheckedAsync(document, MoveToStateAsync(document, target, move, deterministic, token), target, token), MoveKey),
                        diagnostic);
                }

                if (CanChangeInPlace(target, model, deterministic, stateAttribute, ct))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Use DeterministicRandom", token => CheckedAsync(document, InPlaceAsync(document, target, deterministic, token), target, token), InPlaceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Solution> CheckedAsync(Document document, Task<Solution> change, Target target, CancellationToken ct) =>
            await FixVerification.WarnOnNewErrorsAsync(document.Project.Solution, await change.ConfigureAwait(false), new[] { target.Symbol.Name }, ct).ConfigureAwait(false);

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

        private static bool CanChangeInPlace(Target target, SemanticModel model, INamedTypeSymbol deterministic, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            if (target.Symbol is IFieldSymbol field && !FixHelpers.IsStateType(field.ContainingType, stateAttribute))
            {
                return false; // a field outside the state is not rewound by a rollback: move it instead
            }

            return Seed(target.Creation, model, deterministic, requireConstant: false, ct) is not null;
        }

        private static async Task<Solution> InPlaceAsync(Document document, Target target, INamedTypeSymbol deterministic, CancellationToken ct)
        {
            SemanticModel model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            ExpressionSyntax seed = Seed(target.Creation, model, deterministic, requireConstant: false, ct)!;

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

        /// <summary>Where the moved generator goes and how each use reads it.</summary>
        private sealed class MovePlan
        {
            public MovePlan(ExpressionSyntax seed, string name, DocumentId stateDocument, TypeDeclarationSyntax stateDeclaration, List<(DocumentId Document, InvocationExpressionSyntax Call, string Parameter)> rewrites)
            {
                Seed = seed;
                Name = name;
                StateDocument = stateDocument;
                StateDeclaration = stateDeclaration;
                Rewrites = rewrites;
            }

            public ExpressionSyntax Seed { get; }

            public string Name { get; }

            public DocumentId StateDocument { get; }

            public TypeDeclarationSyntax StateDeclaration { get; }

            public List<(DocumentId Document, InvocationExpressionSyntax Call, string Parameter)> Rewrites { get; }
        }

        private static async Task<MovePlan?> PlanMoveAsync(Document document, Target target, SemanticModel model, INamedTypeSymbol deterministic, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            if (Seed(target.Creation, model, deterministic, requireConstant: true, ct) is not { } seed)
            {
                return null;
            }

            INamedTypeSymbol? state;
            if (target.Symbol is IFieldSymbol field)
            {
                if (FixHelpers.IsStateType(field.ContainingType, stateAttribute))
                {
                    return null; // already in the state: the in-place fix applies
                }

                state = StateLookup.SimulationState(field.ContainingType, stateAttribute);
            }
            else
            {
                state = StateLookup.StateParameter(target.Declarator, model, stateAttribute, ct)?.Type as INamedTypeSymbol;
            }

            if (state is null || StateLookup.StateDeclaration(state, document.Project.Solution, ct) is not { } stateDeclaration)
            {
                return null;
            }

            string name = StateLookup.MemberName(target.Symbol.Name, "rng");
            if (StateLookup.HasMember(state, name))
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
                IParameterSymbol? parameter = useModel is null ? null : StateLookup.StateParameter(call, useModel, stateAttribute, ct);
                if (parameter is null || !SymbolEqualityComparer.Default.Equals(parameter.Type, state))
                {
                    return null;
                }

                rewrites.Add((documentId, call, parameter.Name));
            }

            return new MovePlan(seed, name, stateDeclaration.Document, stateDeclaration.Declaration, rewrites);
        }

        private static async Task<Solution> MoveToStateAsync(Document document, Target target, MovePlan plan, INamedTypeSymbol deterministic, CancellationToken ct)
        {
            var editor = new SolutionEditor(document.Project.Solution);
            SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
            TypeSyntax typeName = FixHelpers.TypeName(generator, deterministic);
            FieldDeclarationSyntax newField = StateLookup.PublicField(typeName, plan.Name, NewDeterministicRandom(typeName, plan.Seed));
            DocumentEditor stateEditor = await editor.GetDocumentEditorAsync(plan.StateDocument, ct).ConfigureAwait(false);
            stateEditor.AddMember(plan.StateDeclaration, newField);

            foreach ((DocumentId documentId, InvocationExpressionSyntax call, string parameter) in plan.Rewrites)
            {
                DocumentEditor useEditor = await editor.GetDocumentEditorAsync(documentId, ct).ConfigureAwait(false);
                ExpressionSyntax receiver = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(parameter), SyntaxFactory.IdentifierName(plan.Name));
                useEditor.ReplaceNode(call, NextInt(receiver, call));
            }

            DocumentEditor declaring = await editor.GetDocumentEditorAsync(document.Id, ct).ConfigureAwait(false);
            StateLookup.RemoveDeclaration(declaring, target.Declarator.Parent!.Parent!); // the field declaration or local declaration statement
            return editor.GetChangedSolution();
        }

        /// <summary><c>Random.Shared.Next(...)</c> around the flagged <c>Random.Shared</c>.</summary>
        private static InvocationExpressionSyntax? SharedRandomCall(SyntaxNode node, SemanticModel model, INamedTypeSymbol random, CancellationToken ct)
        {
            if (node is not ExpressionSyntax expression ||
                model.GetSymbolInfo(expression, ct).Symbol is not IPropertySymbol { Name: "Shared", IsStatic: true } property ||
                !SymbolEqualityComparer.Default.Equals(property.ContainingType, random))
            {
                return null;
            }

            return expression.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Next" } access && access.Expression == expression &&
                   access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: <= 2 } call && call.Expression == access
                ? call
                : null;
        }

        /// <summary>How a <c>Random.Shared.Next(...)</c> call reads the state's generator.</summary>
        private sealed class SharedPlan
        {
            public SharedPlan(InvocationExpressionSyntax call, ExpressionSyntax? stateAccess, string name, bool addField, DocumentId stateDocument, TypeDeclarationSyntax stateDeclaration)
            {
                Call = call;
                StateAccess = stateAccess;
                Name = name;
                AddField = addField;
                StateDocument = stateDocument;
                StateDeclaration = stateDeclaration;
            }

            public InvocationExpressionSyntax Call { get; }

            /// <summary>The parameter holding the state, or null inside the state type itself.</summary>
            public ExpressionSyntax? StateAccess { get; }

            public string Name { get; }

            public bool AddField { get; }

            public DocumentId StateDocument { get; }

            public TypeDeclarationSyntax StateDeclaration { get; }
        }

        /// <summary>
        /// The state in reach (a parameter of a state type, or the state type's own instance member) and its
        /// generator: an existing writable <c>DeterministicRandom</c> field, or a new one named <c>Rng</c>.
        /// </summary>
        private static SharedPlan? SharedRandomPlan(InvocationExpressionSyntax call, SemanticModel model, Solution solution, INamedTypeSymbol deterministic, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            INamedTypeSymbol? state;
            ExpressionSyntax? access = null;
            if (StateLookup.StateParameter(call, model, stateAttribute, ct) is { } parameter)
            {
                state = parameter.Type as INamedTypeSymbol;
                access = SyntaxFactory.IdentifierName(parameter.Name);
            }
            else
            {
                state = StateLookup.EnclosingStateInstance(call, model, stateAttribute, ct);
            }

            if (state is null || StateLookup.StateDeclaration(state, solution, ct) is not { } declaration)
            {
                return null;
            }

            IFieldSymbol? existing = state.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => !f.IsStatic && !f.IsReadOnly && !f.IsImplicitlyDeclared && SymbolEqualityComparer.Default.Equals(f.Type, deterministic));
            if (existing is not null)
            {
                return new SharedPlan(call, access, existing.Name, addField: false, declaration.Document, declaration.Declaration);
            }

            const string name = "Rng";
            return StateLookup.HasMember(state, name) ? null : new SharedPlan(call, access, name, addField: true, declaration.Document, declaration.Declaration);
        }

        private static async Task<Solution> ApplySharedAsync(Document document, SharedPlan plan, INamedTypeSymbol deterministic, CancellationToken ct)
        {
            var editor = new SolutionEditor(document.Project.Solution);
            ExpressionSyntax receiver = plan.StateAccess is null
                ? SyntaxFactory.IdentifierName(plan.Name)
                : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, plan.StateAccess, SyntaxFactory.IdentifierName(plan.Name));
            DocumentEditor useEditor = await editor.GetDocumentEditorAsync(document.Id, ct).ConfigureAwait(false);
            useEditor.ReplaceNode(plan.Call, NextInt(receiver, plan.Call));
            if (plan.AddField)
            {
                // Random.Shared has no seed: the new generator starts from 0 until the game picks its own.
                TypeSyntax typeName = FixHelpers.TypeName(SyntaxGenerator.GetGenerator(document), deterministic);
                DocumentEditor stateEditor = await editor.GetDocumentEditorAsync(plan.StateDocument, ct).ConfigureAwait(false);
                stateEditor.AddMember(plan.StateDeclaration, StateLookup.PublicField(typeName, plan.Name, NewDeterministicRandom(typeName, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)))));
            }

            Solution changed = editor.GetChangedSolution();
            return await FixVerification.WarnOnNewErrorsAsync(document.Project.Solution, changed, new[] { plan.Name }, ct).ConfigureAwait(false);
        }
    }
}
