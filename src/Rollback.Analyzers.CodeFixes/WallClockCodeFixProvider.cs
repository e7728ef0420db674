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
using Microsoft.CodeAnalysis.Formatting;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// RB2001: replaces <c>DateTime.Now</c>/<c>UtcNow</c>/<c>Today</c>, <c>DateTimeOffset.Now</c>/<c>UtcNow</c> and
    /// <c>Environment.TickCount(64)</c> with simulated time derived from the state's <c>Frame</c> counter:
    /// <c>new DateTime(state.Frame * (TimeSpan.TicksPerSecond / FramesPerSecond))</c>, adding a documented
    /// <c>FramesPerSecond</c> constant to the type when it has none. Offered where a <c>[RollbackState]</c>
    /// instance is in reach: inside the state type, or through a parameter of a state type.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WallClockCodeFixProvider))]
    [Shared]
    public sealed class WallClockCodeFixProvider : CodeFixProvider
    {
        /// <summary>Name of the constant the fix adds.</summary>
        public const string FramesPerSecondName = "FramesPerSecond";

        private const string EquivalenceKey = CodeFixKeys.Prefix + "UseFrameTime";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.WallClockId);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

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

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (Target(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, document, ct) is not null)
                {
                    // The edit is computed when the fix is chosen, not when the light bulb asks what is offered. The replacement
                    // is typed like what it replaces (DateTime, DateTimeOffset, int, long) and reads the generated Frame counter.
                    Microsoft.CodeAnalysis.Text.TextSpan span = diagnostic.Location.SourceSpan;
                    context.RegisterCodeFix(
                        CodeAction.Create("Derive time from the state's Frame", token => ApplyAtAsync(document, span, token), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>
        /// Fix-all: replaces every flagged clock read of a document in turn (found again by annotation after each edit),
        /// so the <c>FramesPerSecond</c> constant is added once per type, not once per read.
        /// </summary>
        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            CancellationToken ct = context.CancellationToken;
            SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (!marks.ContainsKey(node))
                {
                    marks[node] = new SyntaxAnnotation();
                }
            }

            Document current = document.WithSyntaxRoot(root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original])));
            foreach (SyntaxAnnotation mark in marks.Values)
            {
                SyntaxNode currentRoot = (await current.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
                SemanticModel model = (await current.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
                if (currentRoot.GetAnnotatedNodes(mark).FirstOrDefault() is { } node && Apply(current, currentRoot, model, node, ct) is { } changed)
                {
                    current = changed;
                }
            }

            return current;
        }

        private static async Task<Document> ApplyAtAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken ct)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            SemanticModel model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            return Apply(document, root, model, root.FindNode(span, getInnermostNodeForTie: true), ct) ?? document;
        }

        /// <summary>The clock read, its property, the type to hold the constant, and the state's Frame in reach; null when not fixable.</summary>
        private static (ExpressionSyntax Expression, IPropertySymbol Property, TypeDeclarationSyntax Type, ExpressionSyntax Frame)? Target(SyntaxNode node, SemanticModel model, Document document, CancellationToken ct)
        {
            INamedTypeSymbol? stateAttribute = model.Compilation.GetTypeByMetadataName(FixHelpers.RollbackStateAttributeName);
            if (node is not ExpressionSyntax expression ||
                model.GetSymbolInfo(expression, ct).Symbol is not IPropertySymbol property ||
                expression.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeDeclaration ||
                FrameAccess(expression, model, stateAttribute, ct) is not { } frame ||
                Replacement(property, frame, model.Compilation, SyntaxGenerator.GetGenerator(document)) is null)
            {
                return null;
            }

            return (expression, property, typeDeclaration, frame);
        }

        private static Document? Apply(Document document, SyntaxNode root, SemanticModel model, SyntaxNode node, CancellationToken ct)
        {
            if (Target(node, model, document, ct) is not { } target)
            {
                return null;
            }

            return Apply(document, root, model, target.Expression, target.Type, target.Property, target.Frame, SyntaxGenerator.GetGenerator(document), ct);
        }

        private static Document Apply(Document document, SyntaxNode root, SemanticModel model, ExpressionSyntax expression, TypeDeclarationSyntax typeDeclaration, IPropertySymbol property, ExpressionSyntax frame, SyntaxGenerator generator, CancellationToken ct)
        {
            ExpressionSyntax replacement = Replacement(property, frame, model.Compilation, generator)!;
            SyntaxNode newRoot = root.ReplaceNode(expression, replacement.WithTriviaFrom(expression).WithAdditionalAnnotations(Formatter.Annotation));
            if (!HasFramesPerSecond(model.GetDeclaredSymbol(typeDeclaration, ct)))
            {
                TypeDeclarationSyntax current = newRoot.DescendantNodesAndSelf().OfType<TypeDeclarationSyntax>()
                    .First(t => t.SpanStart == typeDeclaration.SpanStart && t.Identifier.ValueText == typeDeclaration.Identifier.ValueText);
                newRoot = newRoot.ReplaceNode(current, current.WithMembers(current.Members.Insert(0, FramesPerSecondConstant())));
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static bool HasFramesPerSecond(INamedTypeSymbol? type)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                if (t.GetMembers(FramesPerSecondName).Any())
                {
                    return true;
                }
            }

            return false;
        }

        private static MemberDeclarationSyntax FramesPerSecondConstant() =>
            SyntaxFactory.ParseMemberDeclaration(
                "/// <summary>\n" +
                "/// Simulation frames per second (the session's tick rate), used to derive time from the\n" +
                "/// state's <c>Frame</c> counter instead of the wall clock. Keep it equal to the rate the session runs at.\n" +
                "/// </summary>\n" +
                "private const int " + FramesPerSecondName + " = 60;\n")!
                .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"))
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary><c>Frame</c> inside a state type, or <c>param.Frame</c> for a parameter of a state type.</summary>
        private static ExpressionSyntax? FrameAccess(SyntaxNode at, SemanticModel model, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            foreach (SyntaxNode ancestor in at.Ancestors())
            {
                ParameterListSyntax? parameters = ancestor switch
                {
                    BaseMethodDeclarationSyntax method => method.ParameterList,
                    LocalFunctionStatementSyntax local => local.ParameterList,
                    ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList,
                    _ => null,
                };

                if (parameters is not null)
                {
                    foreach (ParameterSyntax parameter in parameters.Parameters)
                    {
                        if (model.GetDeclaredSymbol(parameter, ct) is { } symbol && FixHelpers.IsStateType(symbol.Type, stateAttribute))
                        {
                            return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(parameter.Identifier.ValueText), SyntaxFactory.IdentifierName("Frame"));
                        }
                    }
                }

                if (ancestor is TypeDeclarationSyntax type)
                {
                    bool isStatic = at.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault() is { } member && member.Modifiers.Any(SyntaxKind.StaticKeyword);
                    if (!isStatic && FixHelpers.IsStateType(model.GetDeclaredSymbol(type, ct), stateAttribute))
                    {
                        return SyntaxFactory.IdentifierName("Frame");
                    }

                    return null;
                }
            }

            return null;
        }

        private static ExpressionSyntax? Replacement(IPropertySymbol property, ExpressionSyntax frame, Compilation compilation, SyntaxGenerator generator)
        {
            INamedTypeSymbol? type = property.ContainingType;
            INamedTypeSymbol? timeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            if (type is null || timeSpan is null)
            {
                return null;
            }

            TypeSyntax timeSpanName = FixHelpers.TypeName(generator, timeSpan);

            // frame * (TimeSpan.TicksPerSecond / FramesPerSecond): 100-ns ticks of simulated time
            ExpressionSyntax ticks = SyntaxFactory.BinaryExpression(
                SyntaxKind.MultiplyExpression,
                frame,
                SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(
                    SyntaxKind.DivideExpression,
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, timeSpanName, SyntaxFactory.IdentifierName("TicksPerSecond")),
                    SyntaxFactory.IdentifierName(FramesPerSecondName))));

            // frame * 1000 / FramesPerSecond: simulated milliseconds
            ExpressionSyntax Milliseconds(ExpressionSyntax f) => SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(
                SyntaxKind.DivideExpression,
                SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, f, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1000))),
                SyntaxFactory.IdentifierName(FramesPerSecondName)));

            var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(ticks) };
            switch (type.SpecialType == SpecialType.System_DateTime ? "DateTime." + property.Name : type.Name + "." + property.Name)
            {
                case "DateTime.Now":
                case "DateTime.UtcNow":
                case "DateTime.Today":
                    if (property.Name == "UtcNow" && compilation.GetTypeByMetadataName("System.DateTimeKind") is { } kind)
                    {
                        arguments.Add(SyntaxFactory.Argument(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixHelpers.TypeName(generator, kind), SyntaxFactory.IdentifierName("Utc"))));
                    }

                    ExpressionSyntax date = New(FixHelpers.TypeName(generator, type), arguments);
                    return property.Name == "Today"
                        ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, date, SyntaxFactory.IdentifierName("Date"))
                        : date;
                case "DateTimeOffset.Now":
                case "DateTimeOffset.UtcNow":
                    arguments.Add(SyntaxFactory.Argument(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, timeSpanName, SyntaxFactory.IdentifierName("Zero"))));
                    return New(FixHelpers.TypeName(generator, type), arguments);
                case "Environment.TickCount":
                    return Milliseconds(frame);
                case "Environment.TickCount64":
                    return Milliseconds(SyntaxFactory.CastExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword)), frame));
                default:
                    return null;
            }
        }

        private static ExpressionSyntax New(TypeSyntax type, List<ArgumentSyntax> arguments) =>
            SyntaxFactory.ObjectCreationExpression(type, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)), null);
    }
}
