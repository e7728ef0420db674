using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>RB2007: reads and writes of mutable static fields and static auto-properties.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StaticStateAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.StaticState);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
            new Rule(HeldObjects.Get(compilation, SimulationMarkers.Create(compilation)));

        private sealed class Rule : SimulationRule
        {
            private readonly ConcurrentDictionary<IPropertySymbol, bool> _autoProperties = new ConcurrentDictionary<IPropertySymbol, bool>(SymbolEqualityComparer.Default);
            private readonly HeldObjects _held;

            public Rule(HeldObjects held)
            {
                _held = held;
            }

            public override void AnalyzeOperation(OperationContext c)
            {
                ScopeEntry entry = c.Entry;
                string? text = c.Operation switch
                {
                    IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false, IsReadOnly: false } field } => "Static field '" + MemberReferenceRule.Display(field) + "'",
                    IPropertyReferenceOperation { Property: { IsStatic: true } property } when IsMutableAutoProperty(property, c.CancellationToken) => "Static auto-property '" + MemberReferenceRule.Display(property) + "'",
                    IArrayElementReferenceOperation element when IsWrite(element) && SkipConversions(element.ArrayReference) is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } array } => "Writing an element of the static array '" + MemberReferenceRule.Display(array) + "'",
                    IInvocationOperation { Instance: { } receiver } invocation when MutatingMembers.IsMutatingCall(invocation.TargetMethod) && StaticReadOnlyRoot(receiver) is { } root =>
                        "The static readonly collection '" + MemberReferenceRule.Display(root) + "', changed here by '" + invocation.TargetMethod.Name + "',",
                    IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } receiver } indexer when IsWrite(indexer) && StaticReadOnlyRoot(receiver) is { } root =>
                        "The static readonly collection '" + MemberReferenceRule.Display(root) + "', written here through its indexer,",
                    IMemberReferenceOperation { Member: IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false, IsIndexer: false }, Instance: { } receiver } member when IsWrite(member) && StaticReadOnlyRoot(receiver) is { } root =>
                        "The object in the static readonly '" + MemberReferenceRule.Display(root) + "', whose '" + member.Member.Name + "' is written here,",
                    IMemberReferenceOperation { Member: IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false, IsIndexer: false }, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } own
                        when IsWrite(own) && IsStaticallyHeldCode(entry, own.Member.ContainingType) =>
                        "'" + MemberReferenceRule.Display(own.Member) + "' of an object held in a static (a singleton), written here by its own code,",
                    IInvocationOperation { Instance: IMemberReferenceOperation { Member: IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } owned } call
                        when MutatingMembers.IsMutatingCall(call.TargetMethod) && IsStaticallyHeldCode(entry, owned.Member.ContainingType) =>
                        "'" + MemberReferenceRule.Display(owned.Member) + "' of an object held in a static (a singleton), changed here by '" + call.TargetMethod.Name + "',",
                    IEventReferenceOperation { Event: { IsStatic: true } ev } reference => (reference.Parent is IEventAssignmentOperation ? "The static event '" + MemberReferenceRule.Display(ev) + "', subscribed to here," : "The static event '" + MemberReferenceRule.Display(ev) + "', raised here to handlers outside the state,"),
                    _ => null,
                };

                if (text is not null && !IsInNameOf(c.Operation) && !IsStaticInitializationOf(entry, c.Operation))
                {
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StaticState, c.Operation.Syntax.GetLocation(), text, entry.ChainSuffix));
                }
            }

            /// <summary>
            /// Whether the body belongs to a type whose objects a static field or property holds (<c>Services.Instance</c>),
            /// outside the constructors that build the object.
            /// </summary>
            private bool IsStaticallyHeldCode(ScopeEntry entry, INamedTypeSymbol? type)
            {
                ISymbol symbol = entry.Symbol;
                if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } || symbol is IFieldSymbol { IsStatic: false } || symbol is IPropertySymbol { IsStatic: false })
                {
                    return false; // the object's constructors and field initializers build it
                }

                return _held.IsStaticallyHeld(type) || _held.IsStaticallyHeld(symbol.ContainingType);
            }

            /// <summary>
            /// Whether the operation runs in the static constructor or a static field initializer of the type whose static
            /// member it touches: that fills the type's own tables once, before anything reads them (the code the
            /// initializer runs is checked for clocks, randomness ... by the other rules).
            /// </summary>
            private static bool IsStaticInitializationOf(ScopeEntry entry, IOperation operation)
            {
                bool staticInit = entry.Symbol is IMethodSymbol { MethodKind: MethodKind.StaticConstructor } || entry.Symbol is IFieldSymbol { IsStatic: true } || entry.Symbol is IPropertySymbol { IsStatic: true };
                if (!staticInit)
                {
                    return false;
                }

                ISymbol? touched = null;
                for (IOperation? op = operation; op is not null && touched is null;)
                {
                    switch (SkipConversions(op))
                    {
                        case IMemberReferenceOperation { Member.IsStatic: true } member:
                            touched = member.Member;
                            break;
                        case IMemberReferenceOperation { Instance: { } instance }:
                            op = instance;
                            break;
                        case IArrayElementReferenceOperation element:
                            op = element.ArrayReference;
                            break;
                        case IInvocationOperation { Instance: { } receiver }:
                            op = receiver;
                            break;
                        default:
                            op = null;
                            break;
                    }
                }

                return touched?.ContainingType is { } type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, entry.Symbol.ContainingType?.OriginalDefinition);
            }

            /// <summary>The static readonly field through which a value is reached (<c>s_cache.Items</c> → <c>s_cache</c>), or null.</summary>
            private static ISymbol? StaticReadOnlyRoot(IOperation operation)
            {
                for (int depth = 0; depth < 16; depth++)
                {
                    operation = SkipConversions(operation);
                    switch (operation)
                    {
                        case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                            return field.Type.IsValueType || field.Type.SpecialType == SpecialType.System_String ? null : field;
                        case IPropertyReferenceOperation { Property: { IsStatic: true, IsIndexer: false } property } when property.SetMethod is null or { IsInitOnly: true }:
                            // a static get-only property (Services.Instance, static List<int> Log { get; } = new()) hands out one shared object
                            return property.Type.IsValueType || property.Type.SpecialType == SpecialType.System_String ? null : property;
                        case IMemberReferenceOperation { Member: IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }, Instance: { } instance }:
                            operation = instance;
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

            private static bool IsWrite(IOperation operation) => operation.Parent switch
            {
                IAssignmentOperation assignment => assignment.Target == operation,
                IIncrementOrDecrementOperation => true,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
                _ => false,
            };

            private bool IsMutableAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
            {
                if (property.SetMethod is null || property.SetMethod.IsInitOnly)
                {
                    return false;
                }

                return _autoProperties.GetOrAdd(property.OriginalDefinition, p =>
                {
                    bool any = false;
                    foreach (SyntaxReference reference in p.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors })
                        {
                            return false;
                        }

                        foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
                        {
                            if (accessor.Body is not null || accessor.ExpressionBody is not null)
                            {
                                return false;
                            }
                        }

                        any = true;
                    }

                    return any;
                });
            }
        }
    }
}
