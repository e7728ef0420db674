using Microsoft.CodeAnalysis;

namespace Rollback.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic the <c>[RollbackState]</c> generator reports. IDs are stable; each has a page
    /// under docs/diagnostics/. All are errors: a member the generator cannot snapshot is never
    /// skipped silently.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string Category = "RollbackState";
        private const string HelpBase = "https://github.com/rollback-dotnet/rollback/blob/main/docs/diagnostics/";

        public static readonly DiagnosticDescriptor NotPartial = Create(
            "RB1001",
            "[RollbackState] type must be partial",
            "'{0}' is marked [RollbackState] but is not partial: add the 'partial' modifier so the generator can add its snapshot code");

        public static readonly DiagnosticDescriptor ReadOnlyField = Create(
            "RB1002",
            "Readonly state field cannot be restored",
            "Field '{0}' is readonly, so a rollback cannot restore it: remove 'readonly', or mark it [RollbackIgnore] if it is a cache or derived value");

        public static readonly DiagnosticDescriptor GetOnlyProperty = Create(
            "RB1003",
            "Get-only or init-only auto-property cannot be restored",
            "Auto-property '{0}' has no setter, so a rollback cannot restore it: give it a setter ('{{ get; set; }}' or '{{ get; private set; }}'), or mark it [RollbackIgnore]");

        public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
            "RB1004",
            "Member type cannot be part of a snapshot",
            "Member '{0}' is of type '{1}' ({2}), which a snapshot cannot hold: keep only data in the state (unmanaged values, strings, arrays, lists and [RollbackState] types), or mark it [RollbackIgnore]");

        public static readonly DiagnosticDescriptor NotAStateType = Create(
            "RB1005",
            "Member type is not a [RollbackState] type",
            "Member '{0}' is of type '{1}', which holds references but is not marked [RollbackState]: mark '{1}' [RollbackState] (and partial), or mark the member [RollbackIgnore]");

        public static readonly DiagnosticDescriptor UnsupportedCollection = Create(
            "RB1006",
            "Collection type is not supported in a snapshot",
            "Member '{0}' is of type '{1}', a collection the generator does not support: use a one-dimensional array or a List<T> of unmanaged or [RollbackState] elements (for a dictionary, keep parallel sorted arrays)");

        public static readonly DiagnosticDescriptor ReservedMemberName = Create(
            "RB1007",
            "Member name collides with a generated counter",
            "Member '{0}' collides with the generated '{0}' counter: rename it (Frame, StepNum and Episode are generated and advanced by the runtime)");

        public static readonly DiagnosticDescriptor GenericState = Create(
            "RB1008",
            "Generic state types are not supported",
            "'{0}' is generic or nested in a generic type; [RollbackState] types must be non-generic: declare a closed, non-generic state type");

        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
            "RB1009",
            "Type containing a [RollbackState] type must be partial",
            "'{0}' contains the [RollbackState] type '{1}' but is not partial: add the 'partial' modifier to '{0}'");

        public static readonly DiagnosticDescriptor BaseNotState = Create(
            "RB1010",
            "Base class of a [RollbackState] class must be a [RollbackState] class",
            "'{0}' derives from '{1}', which is not [RollbackState], so its fields would be missing from snapshots: mark '{1}' [RollbackState] (and partial), or derive from object");

        public static readonly DiagnosticDescriptor NoParameterlessConstructor = Create(
            "RB1011",
            "Nested state class needs a parameterless constructor",
            "Member '{0}' holds '{1}', which has no accessible parameterless constructor, so a restore cannot create it when the snapshot needs a new instance: add a parameterless constructor to '{1}'");

        public static readonly DiagnosticDescriptor InvalidStateKind = Create(
            "RB1012",
            "[RollbackState] type kind is not supported",
            "'{0}' is a {1}; [RollbackState] applies to a mutable partial class or struct: {2}");

        private static DiagnosticDescriptor Create(string id, string title, string message) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                Category,
                DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                helpLinkUri: HelpBase + id + ".md");
    }
}
