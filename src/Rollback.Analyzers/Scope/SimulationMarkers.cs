using Microsoft.CodeAnalysis;

namespace Rollback.Analyzers.Scope
{
    /// <summary>
    /// The Rollback symbols that declare simulation code, resolved once per compilation.
    /// </summary>
    internal sealed class SimulationMarkers
    {
        public const string RollbackStateAttributeName = "Rollback.RollbackStateAttribute";
        public const string DeterministicAttributeName = "Rollback.DeterministicAttribute";
        public const string SimulationInterfaceName = "Rollback.ISimulation`2";
        public const string RollbackIgnoreAttributeName = "Rollback.RollbackIgnoreAttribute";

        private SimulationMarkers(INamedTypeSymbol? rollbackState, INamedTypeSymbol? deterministic, INamedTypeSymbol? simulation, INamedTypeSymbol? ignore)
        {
            RollbackIgnoreAttribute = ignore;
            RollbackStateAttribute = rollbackState;
            DeterministicAttribute = deterministic;
            SimulationInterface = simulation;
        }

        /// <summary><c>Rollback.RollbackStateAttribute</c>, when referenced.</summary>
        public INamedTypeSymbol? RollbackStateAttribute { get; }

        /// <summary><c>Rollback.DeterministicAttribute</c>, when referenced.</summary>
        public INamedTypeSymbol? DeterministicAttribute { get; }

        /// <summary><c>Rollback.RollbackIgnoreAttribute</c>, when referenced.</summary>
        public INamedTypeSymbol? RollbackIgnoreAttribute { get; }

        /// <summary>The open <c>Rollback.ISimulation&lt;TState, TInput&gt;</c>, when referenced.</summary>
        public INamedTypeSymbol? SimulationInterface { get; }

        /// <summary>Whether the compilation can declare simulation code at all.</summary>
        public bool CanDeclareSimulation =>
            RollbackStateAttribute is not null || DeterministicAttribute is not null || SimulationInterface is not null;

        public static SimulationMarkers Create(Compilation compilation) => new SimulationMarkers(
            compilation.GetTypeByMetadataName(RollbackStateAttributeName),
            compilation.GetTypeByMetadataName(DeterministicAttributeName),
            compilation.GetTypeByMetadataName(SimulationInterfaceName),
            compilation.GetTypeByMetadataName(RollbackIgnoreAttributeName));

        /// <summary>Whether the member is marked <c>[RollbackIgnore]</c> (excluded from the snapshot).</summary>
        public bool IsIgnored(ISymbol member) =>
            RollbackIgnoreAttribute is not null && HasAttribute(member, RollbackIgnoreAttribute);

        /// <summary>Whether <paramref name="type"/> is a <c>[RollbackState]</c> type.</summary>
        public bool IsStateType(ITypeSymbol? type) =>
            RollbackStateAttribute is not null && type is INamedTypeSymbol named && HasAttribute(named, RollbackStateAttribute);

        /// <summary>Whether <paramref name="type"/> implements <c>ISimulation&lt;,&gt;</c>.</summary>
        public bool IsSimulationType(INamedTypeSymbol type)
        {
            if (SimulationInterface is null)
            {
                return false;
            }

            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, SimulationInterface))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the type, or one of its base types, is marked <c>[Deterministic]</c>.</summary>
        public bool IsDeterministicType(INamedTypeSymbol type)
        {
            if (DeterministicAttribute is null)
            {
                return false;
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (HasAttribute(t, DeterministicAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the member itself is marked <c>[Deterministic]</c>.</summary>
        public bool IsDeterministicMember(ISymbol member) =>
            DeterministicAttribute is not null && HasAttribute(member, DeterministicAttribute);

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
        {
            foreach (AttributeData data in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
