using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Rollback.Analyzers.Rules
{
    /// <summary>What counts as changing an object: writes to its members and elements, and the mutating methods of collections.</summary>
    internal static class MutatingMembers
    {
        /// <summary>Methods of the framework's collections that change the collection.</summary>
        private static readonly HashSet<string> s_mutatingMethods = new HashSet<string>
        {
            "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear", "Insert", "InsertRange",
            "Push", "Pop", "Enqueue", "Dequeue", "TryAdd", "TryRemove", "TryDequeue", "TryPop", "TryTake", "TryUpdate", "AddOrUpdate",
            "GetOrAdd", "Sort", "Reverse", "AddFirst", "AddLast", "RemoveFirst", "RemoveLast", "UnionWith", "ExceptWith",
            "IntersectWith", "SymmetricExceptWith", "Set", "SetAll", "TrimExcess", "EnsureCapacity", "Append", "AppendLine",
            "AppendFormat", "Replace", "Fill", "CopyFrom", "MoveNext", "Reset",
        };

        /// <summary>
        /// Whether calling the method changes its receiver (a framework collection or builder). Immutable and frozen
        /// collections return a new collection instead (<c>ImmutableList&lt;int&gt;.Empty.Add(1)</c>); their builders do change.
        /// </summary>
        public static bool IsMutatingCall(IMethodSymbol method) =>
            !method.IsStatic && s_mutatingMethods.Contains(method.Name) && method.ContainingType is { } type &&
            type.ContainingNamespace?.ToDisplayString() is { } ns && (ns.StartsWith("System.Collections", System.StringComparison.Ordinal) || ns == "System.Text") &&
            !(ns is "System.Collections.Immutable" or "System.Collections.Frozen" && type.Name != "Builder");

        /// <summary>
        /// Whether calling the instance method of a struct changes the struct in place: a method that is not <c>readonly</c>
        /// (nor of a <c>readonly struct</c>); for a struct of the project, one whose body assigns one of its fields.
        /// </summary>
        public static bool ChangesStruct(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.IsReadOnly || method.ContainingType is not { IsValueType: true, IsReadOnly: false } type ||
                type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum || type.IsTupleType ||
                method.Name is "Equals" or "GetHashCode" or "ToString" or "CompareTo" or "Deconstruct" or "TryFormat")
            {
                return false; // value tuples and the object/IEquatable/IComparable members read only, marked readonly or not
            }

            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                return true; // a library struct's method that is not marked readonly
            }

            var fields = new HashSet<string>();
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false } field)
                {
                    fields.Add(field.AssociatedSymbol?.Name ?? field.Name);
                }
            }

            foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
            {
                foreach (SyntaxNode node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    ExpressionSyntax? target = node switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left,
                        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                        _ => null,
                    };

                    if (target is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } || target is ThisExpressionSyntax ||
                        (target is IdentifierNameSyntax identifier && fields.Contains(identifier.Identifier.ValueText)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether the operation is written: an assignment target, compound assignment, increment, or a ref/out argument.</summary>
        public static bool IsWritten(IOperation operation)
        {
            IOperation? parent = operation.Parent;
            switch (parent)
            {
                case IAssignmentOperation assignment:
                    return assignment.Target == operation;
                case IIncrementOrDecrementOperation:
                    return true;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether the operation is read, changed and written back (<c>x++</c>, <c>x += 1</c>, <c>x = x + 1</c>).</summary>
        public static bool IsReadModifyWritten(IOperation target, ISymbol member)
        {
            switch (target.Parent)
            {
                case IIncrementOrDecrementOperation:
                    return true;
                case ICompoundAssignmentOperation compound when compound.Target == target:
                    return true;
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == target:
                    return false;
                case ISimpleAssignmentOperation assignment when assignment.Target == target:
                    foreach (IOperation op in assignment.Value.DescendantsAndSelf())
                    {
                        if (op is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, member))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
