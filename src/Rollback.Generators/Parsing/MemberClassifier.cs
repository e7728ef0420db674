using Microsoft.CodeAnalysis;
using Rollback.Generators.Diagnostics;
using Rollback.Generators.Model;

namespace Rollback.Generators.Parsing
{
    /// <summary>Decides how a member type is encoded, or why it cannot be.</summary>
    internal sealed class MemberClassifier
    {
        private readonly INamedTypeSymbol? _stateAttribute;
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _owner;

        public MemberClassifier(INamedTypeSymbol? stateAttribute, Compilation compilation, INamedTypeSymbol owner)
        {
            _stateAttribute = stateAttribute;
            _compilation = compilation;
            _owner = owner;
        }

        /// <summary>The outcome: a kind and element type, or a diagnostic with its message arguments.</summary>
        public readonly struct Outcome
        {
            public Outcome(MemberKind kind, string element)
            {
                Kind = kind;
                Element = element;
                Error = null;
                Arguments = System.Array.Empty<string>();
            }

            public Outcome(DiagnosticDescriptor error, params string[] arguments)
            {
                Kind = default;
                Element = string.Empty;
                Error = error;
                Arguments = arguments;
            }

            public MemberKind Kind { get; }

            public string Element { get; }

            public DiagnosticDescriptor? Error { get; }

            public string[] Arguments { get; }
        }

        public bool IsState(ITypeSymbol type) => SymbolFacts.HasAttribute(type, _stateAttribute);

        public Outcome Classify(string member, ITypeSymbol type)
        {
            string display = SymbolFacts.Display(type);
            if (type.SpecialType == SpecialType.System_String)
            {
                return new Outcome(MemberKind.String, display);
            }

            string? forbidden = ForbiddenKind(type);
            if (forbidden is not null)
            {
                return new Outcome(DiagnosticDescriptors.UnsupportedMemberType, member, display, forbidden);
            }

            if (IsState(type))
            {
                return ClassifyStateElement(member, type, MemberKind.StateStruct, MemberKind.StateObject);
            }

            if (SymbolFacts.IsNullableValue(type, out ITypeSymbol underlying))
            {
                return underlying.IsUnmanagedType && !IsState(underlying)
                    ? new Outcome(MemberKind.Nullable, SymbolFacts.Display(underlying))
                    : new Outcome(DiagnosticDescriptors.UnsupportedMemberType, member, display, "a nullable of a type that is not unmanaged");
            }

            if (type is IArrayTypeSymbol array)
            {
                if (array.Rank != 1)
                {
                    return new Outcome(DiagnosticDescriptors.UnsupportedCollection, member, display);
                }

                return ClassifyElement(member, display, array.ElementType, MemberKind.UnmanagedArray, MemberKind.StateStructArray, MemberKind.StateObjectArray);
            }

            if (SymbolFacts.IsList(type, out ITypeSymbol element))
            {
                return ClassifyElement(member, display, element, MemberKind.UnmanagedList, MemberKind.StateStructList, MemberKind.StateObjectList);
            }

            if (type.IsUnmanagedType)
            {
                return new Outcome(MemberKind.Unmanaged, display);
            }

            if (SymbolFacts.IsCollection(type))
            {
                return new Outcome(DiagnosticDescriptors.UnsupportedCollection, member, display);
            }

            return new Outcome(DiagnosticDescriptors.NotAStateType, member, display);
        }

        private Outcome ClassifyElement(string member, string display, ITypeSymbol element, MemberKind unmanaged, MemberKind stateStruct, MemberKind stateObject)
        {
            if (IsState(element))
            {
                return ClassifyStateElement(member, element, stateStruct, stateObject);
            }

            if (element.IsUnmanagedType && ForbiddenKind(element) is null)
            {
                return new Outcome(unmanaged, SymbolFacts.Display(element));
            }

            return new Outcome(DiagnosticDescriptors.UnsupportedCollection, member, display);
        }

        private Outcome ClassifyStateElement(string member, ITypeSymbol type, MemberKind structKind, MemberKind classKind)
        {
            string display = SymbolFacts.Display(type);
            if (type.IsValueType)
            {
                return new Outcome(structKind, display);
            }

            if (type is INamedTypeSymbol named && !SymbolFacts.HasParameterlessConstructor(named, _compilation, _owner))
            {
                return new Outcome(DiagnosticDescriptors.NoParameterlessConstructor, member, display);
            }

            return new Outcome(classKind, display);
        }

        private static string? ForbiddenKind(ITypeSymbol type)
        {
            switch (type.TypeKind)
            {
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                    return "a pointer";
                case TypeKind.Delegate:
                    return "a delegate";
                case TypeKind.Interface:
                    return "an interface";
                case TypeKind.Dynamic:
                    return "dynamic";
                case TypeKind.TypeParameter:
                    return "a type parameter";
            }

            return type.SpecialType == SpecialType.System_Object ? "object" : null;
        }
    }
}
