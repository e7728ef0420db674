using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rollback.Analyzers.Scope
{
    /// <summary>
    /// Finds the calls of a body without binding it, when every call-graph word of the body (see
    /// <see cref="BodyTriggers.Scan"/>) is a plain call that name lookup alone settles: <c>Type.Method(...)</c> or
    /// <c>Type.Field</c> on a type of the project, or an unqualified <c>Method(...)</c>. A name is settled only when
    /// exactly one symbol answers to it where the member is declared, the member declares nothing of that name
    /// (parameters, locals, local functions, pattern and query variables), and the method has no overloads or
    /// same-named members in base types. Anything else (receivers, method groups, aliases, generic types, shadowing,
    /// overloads) returns false and the body is bound as usual, so the result is exact or not used at all.
    /// </summary>
    internal sealed class CallResolver
    {
        private readonly IAssemblySymbol _assembly;
        private readonly CancellationToken _cancellationToken;
        private readonly List<Call> _found = new List<Call>();

        public CallResolver(IAssemblySymbol assembly, CancellationToken cancellationToken)
        {
            _assembly = assembly;
            _cancellationToken = cancellationToken;
        }

        /// <summary>One resolved use: a method called (with whether the call dispatches virtually), or a type whose static initialization runs.</summary>
        public readonly struct Call
        {
            public Call(IMethodSymbol? method, bool isVirtual, INamedTypeSymbol? staticType)
            {
                Method = method;
                IsVirtual = isVirtual;
                StaticType = staticType;
            }

            public IMethodSymbol? Method { get; }

            public bool IsVirtual { get; }

            public INamedTypeSymbol? StaticType { get; }
        }

        /// <summary>
        /// Resolves the words at <paramref name="positions"/> of a method, accessor or expression body; on success the
        /// returned list holds every call and static initialization they make, otherwise null.
        /// </summary>
        public List<Call>? TryResolve(SyntaxNode body, SemanticModel model, IReadOnlyList<int> positions)
        {
            _found.Clear();
            if (body is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax) ||
                body.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
            {
                return null;
            }

            Dictionary<string, TypeSyntax?>? declared = null;
            foreach (int position in positions)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                SyntaxToken token = body.FindToken(position);
                if (!token.Span.Contains(position))
                {
                    continue; // the word is in a comment
                }

                if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.CharacterLiteralToken))
                {
                    continue; // the word is in a string
                }

                if (!token.IsKind(SyntaxKind.IdentifierToken) || token.SpanStart != position || token.Parent is not SimpleNameSyntax name)
                {
                    return null;
                }

                declared ??= DeclaredNames(member);
                if (!Resolve(name, member.SpanStart, model, declared))
                {
                    return null;
                }
            }

            return _found;
        }

        private bool Resolve(SimpleNameSyntax name, int lookupPosition, SemanticModel model, Dictionary<string, TypeSyntax?> declared)
        {
            switch (name.Parent)
            {
                // value.Member or value.Method(...) on a parameter or local of a written type
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Name == name &&
                                                              access.Expression is IdentifierNameSyntax receiver && declared.ContainsKey(receiver.Identifier.ValueText):
                    return ResolveInstanceAccess(declared[receiver.Identifier.ValueText], access, lookupPosition, model);

                // Type.Method(...) or Type.Field, seen from the type's name
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Expression == name:
                    return ResolveStaticAccess(name, access, lookupPosition, model, declared);

                // Type.Method(...), seen from the method's name
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Name == name && access.Expression is SimpleNameSyntax type:
                    return ResolveStaticAccess(type, access, lookupPosition, model, declared);

                // Method(...)
                case InvocationExpressionSyntax invocation when invocation.Expression == name:
                    return ResolveUnqualifiedCall(name, lookupPosition, model, declared);

                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>value.Name</c> where <c>value</c> is declared once in the member with a written, non-generic type: a field or
        /// property read when the type (with its bases) has no method of that name; a call when it has exactly one,
        /// non-virtual, in this project.
        /// </summary>
        private bool ResolveInstanceAccess(TypeSyntax? typeSyntax, MemberAccessExpressionSyntax access, int lookupPosition, SemanticModel model)
        {
            if (typeSyntax is not IdentifierNameSyntax typeName || typeName.IsVar ||
                Single(model.LookupSymbols(lookupPosition, name: typeName.Identifier.ValueText)) is not INamedTypeSymbol type ||
                type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return false;
            }

            string memberName = access.Name.Identifier.ValueText;
            IMethodSymbol? method = null;
            int methods = 0;
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                foreach (ISymbol member in t.GetMembers(memberName))
                {
                    if (member is IMethodSymbol m)
                    {
                        method = m;
                        methods++;
                    }
                }
            }

            bool invoked = access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access;
            if (!invoked)
            {
                return methods == 0; // a field or property (properties with bodies are bound for their own trigger)
            }

            if (methods != 1 || method is not { MethodKind: MethodKind.Ordinary, IsStatic: false, IsVirtual: false, IsAbstract: false, IsOverride: false } ||
                !IsInCompilation(method) || !ArityMatches(access.Name, method))
            {
                return false;
            }

            _found.Add(new Call(method, isVirtual: false, staticType: method.ContainingType));
            return true;
        }

        private bool ResolveStaticAccess(SimpleNameSyntax typeName, MemberAccessExpressionSyntax access, int lookupPosition, SemanticModel model, Dictionary<string, TypeSyntax?> declared)
        {
            if (typeName is not IdentifierNameSyntax || declared.ContainsKey(typeName.Identifier.ValueText) ||
                Single(model.LookupSymbols(lookupPosition, name: typeName.Identifier.ValueText)) is not INamedTypeSymbol type || !IsInCompilation(type))
            {
                return false;
            }

            string memberName = access.Name.Identifier.ValueText;
            if (Single(type.GetMembers(memberName)) is not { } member || DeclaredInBases(type, memberName))
            {
                return false;
            }

            bool invoked = access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true } method when invoked && ArityMatches(access.Name, method):
                    _found.Add(new Call(method, isVirtual: false, staticType: type));
                    return true;
                case IFieldSymbol { IsStatic: true } when !invoked:
                    _found.Add(new Call(null, isVirtual: false, staticType: type));
                    return true;
                default:
                    return false;
            }
        }

        private bool ResolveUnqualifiedCall(SimpleNameSyntax name, int lookupPosition, SemanticModel model, Dictionary<string, TypeSyntax?> declared)
        {
            string text = name.Identifier.ValueText;
            if (declared.ContainsKey(text) ||
                Single(model.LookupSymbols(lookupPosition, name: text)) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method ||
                !IsInCompilation(method) || !ArityMatches(name, method))
            {
                return false;
            }

            _found.Add(new Call(method, method.IsVirtual || method.IsAbstract || method.IsOverride, method.ContainingType));
            return true;
        }

        private static ISymbol? Single(ImmutableArray<ISymbol> symbols) => symbols.Length == 1 ? symbols[0] : null;

        private static bool ArityMatches(SimpleNameSyntax name, IMethodSymbol method) =>
            name is not GenericNameSyntax generic || generic.TypeArgumentList.Arguments.Count == method.Arity;

        private static bool DeclaredInBases(INamedTypeSymbol type, string memberName)
        {
            for (INamedTypeSymbol? b = type.BaseType; b is not null; b = b.BaseType)
            {
                if (!b.GetMembers(memberName).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsInCompilation(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _assembly);

        /// <summary>
        /// Every name the member declares inside itself (parameters, locals, local functions, pattern, loop, catch and query
        /// variables, type parameters), with its written type when it is declared exactly once with one, else null.
        /// </summary>
        private static Dictionary<string, TypeSyntax?> DeclaredNames(SyntaxNode member)
        {
            var names = new Dictionary<string, TypeSyntax?>(System.StringComparer.Ordinal);
            foreach (SyntaxNode node in member.DescendantNodes())
            {
                (SyntaxToken identifier, TypeSyntax? type) = node switch
                {
                    VariableDeclaratorSyntax v => (v.Identifier, (v.Parent as VariableDeclarationSyntax)?.Type),
                    ParameterSyntax p => (p.Identifier, p.Type),
                    SingleVariableDesignationSyntax d => (d.Identifier, null),
                    ForEachStatementSyntax f => (f.Identifier, f.Type),
                    LocalFunctionStatementSyntax l => (l.Identifier, null),
                    CatchDeclarationSyntax c => (c.Identifier, null),
                    FromClauseSyntax q => (q.Identifier, null),
                    LetClauseSyntax q => (q.Identifier, null),
                    JoinClauseSyntax q => (q.Identifier, null),
                    JoinIntoClauseSyntax q => (q.Identifier, null),
                    QueryContinuationSyntax q => (q.Identifier, null),
                    TypeParameterSyntax t => (t.Identifier, null),
                    _ => (default, null),
                };

                if (identifier.RawKind == 0)
                {
                    continue;
                }

                string name = identifier.ValueText;
                names[name] = names.ContainsKey(name) ? null : type;
            }

            return names;
        }
    }
}
