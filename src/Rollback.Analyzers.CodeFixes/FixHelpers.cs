using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>Equivalence keys shared by the code fixes.</summary>
    internal static class CodeFixKeys
    {
        /// <summary>Prefix of every equivalence key.</summary>
        public const string Prefix = "Rollback.";
    }

    /// <summary>Helpers shared by the determinism code fixes.</summary>
    internal static class FixHelpers
    {
        public const string Fixed64Name = "Rollback.Fixed64";
        public const string DeterministicRandomName = "Rollback.DeterministicRandom";
        public const string RollbackStateAttributeName = "Rollback.RollbackStateAttribute";

        /// <summary>A type name that simplifies to the short name and adds the using directive when needed.</summary>
        public static TypeSyntax TypeName(SyntaxGenerator generator, ITypeSymbol type) =>
            ((TypeSyntax)generator.TypeExpression(type)).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary>Whether the type is marked <c>[RollbackState]</c>.</summary>
        public static bool IsStateType(ITypeSymbol? type, INamedTypeSymbol? attribute) =>
            attribute is not null && type is not null &&
            type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

        public static bool IsFloatingType(ITypeSymbol? type) =>
            type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

        /// <summary>
        /// The <c>Fixed64</c> equivalent of a literal-like expression (<c>1.5f</c> → <c>Fixed64.Parse("1.5")</c>,
        /// <c>-2</c> → <c>Fixed64.FromInt(-2)</c>, <c>default</c> → <c>default</c>), or of an int expression
        /// when <paramref name="allowIntExpressions"/>; null when there is none.
        /// </summary>
        public static ExpressionSyntax? ToFixed64(ExpressionSyntax expression, SemanticModel model, TypeSyntax fixedType, bool allowIntExpressions, CancellationToken cancellationToken)
        {
            ExpressionSyntax inner = expression;
            while (inner is ParenthesizedExpressionSyntax parenthesized)
            {
                inner = parenthesized.Expression;
            }

            if (inner is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } || inner is DefaultExpressionSyntax)
            {
                return SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
            }

            string sign = string.Empty;
            ExpressionSyntax operand = inner;
            if (inner is PrefixUnaryExpressionSyntax unary && unary.IsKind(SyntaxKind.UnaryMinusExpression) || inner is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryPlusExpression })
            {
                var prefix = (PrefixUnaryExpressionSyntax)inner;
                sign = prefix.IsKind(SyntaxKind.UnaryMinusExpression) ? "-" : string.Empty;
                operand = prefix.Operand;
                while (operand is ParenthesizedExpressionSyntax p)
                {
                    operand = p.Expression;
                }
            }

            if (operand is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression))
            {
                string text = literal.Token.Text.Replace("_", string.Empty);
                if (text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase) || text.StartsWith("0b", System.StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                text = text.TrimEnd('f', 'F', 'd', 'D', 'm', 'M', 'u', 'U', 'l', 'L');
                bool integral = text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
                if (integral && int.TryParse(sign + text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value))
                {
                    return Call(fixedType, "FromInt", SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value)));
                }

                return Call(fixedType, "Parse", SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(sign + text)));
            }

            if (allowIntExpressions && model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_Int32)
            {
                return Call(fixedType, "FromInt", expression.WithoutTrivia());
            }

            return null;
        }

        private static InvocationExpressionSyntax Call(TypeSyntax type, string method, ExpressionSyntax argument) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
    }
}
