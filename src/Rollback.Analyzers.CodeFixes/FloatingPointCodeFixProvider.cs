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
using Rollback.Analyzers.Rules;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// RB2003: turns <c>float</c>/<c>double</c> fields, auto-properties and locals into
    /// <c>Rollback.Fixed64</c> (<c>float x = 1.5f;</c> → <c>Fixed64 x = Fixed64.Parse("1.5");</c>), converting
    /// their literal initializers and the floating-point literals they are combined with, and turns a
    /// lone floating-point literal into a <c>Fixed64</c> value. A fix is offered only when the result compiles.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FloatingPointCodeFixProvider))]
    [Shared]
    public sealed class FloatingPointCodeFixProvider : CodeFixProvider
    {
        private const string EquivalenceKey = CodeFixKeys.Prefix + "UseFixed64";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.FloatingPointId);

        /// <inheritdoc />
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Document document = context.Document;
            CancellationToken ct = context.CancellationToken;
            SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (root is null || model?.Compilation.GetTypeByMetadataName(FixHelpers.Fixed64Name) is not { } fixed64)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                diagnostic.Properties.TryGetValue(FloatingPointAnalyzer.KindProperty, out string? kind);
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                bool offered = kind switch
                {
                    FloatingPointAnalyzer.KindDeclaration => IsConvertibleDeclaration(node, model, ct),
                    FloatingPointAnalyzer.KindLiteral => IsLiteralNextToFixed64(node, model, fixed64, ct),
                    _ => false,
                };

                if (offered)
                {
                    // The edit is computed when the fix is chosen or previewed, not when the light bulb asks what is offered.
                    context.RegisterCodeFix(
                        CodeAction.Create("Use Rollback.Fixed64", token => ApplyAsync(document, diagnostic.Location.SourceSpan, kind!, token), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string kind, CancellationToken ct)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            SemanticModel model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            INamedTypeSymbol fixed64 = model.Compilation.GetTypeByMetadataName(FixHelpers.Fixed64Name)!;
            SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
            SyntaxNode node = root.FindNode(span, getInnermostNodeForTie: true);
            SyntaxNode? newRoot = kind == FloatingPointAnalyzer.KindDeclaration
                ? ConvertDeclaration(node, root, model, generator, fixed64, ct)
                : ConvertLiteral(node, root, model, generator, fixed64, ct);
            if (newRoot is null)
            {
                return document;
            }

            var names = new List<string>();
            if (kind == FloatingPointAnalyzer.KindDeclaration && DeclaredSymbols(node, model, ct) is { } declared)
            {
                names.AddRange(declared.Where(s => s.Kind != SymbolKind.Local).Select(s => s.Name));
            }

            return await FixVerification.WarnOnNewErrorsAsync(document, document.WithSyntaxRoot(newRoot), names, ct).ConfigureAwait(false);
        }

        /// <summary>A field, auto-property or local of floating type whose every initializer has a Fixed64 equivalent.</summary>
        private static bool IsConvertibleDeclaration(SyntaxNode node, SemanticModel model, CancellationToken ct)
        {
            TypeSyntax placeholder = SyntaxFactory.IdentifierName("Fixed64");
            switch (node.AncestorsAndSelf().FirstOrDefault(n => n is VariableDeclarationSyntax or PropertyDeclarationSyntax or ParameterSyntax or MethodDeclarationSyntax))
            {
                case VariableDeclarationSyntax declaration:
                    return FixHelpers.IsFloatingType(model.GetTypeInfo(declaration.Type, ct).Type) &&
                           declaration.Variables.All(v => v.Initializer is null || FixHelpers.ToFixed64(v.Initializer.Value, model, placeholder, allowIntExpressions: true, ct) is not null);
                case PropertyDeclarationSyntax property when property.AccessorList is { } accessors && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                    return FixHelpers.IsFloatingType(model.GetTypeInfo(property.Type, ct).Type) &&
                           (property.Initializer is null || FixHelpers.ToFixed64(property.Initializer.Value, model, placeholder, allowIntExpressions: true, ct) is not null);
                default:
                    return false; // parameters and return types change signatures: fix those by hand
            }
        }

        /// <summary>A literal combined with (or assigned to) a Fixed64 value: <c>speed * 0.5f</c> where speed is Fixed64.</summary>
        private static bool IsLiteralNextToFixed64(SyntaxNode node, SemanticModel model, INamedTypeSymbol fixed64, CancellationToken ct)
        {
            if (node is not ExpressionSyntax expression || FixHelpers.ToFixed64(expression, model, SyntaxFactory.IdentifierName("Fixed64"), allowIntExpressions: false, ct) is null)
            {
                return false;
            }

            SyntaxNode current = expression;
            while (current.Parent is ParenthesizedExpressionSyntax)
            {
                current = current.Parent;
            }

            ExpressionSyntax? other = current.Parent switch
            {
                BinaryExpressionSyntax binary => binary.Left == current ? binary.Right : binary.Left,
                AssignmentExpressionSyntax assignment when assignment.Right == current => assignment.Left,
                _ => null,
            };

            return other is not null && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(other, ct).Type, fixed64);
        }

        private static SyntaxNode? ConvertLiteral(SyntaxNode node, SyntaxNode root, SemanticModel model, SyntaxGenerator generator, INamedTypeSymbol fixed64, CancellationToken ct)
        {
            if (node is not ExpressionSyntax expression)
            {
                return null;
            }

            ExpressionSyntax? replacement = FixHelpers.ToFixed64(expression, model, FixHelpers.TypeName(generator, fixed64), allowIntExpressions: false, ct);
            return replacement is null ? null : root.ReplaceNode(expression, replacement.WithTriviaFrom(expression));
        }

        private static IEnumerable<ISymbol>? DeclaredSymbols(SyntaxNode node, SemanticModel model, CancellationToken ct)
        {
            SyntaxNode? declaration = node.AncestorsAndSelf().FirstOrDefault(n => n is VariableDeclarationSyntax or PropertyDeclarationSyntax);
            return declaration switch
            {
                VariableDeclarationSyntax variables => variables.Variables.Select(v => model.GetDeclaredSymbol(v, ct)).OfType<ISymbol>(),
                PropertyDeclarationSyntax property => model.GetDeclaredSymbol(property, ct) is { } p ? new ISymbol[] { p } : null,
                _ => null,
            };
        }

        private static SyntaxNode? ConvertDeclaration(SyntaxNode node, SyntaxNode root, SemanticModel model, SyntaxGenerator generator, INamedTypeSymbol fixed64, CancellationToken ct)
        {
            TypeSyntax fixedType = FixHelpers.TypeName(generator, fixed64);
            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            SyntaxNode scope;

            switch (node.AncestorsAndSelf().FirstOrDefault(n => n is VariableDeclarationSyntax or PropertyDeclarationSyntax or ParameterSyntax or MethodDeclarationSyntax))
            {
                case VariableDeclarationSyntax declaration:
                    if (!FixHelpers.IsFloatingType(model.GetTypeInfo(declaration.Type, ct).Type))
                    {
                        return null;
                    }

                    if (!declaration.Type.IsVar)
                    {
                        replacements[declaration.Type] = fixedType.WithTriviaFrom(declaration.Type);
                    }

                    foreach (VariableDeclaratorSyntax variable in declaration.Variables)
                    {
                        if (model.GetDeclaredSymbol(variable, ct) is { } symbol)
                        {
                            symbols.Add(symbol);
                        }

                        if (variable.Initializer is { } initializer)
                        {
                            ExpressionSyntax? value = FixHelpers.ToFixed64(initializer.Value, model, fixedType, allowIntExpressions: true, ct);
                            if (value is null)
                            {
                                return null;
                            }

                            replacements[initializer.Value] = value.WithTriviaFrom(initializer.Value);
                        }
                    }

                    scope = declaration.Parent is LocalDeclarationStatementSyntax local ? local.Parent ?? root : root;
                    break;

                case PropertyDeclarationSyntax property when property.AccessorList is { } accessors && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                    if (!FixHelpers.IsFloatingType(model.GetTypeInfo(property.Type, ct).Type))
                    {
                        return null;
                    }

                    replacements[property.Type] = fixedType.WithTriviaFrom(property.Type);
                    if (property.Initializer is { } propertyInitializer)
                    {
                        ExpressionSyntax? value = FixHelpers.ToFixed64(propertyInitializer.Value, model, fixedType, allowIntExpressions: true, ct);
                        if (value is null)
                        {
                            return null;
                        }

                        replacements[propertyInitializer.Value] = value.WithTriviaFrom(propertyInitializer.Value);
                    }

                    if (model.GetDeclaredSymbol(property, ct) is { } propertySymbol)
                    {
                        symbols.Add(propertySymbol);
                    }

                    scope = root;
                    break;

                default:
                    return null; // parameters and return types change signatures: fix those by hand
            }

            // Floating-point literals combined with the converted variables become Fixed64 too.
            foreach (IdentifierNameSyntax identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(identifier, ct).Symbol is not { } referenced || !symbols.Contains(referenced))
                {
                    continue;
                }

                ExpressionSyntax reference = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                ExpressionSyntax? other = reference.Parent switch
                {
                    AssignmentExpressionSyntax assignment when assignment.Left == reference => assignment.Right,
                    BinaryExpressionSyntax binary when binary.Left == reference => binary.Right,
                    BinaryExpressionSyntax binary when binary.Right == reference => binary.Left,
                    _ => null,
                };

                if (other is not null && !replacements.ContainsKey(other) && FixHelpers.IsFloatingType(model.GetTypeInfo(other, ct).Type) &&
                    FixHelpers.ToFixed64(other, model, fixedType, allowIntExpressions: false, ct) is { } converted)
                {
                    replacements[other] = converted.WithTriviaFrom(other);
                }
            }

            return root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        }
    }
}
