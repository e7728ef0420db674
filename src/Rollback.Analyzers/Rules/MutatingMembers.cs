using System.Collections.Generic;
using Microsoft.CodeAnalysis;
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
