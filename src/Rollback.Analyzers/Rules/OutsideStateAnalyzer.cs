using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
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

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
            new Rule(SimulationMarkers.Create(compilation));

        private sealed class Rule : SimulationRule
        {
            private static readonly ImmutableDictionary<string, string?> s_simulationField = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindSimulationField);
            private static readonly ImmutableDictionary<string, string?> s_heldObject = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindHeldObject);
            private static readonly ImmutableDictionary<string, string?> s_ignored = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindIgnored);

            private readonly SimulationMarkers _markers;

            public Rule(SimulationMarkers markers)
            {
                _markers = markers;
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
                        if (HeldBySimulation(element.ArrayReference) is { } arrayOwner)
                        {
                            Report(c, element, s_heldObject, "Writing an element of '" + MemberReferenceRule.Display(arrayOwner) + "' held by the simulation object");
                        }

                        break;
                    case IInvocationOperation { Instance: { } receiver } invocation when MutatingMembers.IsMutatingCall(invocation.TargetMethod):
                        if (HeldBySimulation(receiver) is { } owner)
                        {
                            Report(c, invocation, s_heldObject, "'" + invocation.TargetMethod.Name + "' changes '" + MemberReferenceRule.Display(owner) + "' held by the simulation object");
                        }

                        break;
                }
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

                if (!MutatingMembers.IsWritten(reference) || _markers.IsStateType(member.ContainingType) || IsConstructionOf(c.Entry, member.ContainingType))
                {
                    return;
                }

                if (IsSimulationField(reference))
                {
                    Report(c, reference, s_simulationField, "'" + MemberReferenceRule.Display(member) + "' is a field of the simulation object written while stepping");
                }
                else if (reference.Instance is { } instance && HeldBySimulation(instance) is { } owner)
                {
                    Report(c, reference, s_heldObject, "'" + MemberReferenceRule.Display(member) + "' of '" + MemberReferenceRule.Display(owner) + "' held by the simulation object is written while stepping");
                }
            }

            /// <summary>A field or auto-property of the simulation object itself (<c>this._turn</c>).</summary>
            private bool IsSimulationField(IMemberReferenceOperation reference) =>
                reference.Instance is IInstanceReferenceOperation &&
                reference.Member.ContainingType is { } type && _markers.IsSimulationType(type) && !_markers.IsStateType(type);

            /// <summary>
            /// The field of the simulation object through which the value is reached (<c>_cache.Items[3]</c> → <c>_cache</c>),
            /// or null when the value is not held by the simulation object (or lives in the state).
            /// </summary>
            private ISymbol? HeldBySimulation(IOperation operation)
            {
                for (int depth = 0; depth < 16; depth++)
                {
                    operation = SkipConversions(operation);
                    switch (operation)
                    {
                        case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member:
                            if (member.Member.IsStatic || _markers.IsStateType(member.Member.ContainingType) || _markers.IsIgnored(member.Member))
                            {
                                return null;
                            }

                            if (IsSimulationField(member))
                            {
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
                        default:
                            return null;
                    }
                }

                return null;
            }

            /// <summary>Constructors and field initializers of a type build it: writing its own fields there is fine.</summary>
            private static bool IsConstructionOf(ScopeEntry entry, INamedTypeSymbol? type)
            {
                ISymbol symbol = entry.Symbol;
                bool construction = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } || symbol is IFieldSymbol || symbol is IPropertySymbol;
                return construction && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, type);
            }

            private static void Report(OperationContext c, IOperation at, ImmutableDictionary<string, string?> properties, string text) =>
                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OutsideState, at.Syntax.GetLocation(), properties, text, c.Entry.ChainSuffix));
        }
    }
}
