using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>Finds the <c>[RollbackState]</c> type a fix moves things into, and the state in reach of a piece of code.</summary>
    internal static class StateLookup
    {
        /// <summary>The parameter of a [RollbackState] type of the method or local function around <paramref name="node"/>.</summary>
        public static IParameterSymbol? StateParameter(SyntaxNode node, SemanticModel model, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            foreach (SyntaxNode ancestor in node.Ancestors())
            {
                ParameterListSyntax? parameters = ancestor switch
                {
                    BaseMethodDeclarationSyntax method => method.ParameterList,
                    LocalFunctionStatementSyntax local => local.ParameterList,
                    _ => null,
                };

                if (parameters is null)
                {
                    continue;
                }

                foreach (ParameterSyntax parameter in parameters.Parameters)
                {
                    if (model.GetDeclaredSymbol(parameter, ct) is { } symbol && FixHelpers.IsStateType(symbol.Type, stateAttribute))
                    {
                        return symbol;
                    }
                }

                if (ancestor is BaseMethodDeclarationSyntax || (ancestor is LocalFunctionStatementSyntax function && function.Modifiers.Any(SyntaxKind.StaticKeyword)))
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The state type when <paramref name="node"/> is in an instance member of it (its fields are in reach by name).</summary>
        public static INamedTypeSymbol? EnclosingStateInstance(SyntaxNode node, SemanticModel model, INamedTypeSymbol? stateAttribute, CancellationToken ct)
        {
            MemberDeclarationSyntax? member = node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not TypeDeclarationSyntax);
            if (member is null || member.Modifiers.Any(SyntaxKind.StaticKeyword) || member.Parent is not TypeDeclarationSyntax type)
            {
                return null;
            }

            return model.GetDeclaredSymbol(type, ct) is { } symbol && FixHelpers.IsStateType(symbol, stateAttribute) ? symbol : null;
        }

        /// <summary>The <c>TState</c> of the <c>ISimulation&lt;TState, TInput&gt;</c> a type implements, when it is a [RollbackState] type.</summary>
        public static INamedTypeSymbol? SimulationState(INamedTypeSymbol type, INamedTypeSymbol? stateAttribute)
        {
            INamedTypeSymbol? state = null;
            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                if (iface.OriginalDefinition.ToDisplayString() == "Rollback.ISimulation<TState, TInput>" && iface.TypeArguments[0] is INamedTypeSymbol candidate &&
                    FixHelpers.IsStateType(candidate, stateAttribute))
                {
                    if (state is not null && !SymbolEqualityComparer.Default.Equals(state, candidate))
                    {
                        return null; // two simulations in one type: which state is meant is not mechanical
                    }

                    state = candidate;
                }
            }

            return state;
        }

        /// <summary>
        /// The declaration of the state type to add members to (the part carrying the attribute), in a document of
        /// <paramref name="solution"/>; null for a state type from another assembly.
        /// </summary>
        public static (DocumentId Document, TypeDeclarationSyntax Declaration)? StateDeclaration(INamedTypeSymbol state, Solution solution, CancellationToken ct)
        {
            SyntaxReference? reference = state.DeclaringSyntaxReferences
                .FirstOrDefault(r => r.GetSyntax(ct) is TypeDeclarationSyntax t && t.AttributeLists.Count > 0 && solution.GetDocument(r.SyntaxTree) is not null)
                ?? state.DeclaringSyntaxReferences.FirstOrDefault(r => solution.GetDocument(r.SyntaxTree) is not null);
            if (reference is null || solution.GetDocument(reference.SyntaxTree) is not { } document || reference.GetSyntax(ct) is not TypeDeclarationSyntax declaration)
            {
                return null;
            }

            return (document.Id, declaration);
        }

        /// <summary>
        /// Whether the state type has, or will have once the generator has run, a member of this name: its own members,
        /// and the members the generator adds (counters, snapshot and checksum methods), which a workspace that has not
        /// run the generator yet does not show.
        /// </summary>
        public static bool HasMember(INamedTypeSymbol state, string name) =>
            name is "Frame" or "StepNum" or "Episode" or "SnapshotSize" or "Save" or "Restore" or "Checksum" or "FirstDifference" or "Differences" ||
            state.GetMembers(name).Any();

        /// <summary><c>_rng</c> → <c>Rng</c>, <c>s_random</c> → <c>Random</c>, <c>m_turn</c> → <c>Turn</c>, <c>dice</c> → <c>Dice</c>.</summary>
        public static string MemberName(string name, string fallback)
        {
            string trimmed = name.StartsWith("s_", System.StringComparison.Ordinal) || name.StartsWith("m_", System.StringComparison.Ordinal)
                ? name.Substring(2)
                : name.TrimStart('_');
            if (trimmed.Length == 0)
            {
                trimmed = fallback;
            }

            return char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
        }

        /// <summary><c>public Type Name = value;</c>, formatted where it lands.</summary>
        public static FieldDeclarationSyntax PublicField(TypeSyntax type, string name, ExpressionSyntax? value)
        {
            VariableDeclaratorSyntax declarator = SyntaxFactory.VariableDeclarator(name);
            if (value is not null)
            {
                declarator = declarator.WithInitializer(SyntaxFactory.EqualsValueClause(value));
            }

            return SyntaxFactory.FieldDeclaration(SyntaxFactory.VariableDeclaration(type, SyntaxFactory.SingletonSeparatedList(declarator)))
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword)))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Removes a member or statement, and the blank line that separated it from the next one.</summary>
        public static void RemoveDeclaration(DocumentEditor editor, SyntaxNode toRemove)
        {
            SyntaxNode? next = toRemove.Parent?.ChildNodes().SkipWhile(n => n != toRemove).Skip(1).FirstOrDefault();
            editor.RemoveNode(toRemove, SyntaxRemoveOptions.KeepNoTrivia);
            if (next is not null && next.GetLeadingTrivia().FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia))
            {
                editor.ReplaceNode(next, (current, _) => current.WithLeadingTrivia(current.GetLeadingTrivia().RemoveAt(0)));
            }
        }

        /// <summary>
        /// Whether the [RollbackState] generator can snapshot a member of this type: primitives, enums, <c>decimal</c>,
        /// <c>string</c>, unmanaged structs (and nullables of them), [RollbackState] types, and one-dimensional arrays and
        /// <c>List&lt;T&gt;</c> of unmanaged or [RollbackState] types.
        /// </summary>
        public static bool IsSnapshottable(ITypeSymbol type, INamedTypeSymbol? stateAttribute)
        {
            if (type.SpecialType == SpecialType.System_String || IsElement(type, stateAttribute))
            {
                return true;
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return IsElement(array.ElementType, stateAttribute);
            }

            return type is INamedTypeSymbol { IsGenericType: true } named &&
                   named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>" &&
                   IsElement(named.TypeArguments[0], stateAttribute);
        }

        private static bool IsElement(ITypeSymbol type, INamedTypeSymbol? stateAttribute) =>
            (type.IsUnmanagedType && type.TypeKind is TypeKind.Struct or TypeKind.Enum) || FixHelpers.IsStateType(type, stateAttribute);
    }
}
