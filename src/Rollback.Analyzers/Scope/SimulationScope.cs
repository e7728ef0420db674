using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Rollback.Analyzers.Scope
{
    /// <summary>
    /// The simulation code of one compilation: the members declared as simulation code and every
    /// member of the same compilation they reach through calls, with the shortest call chain to each.
    /// Computed once per compilation and shared by every determinism analyzer.
    /// </summary>
    internal sealed class SimulationScope
    {
        private static readonly ConditionalWeakTable<Compilation, Holder> s_cache = new ConditionalWeakTable<Compilation, Holder>();

        private readonly Dictionary<ISymbol, ScopeEntry> _entries;

        private SimulationScope(Dictionary<ISymbol, ScopeEntry> entries)
        {
            _entries = entries;
        }

        /// <summary>Number of members in scope (declared and reached).</summary>
        public int Count => _entries.Count;

        /// <summary>
        /// The scope of <paramref name="compilation"/>, computed on first use and then shared by every
        /// analyzer of the same compilation.
        /// </summary>
        public static SimulationScope Get(Compilation compilation, SimulationMarkers markers, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            Holder holder = s_cache.GetValue(compilation, static _ => new Holder());
            SimulationScope? scope = Volatile.Read(ref holder.Scope);
            if (scope is not null)
            {
                return scope;
            }

            lock (holder)
            {
                if (holder.Scope is null)
                {
                    // A cancelled computation throws here and leaves nothing cached.
                    Volatile.Write(ref holder.Scope, Compute(compilation, markers, options, resolveCallsByName: true, cancellationToken));
                }

                return holder.Scope!;
            }
        }

        /// <summary>
        /// Computes the scope of <paramref name="compilation"/> afresh. With <paramref name="resolveCallsByName"/> false every
        /// body with a call into the project is bound; the scope must come out the same either way (tests compare the two).
        /// </summary>
        internal static SimulationScope Compute(Compilation compilation, SimulationMarkers markers, AnalyzerOptions options, bool resolveCallsByName, CancellationToken cancellationToken)
        {
            long start = Stopwatch.GetTimestamp();
            var builder = new Builder(compilation, markers, options, resolveCallsByName, cancellationToken);
            SimulationScope built = builder.Build();
            built.ResolvedBodies = builder.ResolvedBodies;
            Volatile.Write(ref s_lastFigures, built.Figures(Stopwatch.GetTimestamp() - start, builder.TriggerTicks, builder.BindTicks));
            return built;
        }

        /// <summary>Bodies in scope whose calls were resolved by name instead of binding them.</summary>
        internal int ResolvedBodies { get; private set; }

        /// <summary>Every member in scope (declared and reached).</summary>
        internal IEnumerable<ScopeEntry> Entries => _entries.Values;

        private static long[]? s_lastFigures;

        /// <summary>
        /// For the build-cost benchmark: members in scope, bodies bound, operations held and where the time went, of the
        /// last scope computed (only numbers are kept per compilation; the text is made when asked for).
        /// </summary>
        internal static string? LastDescription =>
            Volatile.Read(ref s_lastFigures) is { } f
                ? $"{f[0]} members in scope, {f[1]} bodies bound, {f[2]} operations; built in {Milliseconds(f[3]):F0} ms (trigger set {Milliseconds(f[4]):F0} ms, binding {Milliseconds(f[5]):F0} ms; {f[6]} bodies' calls resolved by name)"
                : null;

        private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        private long[] Figures(long totalTicks, long triggerTicks, long bindTicks)
        {
            long bound = 0;
            long operations = 0;
            foreach (ScopeEntry entry in _entries.Values)
            {
                if (!entry.Operations.IsEmpty)
                {
                    bound++;
                    operations += entry.Operations.Length;
                }
            }

            return new[] { _entries.Count, bound, operations, totalTicks, triggerTicks, bindTicks, ResolvedBodies };
        }

        /// <summary>The entry of a member, or null when it is not simulation code.</summary>
        public ScopeEntry? Find(ISymbol? symbol)
        {
            if (symbol is null)
            {
                return null;
            }

            return _entries.TryGetValue(Normalize(symbol), out ScopeEntry? entry) ? entry : null;
        }

        /// <summary>The key under which a member is stored: its original, unreduced definition.</summary>
        internal static ISymbol Normalize(ISymbol symbol)
        {
            if (symbol is IMethodSymbol method)
            {
                method = method.ReducedFrom ?? method;
                method = method.OriginalDefinition;
                method = method.PartialDefinitionPart ?? method;
                return method;
            }

            return symbol.OriginalDefinition;
        }

        private sealed class Holder
        {
            public SimulationScope? Scope;
        }

        private sealed class Builder
        {
            private readonly Compilation _compilation;
            private readonly SimulationMarkers _markers;
            private readonly AnalyzerOptions _options;
            private readonly CancellationToken _cancellationToken;
            private readonly Dictionary<SyntaxTree, bool> _generated = new Dictionary<SyntaxTree, bool>();
            private readonly HashSet<ISymbol> _staticInitialized = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private BodyTriggers? _triggers;
            private CallResolver? _resolver;
            private readonly List<int> _callWords = new List<int>();
            private readonly Dictionary<ISymbol, ScopeEntry> _entries = new Dictionary<ISymbol, ScopeEntry>(SymbolEqualityComparer.Default);
            private readonly Queue<ScopeEntry> _queue = new Queue<ScopeEntry>();
            private readonly Dictionary<SyntaxTree, SemanticModel> _models = new Dictionary<SyntaxTree, SemanticModel>();
            private readonly Dictionary<ISymbol, List<IMethodSymbol>> _implementations = new Dictionary<ISymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            private List<INamedTypeSymbol>? _sourceTypes;

            private readonly bool _resolveCallsByName;

            public Builder(Compilation compilation, SimulationMarkers markers, AnalyzerOptions options, bool resolveCallsByName, CancellationToken cancellationToken)
            {
                _resolveCallsByName = resolveCallsByName;
                _compilation = compilation;
                _markers = markers;
                _options = options;
                _cancellationToken = cancellationToken;
            }

            /// <summary>Stopwatch ticks spent building the trigger set (for the build-cost profile).</summary>
            public long TriggerTicks { get; private set; }

            /// <summary>Stopwatch ticks spent binding bodies (for the build-cost profile).</summary>
            public long BindTicks { get; private set; }

            /// <summary>Bodies whose calls were all resolved by name, so they were not bound.</summary>
            public int ResolvedBodies { get; private set; }

            public SimulationScope Build()
            {
                long start = Stopwatch.GetTimestamp();
                _triggers = BodyTriggers.Create(_compilation, SourceTypes(), _markers, _options, IsGenerated, _cancellationToken);
                TriggerTicks = Stopwatch.GetTimestamp() - start;
                _resolver = _resolveCallsByName ? new CallResolver(_compilation.Assembly, _cancellationToken) : null;
                foreach (INamedTypeSymbol type in SourceTypes())
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (type.TypeKind == TypeKind.Interface)
                    {
                        continue;
                    }

                    bool simulationType = _markers.IsSimulationType(type);
                    if (_markers.IsStateType(type) || simulationType || _markers.IsDeterministicType(type))
                    {
                        foreach (ISymbol member in type.GetMembers())
                        {
                            AddMember(member, null);
                        }

                        if (simulationType)
                        {
                            AddInheritedSimulationImplementations(type);
                        }
                    }
                    else
                    {
                        foreach (ISymbol member in type.GetMembers())
                        {
                            if (_markers.IsDeterministicMember(member))
                            {
                                AddMember(member, null);
                            }
                        }
                    }
                }

                while (_queue.Count > 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    Visit(_queue.Dequeue());
                }

                return new SimulationScope(_entries);
            }

            private void AddInheritedSimulationImplementations(INamedTypeSymbol type)
            {
                foreach (INamedTypeSymbol iface in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, _markers.SimulationInterface))
                    {
                        continue;
                    }

                    foreach (ISymbol member in iface.GetMembers())
                    {
                        if (type.FindImplementationForInterfaceMember(member) is IMethodSymbol impl && IsInCompilation(impl))
                        {
                            Add(impl, null);
                        }
                    }
                }
            }

            private void AddMember(ISymbol member, ScopeEntry? caller)
            {
                switch (member)
                {
                    case IMethodSymbol method:
                        Add(method, caller);
                        break;
                    case IPropertySymbol property:
                        ScopeEntry? entry = Add(property, caller);
                        if (property.GetMethod is not null)
                        {
                            Add(property.GetMethod, entry ?? caller);
                        }

                        if (property.SetMethod is not null)
                        {
                            Add(property.SetMethod, entry ?? caller);
                        }

                        break;
                    case IFieldSymbol field when !field.IsImplicitlyDeclared && !field.IsConst:
                        Add(field, caller);
                        break;
                    case IEventSymbol @event:
                        if (@event.AddMethod is not null)
                        {
                            Add(@event.AddMethod, caller);
                        }

                        if (@event.RemoveMethod is not null)
                        {
                            Add(@event.RemoveMethod, caller);
                        }

                        break;
                }
            }

            private ScopeEntry? Add(ISymbol symbol, ScopeEntry? caller)
            {
                ISymbol key = Normalize(symbol);
                if (_entries.ContainsKey(key))
                {
                    return null;
                }

                var entry = new ScopeEntry(key, caller);
                _entries.Add(key, entry);
                _queue.Enqueue(entry);
                return entry;
            }

            private void AddCallee(IMethodSymbol? method, ScopeEntry caller, bool virtualDispatch)
            {
                if (method is null)
                {
                    return;
                }

                method = (IMethodSymbol)Normalize(method);
                if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
                {
                    return; // part of the body that contains it
                }

                if (IsInCompilation(method))
                {
                    Add(method, caller);
                }

                if (virtualDispatch && IsInCompilation(method) &&
                    (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface))
                {
                    foreach (IMethodSymbol impl in Implementations(method))
                    {
                        Add(impl, caller);
                    }
                }
            }

            /// <summary>
            /// An object of the project handed to a library as one of the library's interfaces (<c>list.Sort(new ByLabel())</c>):
            /// the library calls the project's implementations of that interface back, inside the step.
            /// </summary>
            private void AddLibraryCallbacks(IConversionOperation conversion, ScopeEntry entry)
            {
                if (conversion.Type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } target || IsInCompilation(target) ||
                    conversion.Operand.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } source || !IsInCompilation(source))
                {
                    return;
                }

                foreach (INamedTypeSymbol iface in target.AllInterfaces.Add(target))
                {
                    foreach (ISymbol member in iface.GetMembers())
                    {
                        if (member is IMethodSymbol && source.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation && IsInCompilation(implementation))
                        {
                            AddCallee(implementation, entry, false);
                        }
                    }
                }
            }

            private bool IsInCompilation(ISymbol symbol) =>
                SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

            private void Visit(ScopeEntry entry)
            {
                switch (entry.Symbol)
                {
                    case IMethodSymbol method:
                        VisitMethod(method, entry);
                        break;
                    case IFieldSymbol field:
                        foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
                        {
                            if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer: { } init })
                            {
                                Walk(init, entry);
                            }
                        }

                        break;
                    case IPropertySymbol property:
                        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
                        {
                            if (reference.GetSyntax(_cancellationToken) is PropertyDeclarationSyntax { Initializer: { } init })
                            {
                                Walk(init, entry);
                            }
                        }

                        break;
                }
            }

            private void VisitMethod(IMethodSymbol method, ScopeEntry entry)
            {
                IMethodSymbol body = method.PartialImplementationPart ?? method;
                bool hasExplicitInitializer = false;
                foreach (SyntaxReference reference in body.DeclaringSyntaxReferences)
                {
                    SyntaxNode node = reference.GetSyntax(_cancellationToken);
                    if (node is ConstructorDeclarationSyntax { Initializer: not null })
                    {
                        hasExplicitInitializer = true;
                    }

                    if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax)
                    {
                        Walk(node, entry);
                    }
                }

                if (method.MethodKind == MethodKind.Constructor && method.ContainingType is { } type)
                {
                    // Instance field and property initializers run as part of every constructor that does
                    // not chain to this(...), and so does the base constructor.
                    foreach (ISymbol member in type.GetMembers())
                    {
                        if (member.IsStatic || !HasInitializer(member))
                        {
                            continue;
                        }

                        Add(member, entry);
                    }

                    if (!hasExplicitInitializer && type.BaseType is { } baseType && IsInCompilation(baseType))
                    {
                        foreach (IMethodSymbol ctor in baseType.InstanceConstructors)
                        {
                            if (ctor.Parameters.Length == 0)
                            {
                                Add(ctor, entry);
                            }
                        }
                    }
                }
            }

            private bool HasInitializer(ISymbol member)
            {
                foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
                {
                    SyntaxNode node = reference.GetSyntax(_cancellationToken);
                    if (node is VariableDeclaratorSyntax { Initializer: not null } || node is PropertyDeclarationSyntax { Initializer: not null })
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsGenerated(SyntaxTree tree)
            {
                if (!_generated.TryGetValue(tree, out bool generated))
                {
                    generated = GeneratedCode.IsGenerated(tree, _options);
                    _generated.Add(tree, generated);
                }

                return generated;
            }

            private void Walk(SyntaxNode node, ScopeEntry entry)
            {
                // Generated code is not reported, bodies with no token any rule or the call graph needs are not bound,
                // and neither are bodies whose only calls name lookup settles: that is most of what an analyzer on
                // operations would otherwise cost the build.
                if (IsGenerated(node.SyntaxTree))
                {
                    return;
                }

                BodyNeed need = _triggers!.Scan(node, _callWords);
                if (need == BodyNeed.None)
                {
                    return;
                }

                SemanticModel model = Model(node.SyntaxTree);
                if (need == BodyNeed.Calls && _resolver is not null && _resolver.TryResolve(node, model, _callWords) is { } calls)
                {
                    ResolvedBodies++;
                    foreach (CallResolver.Call call in calls)
                    {
                        AddCallee(call.Method, entry, call.IsVirtual);
                        AddStaticInitializationOf(call.StaticType, entry);
                    }

                    return;
                }

                long start = Stopwatch.GetTimestamp();
                IOperation? root = model.GetOperation(node, _cancellationToken);
                BindTicks += Stopwatch.GetTimestamp() - start;
                if (root is null)
                {
                    return;
                }

                var operations = ImmutableArray.CreateBuilder<IOperation>();
                foreach (IOperation op in root.DescendantsAndSelf())
                {
                    operations.Add(op);
                    switch (op)
                    {
                        case IInvocationOperation invocation:
                            AddCallee(invocation.TargetMethod, entry, invocation.IsVirtual);
                            AddStaticInitialization(invocation.TargetMethod, entry);
                            break;
                        case IObjectCreationOperation creation:
                            AddCallee(creation.Constructor, entry, false);
                            AddStaticInitialization(creation.Constructor, entry);
                            break;
                        case IMethodReferenceOperation reference:
                            AddCallee(reference.Method, entry, reference.IsVirtual);
                            break;
                        case IPropertyReferenceOperation property:
                            AddPropertyAccessors(property, entry);
                            AddStaticInitialization(property.Property, entry);
                            break;
                        case IFieldReferenceOperation field:
                            AddStaticInitialization(field.Field, entry);
                            break;
                        case IEventReferenceOperation ev:
                            AddStaticInitialization(ev.Event, entry);
                            break;
                        case IEventAssignmentOperation { EventReference: IEventReferenceOperation ev } assignment:
                            AddCallee(assignment.Adds ? ev.Event.AddMethod : ev.Event.RemoveMethod, entry, true);
                            break;
                        case IBinaryOperation binary:
                            AddCallee(binary.OperatorMethod, entry, false);
                            break;
                        case IUnaryOperation unary:
                            AddCallee(unary.OperatorMethod, entry, false);
                            break;
                        case IConversionOperation conversion:
                            AddCallee(conversion.OperatorMethod, entry, false);
                            AddLibraryCallbacks(conversion, entry);
                            break;
                        case ICompoundAssignmentOperation compound:
                            AddCallee(compound.OperatorMethod, entry, false);
                            break;
                        case IIncrementOrDecrementOperation increment:
                            AddCallee(increment.OperatorMethod, entry, false);
                            break;
                        case IForEachLoopOperation { Syntax: CommonForEachStatementSyntax forEach }:
                            ForEachStatementInfo info = model.GetForEachStatementInfo(forEach);
                            AddCallee(info.GetEnumeratorMethod, entry, true);
                            AddCallee(info.MoveNextMethod, entry, true);
                            AddCallee(info.CurrentProperty?.GetMethod, entry, true);
                            break;
                    }
                }

                entry.AddOperations(operations.ToImmutable());
            }

            /// <summary>
            /// Code that touches a static member of a type of the project, or creates one of its objects, runs its static
            /// constructor and static field initializers first: they are reached too.
            /// </summary>
            private void AddStaticInitialization(ISymbol? member, ScopeEntry caller) => AddStaticInitializationOf(member?.ContainingType, caller);

            private void AddStaticInitializationOf(INamedTypeSymbol? type, ScopeEntry caller)
            {
                type = type?.OriginalDefinition;
                if (type is null || !IsInCompilation(type) || !_staticInitialized.Add(type))
                {
                    return;
                }

                foreach (ISymbol candidate in type.GetMembers())
                {
                    if (!candidate.IsStatic)
                    {
                        continue;
                    }

                    if (candidate is IMethodSymbol { MethodKind: MethodKind.StaticConstructor } ||
                        (candidate is IFieldSymbol { IsConst: false } or IPropertySymbol && HasInitializer(candidate)))
                    {
                        Add(candidate, caller);
                    }
                }
            }

            private void AddPropertyAccessors(IPropertyReferenceOperation reference, ScopeEntry entry)
            {
                IPropertySymbol property = reference.Property;
                bool read = true;
                bool write = false;
                switch (reference.Parent)
                {
                    case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                        read = false;
                        write = true;
                        break;
                    case ICompoundAssignmentOperation compound when compound.Target == reference:
                    case IIncrementOrDecrementOperation:
                        write = true;
                        break;
                }

                // The public operation tree does not say whether "base.P" is non-virtual; assume dispatch.
                const bool isVirtual = true;
                if (read)
                {
                    AddCallee(property.GetMethod, entry, isVirtual);
                }

                if (write)
                {
                    AddCallee(property.SetMethod, entry, isVirtual);
                }
            }

            private SemanticModel Model(SyntaxTree tree)
            {
                if (!_models.TryGetValue(tree, out SemanticModel? model))
                {
                    // The scope spans every syntax tree the simulation reaches, so it cannot use the model of
                    // the tree being analyzed. The analyzer driver caches models per compilation, and this runs
                    // once per compilation (see Get), not per node.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
                    model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    _models.Add(tree, model);
                }

                return model;
            }

            private List<INamedTypeSymbol> SourceTypes()
            {
                if (_sourceTypes is null)
                {
                    var types = new List<INamedTypeSymbol>();
                    CollectTypes(_compilation.Assembly.GlobalNamespace, types);
                    types.Sort(CompareByLocation);
                    _sourceTypes = types;
                }

                return _sourceTypes;
            }

            private static int CompareByLocation(INamedTypeSymbol a, INamedTypeSymbol b)
            {
                Location la = a.Locations.Length > 0 ? a.Locations[0] : Location.None;
                Location lb = b.Locations.Length > 0 ? b.Locations[0] : Location.None;
                int byPath = string.CompareOrdinal(la.SourceTree?.FilePath, lb.SourceTree?.FilePath);
                return byPath != 0 ? byPath : la.SourceSpan.Start.CompareTo(lb.SourceSpan.Start);
            }

            private void CollectTypes(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> types)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                foreach (ISymbol member in container.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        CollectTypes(ns, types);
                    }
                    else if (member is INamedTypeSymbol type && type.Locations.Length > 0 && type.Locations[0].IsInSource)
                    {
                        types.Add(type);
                        CollectTypes(type, types);
                    }
                }
            }

            private List<IMethodSymbol> Implementations(IMethodSymbol method)
            {
                if (_implementations.TryGetValue(method, out List<IMethodSymbol>? found))
                {
                    return found;
                }

                found = new List<IMethodSymbol>();
                INamedTypeSymbol? declaring = method.ContainingType;
                if (declaring is not null)
                {
                    foreach (INamedTypeSymbol type in SourceTypes())
                    {
                        if (type.TypeKind == TypeKind.Interface)
                        {
                            continue;
                        }

                        if (declaring.TypeKind == TypeKind.Interface)
                        {
                            foreach (INamedTypeSymbol iface in type.AllInterfaces)
                            {
                                if (!SymbolEqualityComparer.Default.Equals(iface.OriginalDefinition, declaring))
                                {
                                    continue;
                                }

                                foreach (ISymbol member in iface.GetMembers(method.Name))
                                {
                                    if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, method) &&
                                        type.FindImplementationForInterfaceMember(member) is IMethodSymbol impl &&
                                        IsInCompilation(impl))
                                    {
                                        found.Add(impl);
                                    }
                                }
                            }
                        }
                        else
                        {
                            foreach (ISymbol member in type.GetMembers(method.Name))
                            {
                                if (member is IMethodSymbol { IsOverride: true } candidate && Overrides(candidate, method))
                                {
                                    found.Add(candidate);
                                }
                            }
                        }
                    }
                }

                _implementations.Add(method, found);
                return found;
            }

            private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
            {
                for (IMethodSymbol? m = candidate.OverriddenMethod; m is not null; m = m.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
