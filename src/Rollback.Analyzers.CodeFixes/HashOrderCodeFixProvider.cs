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
using Microsoft.CodeAnalysis.Text;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>
    /// RB2004: iterates a string-keyed hash collection in ordinal key order instead of bucket order:
    /// <c>foreach (var p in orders)</c> → <c>foreach (var p in orders.OrderBy(p =&gt; p.Key, StringComparer.Ordinal))</c>,
    /// <c>names.First()</c> → <c>names.OrderBy(n =&gt; n, StringComparer.Ordinal).First()</c>,
    /// <c>orders.Values</c> → <c>orders.OrderBy(p =&gt; p.Key, StringComparer.Ordinal).Select(p =&gt; p.Value)</c>
    /// (adding <c>using System.Linq;</c> when needed). Offered for <c>Dictionary</c>, <c>ConcurrentDictionary</c>,
    /// <c>ImmutableDictionary</c> keyed by <c>string</c>, and <c>HashSet</c>/<c>ImmutableHashSet</c> of <c>string</c>; other
    /// keys (objects, records, tuples) have no ordering that is mechanical, and hashes (<c>GetHashCode</c>,
    /// <c>HashCode</c>) have no ordinal replacement, so nothing is offered for them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HashOrderCodeFixProvider))]
    [Shared]
    public sealed class HashOrderCodeFixProvider : CodeFixProvider
    {
        private const string EquivalenceKey = CodeFixKeys.Prefix + "OrdinalKeyOrder";
        private const string Title = "Iterate in ordinal key order";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticDescriptors.HashOrderId);

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
                if (Source(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, context.CancellationToken) is { } source &&
                    Sorted(source, model, SyntaxGenerator.GetGenerator(document), context.CancellationToken) is not null)
                {
                    TextSpan span = diagnostic.Location.SourceSpan;
                    context.RegisterCodeFix(CodeAction.Create(Title, token => ApplyAsync(document, span, token), EquivalenceKey), diagnostic);
                }
            }
        }

        private static async Task<Document> ApplyAsync(Document document, TextSpan span, CancellationToken ct)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
            SemanticModel model = (await document.GetSemanticModelAsync(ct).ConfigureAwait(false))!;
            if (Source(root.FindNode(span, getInnermostNodeForTie: true), model, ct) is not { } source || Sorted(source, model, SyntaxGenerator.GetGenerator(document), ct) is not { } sorted)
            {
                return document;
            }

            SyntaxNode newRoot = root.ReplaceNode(source, sorted.WithTriviaFrom(source).WithAdditionalAnnotations(Formatter.Annotation));
            if (!BindsWithoutUsing(source, sorted, model) && newRoot is CompilationUnitSyntax unit &&
                !unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == "System.Linq"))
            {
                // after the System usings that sort before it, before everything else
                int at = 0;
                while (at < unit.Usings.Count && unit.Usings[at].Name?.ToString() is { } used &&
                       (used == "System" || used.StartsWith("System.", System.StringComparison.Ordinal)) && string.CompareOrdinal(used, "System.Linq") < 0)
                {
                    at++;
                }

                UsingDirectiveSyntax linq = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).WithAdditionalAnnotations(Formatter.Annotation);
                newRoot = unit.WithUsings(unit.Usings.Insert(at, linq));
            }

            return await FixVerification.WarnOnNewErrorsAsync(document, document.WithSyntaxRoot(newRoot), System.Array.Empty<string>(), ct).ConfigureAwait(false);
        }

        /// <summary>The collection expression the finding is about: the foreach collection, the LINQ source, or the argument passed as a sequence.</summary>
        private static ExpressionSyntax? Source(SyntaxNode node, SemanticModel model, CancellationToken ct)
        {
            switch (node)
            {
                case ArgumentSyntax argument:
                    return argument.Expression;
                case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, ct).Symbol is IMethodSymbol method && method.ContainingNamespace?.ToDisplayString() == "System.Linq":
                    if (method.IsExtensionMethod && method.ReducedFrom is not null && invocation.Expression is MemberAccessExpressionSyntax access)
                    {
                        return access.Expression;
                    }

                    return invocation.ArgumentList.Arguments.Count > 0 ? invocation.ArgumentList.Arguments[0].Expression : null;
                case ExpressionSyntax expression when expression.Parent is ForEachStatementSyntax loop && loop.Expression == expression:
                    return expression;
                case ExpressionSyntax expression when expression.Parent is ArgumentSyntax:
                    return expression;
                default:
                    return null;
            }
        }

        /// <summary>The source in ordinal key order, or null when its keys are not strings.</summary>
        private static ExpressionSyntax? Sorted(ExpressionSyntax source, SemanticModel model, SyntaxGenerator generator, CancellationToken ct)
        {
            ITypeSymbol? type = model.GetTypeInfo(source, ct).Type;
            if (model.Compilation.GetTypeByMetadataName("System.StringComparer") is not { } comparer)
            {
                return null;
            }

            ExpressionSyntax receiver = source.WithoutTrivia();
            if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax))
            {
                receiver = SyntaxFactory.ParenthesizedExpression(receiver);
            }

            // dict.Keys: sort the keys; dict.Values: sort the dictionary by key, then take the values
            if (source is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Keys" or "Values" } member && IsStringKeyed(model.GetTypeInfo(member.Expression, ct).Type, out bool isDictionary) && isDictionary)
            {
                if (member.Name.Identifier.ValueText == "Keys")
                {
                    string key = FreeName(source, model, "key");
                    return OrderBy(receiver, key, SyntaxFactory.IdentifierName(key), comparer, generator);
                }

                string pair = FreeName(source, model, "pair");
                return Call(OrderBy(member.Expression.WithoutTrivia(), pair, Access(pair, "Key"), comparer, generator), "Select", pair, Access(pair, "Value"));
            }

            if (!IsStringKeyed(type, out bool keyed))
            {
                return null;
            }

            string name = FreeName(source, model, keyed ? "pair" : "key");
            return OrderBy(receiver, name, keyed ? Access(name, "Key") : SyntaxFactory.IdentifierName(name), comparer, generator);
        }

        private static bool IsStringKeyed(ITypeSymbol? type, out bool isDictionary)
        {
            isDictionary = false;
            if (type is not INamedTypeSymbol { IsGenericType: true } named)
            {
                return false;
            }

            string definition = named.OriginalDefinition.ToDisplayString();
            bool dictionary = definition is "System.Collections.Generic.Dictionary<TKey, TValue>" or "System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>" or "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>";
            bool set = definition is "System.Collections.Generic.HashSet<T>" or "System.Collections.Immutable.ImmutableHashSet<T>";
            isDictionary = dictionary;
            return (dictionary || set) && named.TypeArguments[0].SpecialType == SpecialType.System_String;
        }

        private static ExpressionSyntax OrderBy(ExpressionSyntax receiver, string parameter, ExpressionSyntax key, INamedTypeSymbol stringComparer, SyntaxGenerator generator) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("OrderBy")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)), key)),
                    SyntaxFactory.Argument(SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        FixHelpers.TypeName(generator, stringComparer),
                        SyntaxFactory.IdentifierName("Ordinal"))),
                })));

        private static ExpressionSyntax Call(ExpressionSyntax receiver, string method, string parameter, ExpressionSyntax body) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)), body)))));

        private static ExpressionSyntax Access(string name, string member) =>
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(name), SyntaxFactory.IdentifierName(member));

        /// <summary>A lambda parameter name that no symbol in scope already uses.</summary>
        private static string FreeName(SyntaxNode at, SemanticModel model, string preferred)
        {
            string name = preferred;
            for (int i = 2; !model.LookupSymbols(at.SpanStart, name: name).IsEmpty; i++)
            {
                name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        private static bool BindsWithoutUsing(ExpressionSyntax original, ExpressionSyntax sorted, SemanticModel model) =>
            model.GetSpeculativeSymbolInfo(original.SpanStart, sorted, SpeculativeBindingOption.BindAsExpression).Symbol is not null;
    }
}
