using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Rollback.Analyzers.Rules
{
    /// <summary>
    /// A set of forbidden types and members, built once per compilation from resolved symbols, and
    /// matched against referenced members by symbol identity (never by name).
    /// </summary>
    internal sealed class ApiMatcher
    {
        private readonly HashSet<ISymbol> _members = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _exceptions = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _types = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>Whether nothing was resolved (the compilation references none of the APIs).</summary>
        public bool IsEmpty => _members.Count == 0 && _types.Count == 0;

        /// <summary>Forbids every member of the type and of types derived from it.</summary>
        public ApiMatcher AddType(INamedTypeSymbol? type)
        {
            if (type is not null)
            {
                _types.Add(type.OriginalDefinition);
            }

            return this;
        }

        /// <summary>Forbids every member (all overloads) of the type with one of the names.</summary>
        public ApiMatcher AddMembers(INamedTypeSymbol? type, params string[] names)
        {
            if (type is null)
            {
                return this;
            }

            foreach (string name in names)
            {
                foreach (ISymbol member in type.GetMembers(name))
                {
                    _members.Add(member.OriginalDefinition);
                }
            }

            return this;
        }

        /// <summary>Allows the named members of a type added with <see cref="AddType"/>.</summary>
        public ApiMatcher Except(INamedTypeSymbol? type, params string[] names)
        {
            if (type is null)
            {
                return this;
            }

            foreach (string name in names)
            {
                foreach (ISymbol member in type.GetMembers(name))
                {
                    _exceptions.Add(member.OriginalDefinition);
                }
            }

            return this;
        }

        /// <summary>Whether the referenced member (or constructor) is forbidden.</summary>
        public bool Matches(ISymbol member)
        {
            ISymbol definition = member.OriginalDefinition;
            if (_members.Contains(definition))
            {
                return true;
            }

            if (_types.Count == 0 || _exceptions.Contains(definition))
            {
                return false;
            }

            for (INamedTypeSymbol? type = definition.ContainingType; type is not null; type = type.BaseType)
            {
                if (_types.Contains(type.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
