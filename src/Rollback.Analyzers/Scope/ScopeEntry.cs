using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Rollback.Analyzers.Scope
{
    /// <summary>
    /// One member that is simulation code: declared as such (<see cref="Caller"/> is null), or reached
    /// from declared simulation code through the call chain ending in <see cref="Caller"/>.
    /// </summary>
    internal sealed class ScopeEntry
    {
        private string? _chainSuffix;

        public ScopeEntry(ISymbol symbol, ScopeEntry? caller)
        {
            Symbol = symbol;
            Caller = caller;
        }

        /// <summary>The member: a method (accessors and constructors included), a field or a property.</summary>
        public ISymbol Symbol { get; }

        /// <summary>The member through which this one was first reached, or null for declared simulation code.</summary>
        public ScopeEntry? Caller { get; }

        /// <summary>
        /// Every operation of the member's body (lambdas and local functions included), in tree order; empty when the
        /// body is generated code or holds nothing any rule looks for (then it was never bound).
        /// </summary>
        public ImmutableArray<IOperation> Operations { get; private set; } = ImmutableArray<IOperation>.Empty;

        /// <summary>Adds the operations of one declaration of the body (partial members have several).</summary>
        internal void AddOperations(ImmutableArray<IOperation> operations) =>
            Operations = Operations.IsEmpty ? operations : Operations.AddRange(operations);

        /// <summary>Whether the member is declared simulation code (not only reached from it).</summary>
        public bool IsDeclared => Caller is null;

        /// <summary>
        /// The text appended to every diagnostic message: empty for declared simulation code, otherwise
        /// " (reached from simulation code via A.Step → B.Integrate)".
        /// </summary>
        public string ChainSuffix => _chainSuffix ??= BuildSuffix();

        /// <summary>The call chain from declared simulation code to this member, for example <c>Arena.Step → Physics.Integrate</c>.</summary>
        public string Chain
        {
            get
            {
                var names = new List<string>();
                for (ScopeEntry? e = this; e is not null; e = e.Caller)
                {
                    names.Add(Label(e.Symbol));
                }

                names.Reverse();
                return string.Join(" \u2192 ", names);
            }
        }

        private string BuildSuffix() => IsDeclared ? string.Empty : " (reached from simulation code via " + Chain + ")";

        /// <summary>A short human name of a member: <c>Type.Member</c>, <c>new Type</c> for constructors.</summary>
        public static string Label(ISymbol symbol)
        {
            string typeName = symbol.ContainingType?.Name ?? string.Empty;
            if (symbol is IMethodSymbol method)
            {
                switch (method.MethodKind)
                {
                    case MethodKind.Constructor:
                        return "new " + typeName;
                    case MethodKind.StaticConstructor:
                        return typeName + " static constructor";
                    case MethodKind.PropertyGet:
                    case MethodKind.PropertySet:
                    case MethodKind.EventAdd:
                    case MethodKind.EventRemove:
                        if (method.AssociatedSymbol is { } associated)
                        {
                            return Label(associated);
                        }

                        break;
                }

                string name = method.ExplicitInterfaceImplementations.Length > 0
                    ? method.ExplicitInterfaceImplementations[0].Name
                    : method.Name;
                return Join(typeName, name);
            }

            if (symbol is IPropertySymbol { IsIndexer: true })
            {
                return Join(typeName, "this[]");
            }

            return Join(typeName, symbol.Name);
        }

        private static string Join(string typeName, string member)
        {
            if (typeName.Length == 0)
            {
                return member;
            }

            var sb = new StringBuilder(typeName.Length + member.Length + 1);
            return sb.Append(typeName).Append('.').Append(member).ToString();
        }
    }
}
