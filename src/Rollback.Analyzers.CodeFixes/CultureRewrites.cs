using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>One rewrite of culture-dependent code: the node to replace, what replaces it, and the fix's title.</summary>
    internal sealed class CultureRewrite
    {
        public CultureRewrite(SyntaxNode original, SyntaxNode replacement, string title)
        {
            Original = original;
            Replacement = replacement;
            Title = title;
        }

        public SyntaxNode Original { get; }

        public SyntaxNode Replacement { get; }

        public string Title { get; }
    }

    /// <summary>
    /// Finds the mechanical rewrite of an RB2008 finding, checked by binding the rewritten expression where it stands:
    /// <list type="bullet">
    /// <item><description>a call with an overload that takes a provider or comparison gets one:
    /// <c>CultureInfo.InvariantCulture</c> (<c>x.ToString()</c>, <c>int.Parse(s)</c>, <c>TryParse(s, out v)</c>,
    /// <c>Convert.ToInt32(s)</c>, <c>string.Format(...)</c>, <c>sb.AppendFormat(...)</c>, <c>sb.Append($"...")</c>),
    /// <c>StringComparison.Ordinal</c> (<c>string.Compare</c>, <c>StartsWith</c>, <c>IndexOf</c> ...) or
    /// <c>StringComparer.Ordinal</c> (<c>OrderBy(n =&gt; n)</c>, <c>Sort()</c>, <c>Min()</c>, <c>new SortedSet&lt;string&gt;()</c>);</description></item>
    /// <item><description><c>ToUpper()</c>/<c>ToLower()</c> become <c>ToUpperInvariant()</c>/<c>ToLowerInvariant()</c>, <c>a.CompareTo(b)</c>
    /// becomes <c>string.CompareOrdinal(a, b)</c>, <c>CultureInfo.CurrentCulture</c> becomes <c>CultureInfo.InvariantCulture</c>,
    /// <c>StringComparer.CurrentCulture</c> and <c>Comparer&lt;string&gt;.Default</c> become <c>StringComparer.Ordinal</c>;</description></item>
    /// <item><description>an interpolated string that formats numbers becomes <c>FormattableString.Invariant($"...")</c>;</description></item>
    /// <item><description>a number concatenated or appended (<c>"hp " + hp</c>, <c>text += hp</c>, <c>string.Concat("hp ", hp)</c>,
    /// <c>string.Join(",", a, b)</c>, <c>sb.Append(hp)</c>, <c>sb.Insert(0, hp)</c>) becomes <c>hp.ToString(CultureInfo.InvariantCulture)</c>.</description></item>
    /// </list>
    /// A sequence of numbers (<c>string.Join(",", scores)</c>, <c>sb.AppendJoin(",", scores)</c>) has no mechanical fix: the
    /// elements would need a <c>Select</c>, which changes the code's shape; none is offered.
    /// </summary>
    internal static class CultureRewrites
    {
        public const string InvariantTitle = "Use CultureInfo.InvariantCulture";
        public const string OrdinalTitle = "Compare strings ordinally";

        private enum Added
        {
            Provider,
            Comparison,
            Comparer,
        }

        public static CultureRewrite? Find(SyntaxNode node, SemanticModel model, SyntaxGenerator generator, CancellationToken ct)
        {
            Compilation compilation = model.Compilation;
            if (compilation.GetTypeByMetadataName("System.Globalization.CultureInfo") is not { } cultureInfo ||
                compilation.GetTypeByMetadataName("System.StringComparer") is not { } stringComparer ||
                compilation.GetTypeByMetadataName("System.StringComparison") is not { } stringComparison)
            {
                return null;
            }

            var names = new Names(cultureInfo, stringComparer, stringComparison, generator);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            switch (node)
            {
                case InterpolationSyntax hole:
                    return Interpolation(hole, model, names, ct);
                case ExpressionSyntax expression when expression.Parent is InterpolationSyntax hole:
                    return Interpolation(hole, model, names, ct);
                case InvocationExpressionSyntax invocation:
                    return Invocation(invocation, model, names, ct) ??
                           (IsConcatenated(invocation) && FormatInvariant(invocation, model, names, ct) is { } value ? new CultureRewrite(invocation, value, InvariantTitle) : null);
                case BaseObjectCreationExpressionSyntax creation:
                    return WithAddedArgument(creation, model, names, ct, Added.Comparer);
                case ExpressionSyntax expression when IsConcatenated(expression):
                    return FormatInvariant(expression, model, names, ct) is { } formatted ? new CultureRewrite(expression, formatted, InvariantTitle) : null;
                case ExpressionSyntax expression when model.GetSymbolInfo(expression, ct).Symbol is IPropertySymbol property:
                    return Property(expression, property, model, names, ct);
                default:
                    return null;
            }
        }

        private sealed class Names
        {
            public Names(INamedTypeSymbol cultureInfo, INamedTypeSymbol stringComparer, INamedTypeSymbol stringComparison, SyntaxGenerator generator)
            {
                Generator = generator;
                CultureInfo = cultureInfo;
                StringComparer = stringComparer;
                StringComparison = stringComparison;
            }

            public INamedTypeSymbol CultureInfo { get; }

            public SyntaxGenerator Generator { get; }

            public INamedTypeSymbol StringComparer { get; }

            public INamedTypeSymbol StringComparison { get; }

            public ExpressionSyntax Member(INamedTypeSymbol type, string member) =>
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    FixHelpers.TypeName(Generator, type),
                    SyntaxFactory.IdentifierName(member));

            public ExpressionSyntax Invariant => Member(CultureInfo, "InvariantCulture");
        }

        /// <summary>The left or right side of a string <c>+</c>, or the value of <c>text += x</c>.</summary>
        private static bool IsConcatenated(ExpressionSyntax expression)
        {
            SyntaxNode? parent = expression.Parent;
            return parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } ||
                   parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } assignment && assignment.Right == expression;
        }

        private static CultureRewrite? Invocation(InvocationExpressionSyntax invocation, SemanticModel model, Names names, CancellationToken ct)
        {
            if (model.GetSymbolInfo(invocation, ct).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            // "I".ToLower() → "I".ToLowerInvariant(); char.ToUpper(c) → char.ToUpperInvariant(c)
            if (method.Name is "ToUpper" or "ToLower" && method.Parameters.Length == (method.IsStatic ? 1 : 0) &&
                method.ContainingType.SpecialType is SpecialType.System_String or SpecialType.System_Char &&
                invocation.Expression is MemberAccessExpressionSyntax access)
            {
                var renamed = invocation.WithExpression(access.WithName(SyntaxFactory.IdentifierName(method.Name + "Invariant")));
                return Binds(invocation, renamed, model, ct, m => m.Name == method.Name + "Invariant") ? new CultureRewrite(invocation, renamed, "Use " + method.Name + "Invariant") : null;
            }

            // a.CompareTo(b) → string.CompareOrdinal(a, b)
            if (method.Name == "CompareTo" && !method.IsStatic && method.ContainingType.SpecialType == SpecialType.System_String &&
                method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
                invocation.Expression is MemberAccessExpressionSyntax compareTo)
            {
                ExpressionSyntax ordinal = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)), SyntaxFactory.IdentifierName("CompareOrdinal")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(compareTo.Expression.WithoutTrivia()), invocation.ArgumentList.Arguments[0] })));
                return Binds(invocation, ordinal, model, ct, m => m.Name == "CompareOrdinal") ? new CultureRewrite(invocation, ordinal.WithTriviaFrom(invocation), OrdinalTitle) : null;
            }

            // a call with an overload taking the provider, comparison or comparer the finding is about
            Added[] kinds = IsOrdering(method) ? new[] { Added.Comparer } : new[] { Added.Comparison, Added.Provider };
            foreach (Added kind in kinds)
            {
                if (WithAddedArgument(invocation, model, names, ct, kind) is { } added)
                {
                    return added;
                }
            }

            // numbers handed one by one to Concat/Join/Append/Insert: each formatted invariantly
            return method.Name is "Concat" or "Join" or "Append" or "AppendLine" or "Insert" or "AppendJoin"
                ? FormatArguments(invocation, model, names, ct)
                : null;
        }

        private static bool IsOrdering(IMethodSymbol method) =>
            method.Name is "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Order" or "OrderDescending" or "Min" or "Max" or "MinBy" or "MaxBy" or "Sort";

        /// <summary>The call or creation with one more argument, at the end, before trailing <c>out</c> arguments, or first.</summary>
        private static CultureRewrite? WithAddedArgument(ExpressionSyntax call, SemanticModel model, Names names, CancellationToken ct, Added kind)
        {
            ArgumentListSyntax? arguments = call switch
            {
                InvocationExpressionSyntax invocation => invocation.ArgumentList,
                ObjectCreationExpressionSyntax creation => creation.ArgumentList ?? SyntaxFactory.ArgumentList(),
                _ => null,
            };

            if (arguments is null)
            {
                return null;
            }

            (ExpressionSyntax value, INamedTypeSymbol type, string title) = kind switch
            {
                Added.Provider => (names.Invariant, names.CultureInfo, InvariantTitle),
                Added.Comparison => (names.Member(names.StringComparison, "Ordinal"), names.StringComparison, OrdinalTitle),
                _ => (names.Member(names.StringComparer, "Ordinal"), names.StringComparer, OrdinalTitle),
            };

            SeparatedSyntaxList<ArgumentSyntax> list = arguments.Arguments;
            int firstOut = list.Count;
            while (firstOut > 0 && list[firstOut - 1].RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
            {
                firstOut--;
            }

            var positions = new List<int> { list.Count };
            if (firstOut < list.Count)
            {
                positions.Add(firstOut);
            }

            if (kind == Added.Provider && list.Count > 0)
            {
                positions.Add(0);
            }

            foreach (int position in positions)
            {
                ArgumentListSyntax newArguments = arguments.WithArguments(list.Insert(position, SyntaxFactory.Argument(value)));
                ExpressionSyntax candidate = call switch
                {
                    InvocationExpressionSyntax invocation => invocation.WithArgumentList(newArguments),
                    ObjectCreationExpressionSyntax creation => creation.WithArgumentList(newArguments),
                    _ => call,
                };

                if (Binds(call, candidate, model, ct, m => m.Parameters.Any(p => Accepts(model.Compilation, type, p.Type))))
                {
                    return new CultureRewrite(call, candidate, title);
                }
            }

            return null;
        }

        private static bool Accepts(Compilation compilation, INamedTypeSymbol added, ITypeSymbol parameter) =>
            parameter.SpecialType != SpecialType.System_Object && compilation.ClassifyConversion(added, parameter) is { IsImplicit: true } conversion &&
            (conversion.IsIdentity || conversion.IsReference);

        /// <summary>Whether the rewritten call binds, where the original stands, to a method <paramref name="accept"/> likes.</summary>
        private static bool Binds(ExpressionSyntax original, ExpressionSyntax rewritten, SemanticModel model, CancellationToken ct, System.Func<IMethodSymbol, bool> accept)
        {
            SymbolInfo info = model.GetSpeculativeSymbolInfo(original.SpanStart, rewritten, SpeculativeBindingOption.BindAsExpression);
            return info.Symbol is IMethodSymbol method && accept(method);
        }

        /// <summary>Each culture-formatted argument of Concat/Join/Append/Insert becomes <c>x.ToString(CultureInfo.InvariantCulture)</c>.</summary>
        private static CultureRewrite? FormatArguments(InvocationExpressionSyntax invocation, SemanticModel model, Names names, CancellationToken ct)
        {
            if (model.GetOperation(invocation, ct) is not IInvocationOperation operation)
            {
                return null;
            }

            var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (IArgumentOperation argument in operation.Arguments)
            {
                if (argument.Parameter is null || argument.Parameter.Name == "index")
                {
                    continue;
                }

                IEnumerable<IOperation> values = argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer }
                    ? initializer.ElementValues
                    : new[] { argument.Value };
                foreach (IOperation value in values)
                {
                    IOperation inner = value;
                    while (inner is IConversionOperation { IsImplicit: true } conversion)
                    {
                        inner = conversion.Operand;
                    }

                    if (inner.Type is not null && IsFormatted(inner.Type) && inner.Syntax is ExpressionSyntax expression)
                    {
                        if (inner.Type is IArrayTypeSymbol || IsSequence(inner.Type))
                        {
                            return null; // a sequence of numbers: no mechanical fix
                        }

                        if (FormatInvariant(expression, model, names, ct) is not { } formatted)
                        {
                            return null;
                        }

                        replacements[expression] = formatted;
                    }
                    else if (inner.Type is not null && (inner.Type is IArrayTypeSymbol { ElementType: var element } && IsFormatted(element) || IsSequence(inner.Type)))
                    {
                        return null;
                    }
                }
            }

            if (replacements.Count == 0)
            {
                return null;
            }

            var rewritten = invocation.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            return Binds(invocation, rewritten, model, ct, _ => true) ? new CultureRewrite(invocation, rewritten, InvariantTitle) : null;
        }

        private static bool IsFormatted(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                return false; // int? has no ToString(IFormatProvider)
            }

            if (type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
                SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_DateTime)
            {
                return true;
            }

            return type.ToDisplayString() is "System.Half" or "System.Int128" or "System.UInt128" or "System.Numerics.BigInteger" or "System.DateTimeOffset" or "System.DateOnly" or "System.TimeOnly";
        }

        private static bool IsSequence(ITypeSymbol type) =>
            type.SpecialType != SpecialType.System_String && type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T && IsFormatted(i.TypeArguments[0]));

        /// <summary><c>x.ToString(CultureInfo.InvariantCulture)</c> when the value's type has that overload.</summary>
        private static ExpressionSyntax? FormatInvariant(ExpressionSyntax expression, SemanticModel model, Names names, CancellationToken ct)
        {
            ITypeSymbol? type = model.GetTypeInfo(expression, ct).Type;
            if (type is null || !IsFormatted(type))
            {
                return null;
            }

            ExpressionSyntax receiver = expression.WithoutTrivia();
            if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax) &&
                !(receiver is LiteralExpressionSyntax))
            {
                receiver = SyntaxFactory.ParenthesizedExpression(receiver);
            }

            ExpressionSyntax formatted = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ToString")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(names.Invariant))))
                .WithTriviaFrom(expression);
            return Binds(expression, formatted, model, ct, m => m.Name == "ToString" && m.Parameters.Length == 1) ? formatted : null;
        }

        /// <summary><c>$"hp {hp}"</c> → <c>FormattableString.Invariant($"hp {hp}")</c>; <c>sb.Append($"...")</c> → <c>sb.Append(CultureInfo.InvariantCulture, $"...")</c>.</summary>
        private static CultureRewrite? Interpolation(InterpolationSyntax hole, SemanticModel model, Names names, CancellationToken ct)
        {
            if (hole.Parent is not InterpolatedStringExpressionSyntax interpolated)
            {
                return null;
            }

            IOperation? operation = model.GetOperation(interpolated, ct);
            if (operation?.Parent is IInterpolatedStringHandlerCreationOperation)
            {
                // the string is formatted by a handler of the method it is passed to: give that method the provider
                return interpolated.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
                    ? WithAddedArgument(invocation, model, names, ct, Added.Provider)
                    : null;
            }

            if (model.GetTypeInfo(interpolated, ct).ConvertedType?.SpecialType != SpecialType.System_String ||
                model.Compilation.GetTypeByMetadataName("System.FormattableString") is not { } formattable)
            {
                return null;
            }

            ExpressionSyntax invariant = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        FixHelpers.TypeName(names.Generator, formattable),
                        SyntaxFactory.IdentifierName("Invariant")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(interpolated.WithoutTrivia()))))
                .WithTriviaFrom(interpolated);
            return Binds(interpolated, invariant, model, ct, m => m.Name == "Invariant")
                ? new CultureRewrite(interpolated, invariant, "Format with FormattableString.Invariant")
                : null;
        }

        private static CultureRewrite? Property(ExpressionSyntax expression, IPropertySymbol property, SemanticModel model, Names names, CancellationToken ct)
        {
            if (expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression)
            {
                return null; // setting the culture: not a mechanical change
            }

            string type = property.ContainingType.OriginalDefinition.ToDisplayString();
            (ExpressionSyntax replacement, INamedTypeSymbol replacementType, string title)? change = (type, property.Name) switch
            {
                ("System.Globalization.CultureInfo", "CurrentCulture" or "CurrentUICulture") => (names.Invariant, names.CultureInfo, InvariantTitle),
                ("System.StringComparer", "CurrentCulture") => (names.Member(names.StringComparer, "Ordinal"), names.StringComparer, OrdinalTitle),
                ("System.StringComparer", "CurrentCultureIgnoreCase") => (names.Member(names.StringComparer, "OrdinalIgnoreCase"), names.StringComparer, OrdinalTitle),
                ("System.Collections.Generic.Comparer<T>", "Default") when property.ContainingType.TypeArguments[0].SpecialType == SpecialType.System_String =>
                    (names.Member(names.StringComparer, "Ordinal"), names.StringComparer, OrdinalTitle),
                _ => null,
            };

            if (change is not { } c)
            {
                return null;
            }

            // The replacement must fit where the value goes (a StringComparer is no Comparer<string>).
            ITypeSymbol? target = model.GetTypeInfo(expression, ct).ConvertedType;
            if (target is null || !model.Compilation.ClassifyConversion(c.replacementType, target).IsImplicit)
            {
                return null;
            }

            return new CultureRewrite(expression, c.replacement.WithTriviaFrom(expression), c.title);
        }
    }
}
