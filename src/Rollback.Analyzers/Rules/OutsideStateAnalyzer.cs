using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>
    /// RB2010: state that lives outside the snapshot: fields of the <c>ISimulation</c> implementation, and of the
    /// objects it holds, written while stepping; <c>[RollbackIgnore]</c> members that are read, changed and
    /// written back (<c>Combo++</c>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OutsideStateAnalyzer : SimulationScopeAnalyzer
    {
        /// <summary>Diagnostic property naming what was flagged (see the <c>Kind*</c> values).</summary>
        public const string KindProperty = "Kind";

        /// <summary>A field of the simulation object (the code fix can move it into the state).</summary>
        public const string KindSimulationField = "SimulationField";

        /// <summary>A member of an object held by the simulation object.</summary>
        public const string KindHeldObject = "HeldObject";

        /// <summary>A <c>[RollbackIgnore]</c> member read, changed and written back.</summary>
        public const string KindIgnored = "Ignored";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.OutsideState);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var markers = SimulationMarkers.Create(compilation);
            return new Rule(markers, HeldObjects.Get(compilation, markers), compilation, options);
        }

        /// <summary>Where a written value lives: a field of the simulation object, of an object it holds, or a [RollbackIgnore] member.</summary>
        private enum RootKind
        {
            Simulation,
            Held,
            Ignored,
        }

        private sealed class Rule : SimulationRule
        {
            private static readonly ImmutableDictionary<string, string?> s_simulationField = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindSimulationField);
            private static readonly ImmutableDictionary<string, string?> s_heldObject = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindHeldObject);
            private static readonly ImmutableDictionary<string, string?> s_ignored = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindIgnored);

            private readonly SimulationMarkers _markers;
            private readonly HeldObjects _held;
            private readonly Compilation _compilation;
            private readonly AnalyzerOptions _options;
            private readonly ConcurrentDictionary<ScopeEntry, ScratchUse> _scratch = new ConcurrentDictionary<ScopeEntry, ScratchUse>();
            private readonly object _gate = new object();
            private HashSet<ISymbol>? _clearedEveryStep;

            public Rule(SimulationMarkers markers, HeldObjects held, Compilation compilation, AnalyzerOptions options)
            {
                _markers = markers;
                _held = held;
                _compilation = compilation;
                _options = options;
            }

            public override void AnalyzeOperation(OperationContext c)
            {
                if (c.Entry.Symbol.ContainingType is { } declaring && _markers.IsSimulationType(declaring) && IsConstructionOf(c.Entry, declaring))
                {
                    return; // the simulation object's constructor and initializers build it
                }

                switch (c.Operation)
                {
                    case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member:
                        AnalyzeMember(c, member);
                        break;
                    case IArrayElementReferenceOperation element when MutatingMembers.IsWritten(element):
                        if (Root(element.ArrayReference, out RootKind arrayKind) is { } arrayOwner && arrayKind != RootKind.Ignored && !IsConstructionOf(c.Entry, arrayOwner.ContainingType))
                        {
                            Report(c, element, s_heldObject, "Writing an element of " + DisplayOwner(arrayOwner) + " held by the simulation object");
                        }

                        break;
                    case IInvocationOperation { Instance: { } receiver } invocation when MutatingMembers.IsMutatingCall(invocation.TargetMethod):
                        AnalyzeMutatingCall(c, invocation, receiver);
                        break;
                    case IInvocationOperation { Instance: { } receiver } invocation when SkipConversions(receiver) is IFieldReferenceOperation { Field.IsReadOnly: false } or IArrayElementReferenceOperation &&
                                                                                        MutatingMembers.ChangesStruct(invocation.TargetMethod, c.CancellationToken):
                        AnalyzeStructCall(c, invocation, receiver);
                        break;
                }
            }

            /// <summary><c>_rng.NextInt(6)</c> on a struct field of the simulation object changes the field in place (a <c>DeterministicRandom</c> kept outside the state).</summary>
            private void AnalyzeStructCall(OperationContext c, IInvocationOperation invocation, IOperation receiver)
            {
                ISymbol? owner = Root(receiver, out RootKind kind);
                if (owner is null || IsConstructionOf(c.Entry, owner.ContainingType))
                {
                    return;
                }

                string name = invocation.TargetMethod.Name;
                if (kind == RootKind.Ignored)
                {
                    Report(c, receiver, s_ignored, "The [RollbackIgnore] member '" + MemberReferenceRule.Display(owner) + "' is changed in place by '" + name + "', so it is real state");
                }
                else
                {
                    // reported on the field (_rng), which is what moves into the state
                    Report(c, receiver, kind == RootKind.Simulation ? s_simulationField : s_heldObject, "'" + name + "' changes the struct " + DisplayOwner(owner) + " held by the simulation object in place");
                }
            }

            private void AnalyzeMutatingCall(OperationContext c, IInvocationOperation invocation, IOperation receiver)
            {
                ISymbol? owner = Root(receiver, out RootKind kind);
                if (owner is null || IsConstructionOf(c.Entry, owner.ContainingType))
                {
                    return;
                }

                string name = invocation.TargetMethod.Name;
                ScratchUse scratch = Scratch(c.Entry);
                if (kind == RootKind.Ignored)
                {
                    // Emptying an ignored collection resets it; filling it is fine when every step (or this body) empties it first.
                    if (name is "Clear" or "TrimExcess" or "EnsureCapacity" || ClearedEveryStep(c).Contains(owner) || scratch.ClearedBefore(owner, invocation))
                    {
                        return;
                    }

                    Report(c, invocation, s_ignored, "The [RollbackIgnore] collection '" + MemberReferenceRule.Display(owner) + "' is changed by '" + name + "' while stepping and is not emptied at the start of every step, so it carries values across rollbacks and is real state");
                    return;
                }

                // A scratch collection emptied and refilled in the same body holds nothing from one step to the next.
                if (name == "Clear" ? scratch.RefilledAfter(owner, invocation) : scratch.ClearedBefore(owner, invocation))
                {
                    return;
                }

                Report(c, invocation, s_heldObject, "'" + name + "' changes " + DisplayOwner(owner) + " held by the simulation object");
            }

            private void AnalyzeMember(OperationContext c, IMemberReferenceOperation reference)
            {
                ISymbol member = reference.Member;
                if (member.IsStatic || IsInNameOf(reference))
                {
                    return;
                }

                if (_markers.IsIgnored(member))
                {
                    if (MutatingMembers.IsReadModifyWritten(reference, member))
                    {
                        Report(c, reference.Parent!, s_ignored, "The [RollbackIgnore] member '" + MemberReferenceRule.Display(member) + "' is read, changed and written back, so it is real state");
                    }

                    return;
                }

                if (_markers.IsStateType(member.ContainingType))
                {
                    // A state object the simulation keeps in its own field is not the snapshot: counting in it (_shadow.Hp -= 1) is
                    // state a rollback does not rewind. Overwriting it from the state each step is a mirror, and is left alone.
                    if ((reference.Parent is ICompoundAssignmentOperation { Target: var target } && target == reference || reference.Parent is IIncrementOrDecrementOperation) &&
                        reference.Instance is { } held &&
                        Root(held, out RootKind heldKind) is { } keeper && heldKind != RootKind.Ignored && !IsConstructionOf(c.Entry, keeper.ContainingType))
                    {
                        Report(c, reference, s_heldObject, "'" + MemberReferenceRule.Display(member) + "' of the state object " + DisplayOwner(keeper) + " held by the simulation object is read, changed and written back while stepping");
                    }

                    return;
                }

                if (!MutatingMembers.IsWritten(reference) || IsConstructionOf(c.Entry, member.ContainingType))
                {
                    return;
                }

                if (IsSimulationField(reference))
                {
                    Report(c, reference, s_simulationField, "'" + MemberReferenceRule.Display(member) + "' is a field of the simulation object written while stepping");
                }
                else if (IsHeldField(reference, c.Entry))
                {
                    Report(c, reference, s_heldObject, "'" + MemberReferenceRule.Display(member) + "' is a field of an object the simulation object holds, written while stepping");
                }
                else if (reference.Instance is { } instance && Root(instance, out RootKind kind) is { } owner && !IsConstructionOf(c.Entry, owner.ContainingType))
                {
                    if (kind == RootKind.Ignored)
                    {
                        if (MutatingMembers.IsReadModifyWritten(reference, member))
                        {
                            Report(c, reference.Parent!, s_ignored, "'" + MemberReferenceRule.Display(member) + "' of the [RollbackIgnore] member '" + MemberReferenceRule.Display(owner) + "' is read, changed and written back, so it is real state");
                        }
                    }
                    else if (!(reference is IPropertyReferenceOperation { Property.IsIndexer: true } && Scratch(c.Entry).ClearedBefore(owner, reference)))
                    {
                        Report(c, reference, s_heldObject, "'" + MemberReferenceRule.Display(member) + "' of " + DisplayOwner(owner) + " held by the simulation object is written while stepping");
                    }
                }
            }

            /// <summary>A field or auto-property of the simulation object itself (<c>this._turn</c>).</summary>
            private bool IsSimulationField(IMemberReferenceOperation reference) =>
                IsThis(reference.Instance) &&
                reference.Member.ContainingType is { } type && (_markers.IsSimulationType(type) || _held.IsSimulationBase(type)) && !_markers.IsStateType(type);

            /// <summary>A field or auto-property of an object the simulation object holds, written by that object's own code (<c>this._runs</c> in a system).</summary>
            private bool IsHeldField(IMemberReferenceOperation reference, ScopeEntry? entry) =>
                IsThis(reference.Instance) && reference.Member is IFieldSymbol or IPropertySymbol { IsIndexer: false } && !reference.Member.ContainingType.IsValueType &&
                (_held.IsHeld(reference.Member.ContainingType) || (entry is not null && _held.IsHeld(entry.Symbol.ContainingType)));

            /// <summary><c>this</c>, written or implied, but not the object of an initializer (<c>new T { X = 1 }</c>, <c>c with { X = 1 }</c>).</summary>
            private static bool IsThis(IOperation? instance) =>
                instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

            /// <summary>
            /// The member at the root of the value (<c>_cache.Items[3]</c> → <c>_cache</c>): a field of the simulation object, a
            /// field of an object it holds reached through <c>this</c>, or a [RollbackIgnore] member; null when the value
            /// lives in the state, in a static, or in a local.
            /// </summary>
            private ISymbol? Root(IOperation operation, out RootKind kind)
            {
                kind = RootKind.Simulation;
                for (int depth = 0; depth < 16; depth++)
                {
                    operation = SkipConversions(operation);
                    switch (operation)
                    {
                        case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member:
                            if (member.Member.IsStatic)
                            {
                                return null;
                            }

                            if (_markers.IsIgnored(member.Member))
                            {
                                kind = RootKind.Ignored;
                                return member.Member;
                            }

                            if (_markers.IsStateType(member.Member.ContainingType))
                            {
                                return null;
                            }

                            if (IsSimulationField(member))
                            {
                                return member.Member;
                            }

                            if (IsHeldField(member, null))
                            {
                                kind = RootKind.Held;
                                return member.Member;
                            }

                            if (member.Instance is null)
                            {
                                return null;
                            }

                            operation = member.Instance;
                            break;
                        case IArrayElementReferenceOperation element:
                            operation = element.ArrayReference;
                            break;
                        case IParameterReferenceOperation parameter when IsHeldValue(parameter.Parameter.Type):
                            kind = RootKind.Held; // Helper.Bump(_stats): the helper writes the held object through its parameter
                            return parameter.Parameter;
                        case ILocalReferenceOperation local when IsHeldValue(local.Local.Type) && !IsCreatedHere(local.Local):
                            kind = RootKind.Held; // foreach (var system in _systems) system.Runs++;
                            return local.Local;
                        default:
                            return null;
                    }
                }

                return null;
            }

            private bool IsHeldValue(ITypeSymbol type) => type is INamedTypeSymbol { IsReferenceType: true } named && _held.IsHeld(named);

            /// <summary>Whether the local is declared with a new object (<c>var probe = new Stats();</c>): that one is not held.</summary>
            private static bool IsCreatedHere(ILocalSymbol local)
            {
                foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax })
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>How a message names the member or variable through which the object is held.</summary>
            private static string DisplayOwner(ISymbol owner) => owner switch
            {
                IParameterSymbol parameter => "the parameter '" + parameter.Name + "' (a " + parameter.Type.Name + ")",
                ILocalSymbol local => "the variable '" + local.Name + "' (a " + local.Type.Name + ")",
                _ => "'" + MemberReferenceRule.Display(owner) + "'",
            };

            /// <summary>The [RollbackIgnore] collections that a <c>Step</c> of the simulation object empties (<c>world.Hits.Clear()</c>).</summary>
            private HashSet<ISymbol> ClearedEveryStep(OperationContext c)
            {
                lock (_gate)
                {
                    if (_clearedEveryStep is not null)
                    {
                        return _clearedEveryStep;
                    }
                }

                var cleared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                SimulationScope scope = SimulationScope.Get(_compilation, _markers, _options, c.CancellationToken);
                foreach (INamedTypeSymbol type in _held.SimulationTypes)
                {
                    foreach (ISymbol member in type.GetMembers("Step"))
                    {
                        if (member is not IMethodSymbol { Parameters.Length: 2 } step || scope.Find(step) is not { } entry)
                        {
                            continue;
                        }

                        foreach (IOperation op in entry.Operations)
                        {
                            if (op is IInvocationOperation { TargetMethod.Name: "Clear", Instance: { } instance } clear && MutatingMembers.IsMutatingCall(clear.TargetMethod) &&
                                Root(instance, out RootKind kind) is { } root && kind == RootKind.Ignored)
                            {
                                cleared.Add(root);
                            }
                        }
                    }
                }

                lock (_gate)
                {
                    return _clearedEveryStep ??= cleared;
                }
            }

            private ScratchUse Scratch(ScopeEntry entry) => _scratch.GetOrAdd(entry, e => new ScratchUse(e, this));

            /// <summary>Where one body empties (<c>Clear</c>) and fills the collections it reaches through a root member.</summary>
            private sealed class ScratchUse
            {
                private readonly List<(ISymbol Root, SyntaxTree Tree, int Position)> _clears = new List<(ISymbol Root, SyntaxTree Tree, int Position)>();
                private readonly List<(ISymbol Root, SyntaxTree Tree, int Position)> _fills = new List<(ISymbol Root, SyntaxTree Tree, int Position)>();

                public ScratchUse(ScopeEntry entry, Rule rule)
                {
                    // foreach (var cell in _cells) cell.Clear(); empties every element of _cells
                    var loopRoots = new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default);
                    foreach (IOperation op in entry.Operations)
                    {
                        if (op is IForEachLoopOperation loop && rule.Root(loop.Collection, out _) is { } collection)
                        {
                            foreach (ILocalSymbol local in loop.Locals)
                            {
                                loopRoots[local] = collection;
                            }
                        }
                    }

                    foreach (IOperation op in entry.Operations)
                    {
                        IOperation? receiver = op switch
                        {
                            IInvocationOperation { Instance: { } instance } call when MutatingMembers.IsMutatingCall(call.TargetMethod) => instance,
                            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer when MutatingMembers.IsWritten(indexer) => instance,
                            _ => null,
                        };
                        if (receiver is null)
                        {
                            continue;
                        }

                        ISymbol? root = rule.Root(receiver, out _);
                        if (root is null && SkipConversions(receiver) is ILocalReferenceOperation local && loopRoots.TryGetValue(local.Local, out ISymbol? looped))
                        {
                            root = looped;
                        }

                        if (root is not null)
                        {
                            bool clear = op is IInvocationOperation { TargetMethod.Name: "Clear" };
                            (clear ? _clears : _fills).Add((root, op.Syntax.SyntaxTree, op.Syntax.SpanStart));
                        }
                    }
                }

                /// <summary>Whether the body empties the root's collection before <paramref name="at"/>.</summary>
                public bool ClearedBefore(ISymbol root, IOperation at) => Any(_clears, root, at, before: true);

                /// <summary>Whether the body fills the root's collection again after <paramref name="at"/> (a Clear).</summary>
                public bool RefilledAfter(ISymbol root, IOperation at) => Any(_fills, root, at, before: false);

                private static bool Any(List<(ISymbol Root, SyntaxTree Tree, int Position)> list, ISymbol root, IOperation at, bool before)
                {
                    foreach ((ISymbol r, SyntaxTree tree, int position) in list)
                    {
                        if (tree == at.Syntax.SyntaxTree && SymbolEqualityComparer.Default.Equals(r, root) &&
                            (before ? position < at.Syntax.SpanStart : position > at.Syntax.SpanStart))
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            /// <summary>Constructors and field initializers of a type build it: writing its own fields there is fine.</summary>
            private static bool IsConstructionOf(ScopeEntry entry, INamedTypeSymbol? type)
            {
                ISymbol symbol = entry.Symbol;
                bool construction = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } || symbol is IFieldSymbol || symbol is IPropertySymbol;
                if (!construction || type is null)
                {
                    return false;
                }

                for (INamedTypeSymbol? t = symbol.ContainingType; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type.OriginalDefinition))
                    {
                        return true; // a derived constructor sets the base's fields too
                    }
                }

                return false;
            }

            private static void Report(OperationContext c, IOperation at, ImmutableDictionary<string, string?> properties, string text) =>
                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OutsideState, at.Syntax.GetLocation(), properties, text, c.Entry.ChainSuffix));
        }
    }
}
