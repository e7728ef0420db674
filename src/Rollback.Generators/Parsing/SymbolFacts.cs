using System.Linq;
using Microsoft.CodeAnalysis;

namespace Rollback.Generators.Parsing
{
    /// <summary>Small questions about symbols, asked while building the model.</summary>
    internal static class SymbolFacts
    {
        public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static string Display(ITypeSymbol type) =>
            type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) =>
            attribute is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

        public static bool IsList(ITypeSymbol type, out ITypeSymbol element)
        {
            element = type;
            if (type is INamedTypeSymbol { IsGenericType: true } named &&
                named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>")
            {
                element = named.TypeArguments[0];
                return true;
            }

            return false;
        }

        public static bool IsNullableValue(ITypeSymbol type, out ITypeSymbol underlying)
        {
            underlying = type;
            if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                underlying = named.TypeArguments[0];
                return true;
            }

            return false;
        }

        public static bool IsCollection(ITypeSymbol type) =>
            type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

        public static string Keyword(INamedTypeSymbol type) =>
            type.IsRecord ? (type.IsValueType ? "record struct" : "record") :
            type.TypeKind == TypeKind.Interface ? "interface" :
            type.IsValueType ? "struct" : "class";

        public static bool HasParameterlessConstructor(INamedTypeSymbol type, Compilation compilation, ISymbol within) =>
            !type.IsAbstract && type.InstanceConstructors.Any(c =>
                c.Parameters.Length == 0 && compilation.IsSymbolAccessibleWithin(c, within as INamedTypeSymbol ?? type));
    }
}
