using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>
    /// The types of the project whose objects the simulation object holds: the types of its instance fields (array
    /// elements and type arguments included), then the types of the fields of those, and so on. A type is held when it,
    /// a base type or an interface it implements is one of them (a field typed <c>ISystem[]</c> holds every system).
    /// <c>[RollbackState]</c> types are the snapshot, never "held"; library types and structs (copied, not held) are not followed.
    /// Computed once per compilation from declarations only (no body is bound).
    /// </summary>
    internal sealed class HeldObjects
    {
        private static readonly ConditionalWeakTable<Compilation, HeldObjects> s_cache = new ConditionalWeakTable<Compilation, HeldObjects>();

        private readonly HashSet<ISymbol> _fieldTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _held = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly List<INamedTypeSymbol> _simulationTypes = new List<INamedTypeSymbol>();
        private readonly SimulationMarkers _markers;

        private HeldObjects(SimulationMarkers markers)
        {
            _markers = markers;
        }

        /// <summary>The types of the project that implement <c>ISimulation&lt;,&gt;</c>.</summary>
        public IReadOnlyList<INamedTypeSymbol> SimulationTypes => _simulationTypes;

        /// <summary>The held types of the compilation (computed on first use, then cached).</summary>
        public static HeldObjects Get(Compilation compilation, SimulationMarkers markers) =>
            s_cache.GetValue(compilation, c => Create(c, markers));

        private static HeldObjects Create(Compilation compilation, SimulationMarkers markers)
        {
            var held = new HeldObjects(markers);
            var types = new List<INamedTypeSymbol>();
            Collect(compilation.Assembly.GlobalNamespace, types);
            foreach (INamedTypeSymbol type in types)
            {
                if (markers.IsSimulationType(type) && !markers.IsStateType(type))
                {
                    held._simulationTypes.Add(type);
                    held.AddFieldTypes(type);
                }
            }

            bool changed = held._fieldTypes.Count > 0;
            while (changed)
            {
                changed = false;
                foreach (INamedTypeSymbol type in types)
                {
                    if (!held._held.Contains(type) && !markers.IsStateType(type) && !markers.IsSimulationType(type) && held.MatchesFieldType(type))
                    {
                        held._held.Add(type);
                        int before = held._fieldTypes.Count;
                        held.AddFieldTypes(type);
                        changed |= held._fieldTypes.Count != before;
                    }
                }
            }

            return held;
        }

        /// <summary>Whether <paramref name="type"/> is a base class of a simulation type of the project (its fields are the simulation object's).</summary>
        public bool IsSimulationBase(INamedTypeSymbol? type)
        {
            if (type is null || type.TypeKind != TypeKind.Class)
            {
                return false;
            }

            foreach (INamedTypeSymbol simulation in _simulationTypes)
            {
                for (INamedTypeSymbol? t = simulation.BaseType; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether objects of <paramref name="type"/> can be held by the simulation object (and so outlive a rollback).</summary>
        public bool IsHeld(INamedTypeSymbol? type) =>
            type is not null && !_markers.IsStateType(type) && !_markers.IsSimulationType(type) && MatchesFieldType(type.OriginalDefinition);

        private bool MatchesFieldType(INamedTypeSymbol type)
        {
            if (_fieldTypes.Count == 0)
            {
                return false;
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (_fieldTypes.Contains(t.OriginalDefinition))
                {
                    return true;
                }
            }

            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                if (_fieldTypes.Contains(iface.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private void AddFieldTypes(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t is not null && IsInSource(t); t = t.BaseType)
            {
                foreach (ISymbol member in t.GetMembers())
                {
                    if (member is IFieldSymbol { IsStatic: false, IsConst: false } field && !_markers.IsIgnored(field) &&
                        !(field.AssociatedSymbol is { } property && _markers.IsIgnored(property)))
                    {
                        AddType(field.Type, 0);
                    }
                }
            }
        }

        private void AddType(ITypeSymbol type, int depth)
        {
            if (depth > 4)
            {
                return;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    AddType(array.ElementType, depth + 1);
                    break;
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Delegate && named.TypeKind != TypeKind.Enum:
                    if (named.IsReferenceType && IsInSource(named) && !_markers.IsStateType(named))
                    {
                        _fieldTypes.Add(named.OriginalDefinition);
                    }

                    foreach (ITypeSymbol argument in named.TypeArguments)
                    {
                        AddType(argument, depth + 1);
                    }

                    break;
            }
        }

        private static bool IsInSource(INamedTypeSymbol type)
        {
            foreach (Location location in type.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private static void Collect(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> types)
        {
            if (container is INamespaceSymbol ns)
            {
                foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
                {
                    Collect(member, types);
                }

                return;
            }

            if (container is INamedTypeSymbol type)
            {
                types.Add(type);
                foreach (INamedTypeSymbol nested in type.GetTypeMembers())
                {
                    Collect(nested, types);
                }
            }
        }
    }
}
