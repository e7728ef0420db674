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
        private readonly HashSet<ISymbol> _staticFieldTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
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

                foreach (ISymbol member in type.GetMembers())
                {
                    ITypeSymbol? staticType = member switch
                    {
                        IFieldSymbol { IsStatic: true, IsConst: false } field => field.Type,
                        IPropertySymbol { IsStatic: true } property => property.Type,
                        _ => null,
                    };

                    if (staticType is not null)
                    {
                        held.AddType(staticType, 0, held._staticFieldTypes);
                    }
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

        /// <summary>
        /// Whether objects of <paramref name="type"/> can be held in a static field or property of the project (a singleton
        /// such as <c>Services.Instance</c>), and are not already held by the simulation object.
        /// </summary>
        public bool IsStaticallyHeld(INamedTypeSymbol? type) =>
            type is not null && !_markers.IsStateType(type) && !_markers.IsSimulationType(type) && Matches(type.OriginalDefinition, _staticFieldTypes) &&
            !MatchesFieldType(type.OriginalDefinition);

        private bool MatchesFieldType(INamedTypeSymbol type) => Matches(type, _fieldTypes);

        private static bool Matches(INamedTypeSymbol type, HashSet<ISymbol> types)
        {
            if (types.Count == 0)
            {
                return false;
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (types.Contains(t.OriginalDefinition))
                {
                    return true;
                }
            }

            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                if (types.Contains(iface.OriginalDefinition))
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
                        AddType(field.Type, 0, _fieldTypes);
                    }
                }
            }
        }

        private void AddType(ITypeSymbol type, int depth, HashSet<ISymbol> into)
        {
            if (depth > 4)
            {
                return;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    AddType(array.ElementType, depth + 1, into);
                    break;
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Delegate && named.TypeKind != TypeKind.Enum:
                    if (named.IsReferenceType && IsInSource(named) && !_markers.IsStateType(named))
                    {
                        into.Add(named.OriginalDefinition);
                    }

                    foreach (ITypeSymbol argument in named.TypeArguments)
                    {
                        AddType(argument, depth + 1, into);
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
