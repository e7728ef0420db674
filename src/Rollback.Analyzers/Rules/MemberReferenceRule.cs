using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>
    /// A rule that forbids references to members (calls, property/field/event reads, method groups,
    /// constructions). A reference whose receiver is itself a forbidden reference is not reported
    /// again (<c>Stopwatch.StartNew().Elapsed</c> is one diagnostic).
    /// </summary>
    internal abstract class MemberReferenceRule : SimulationRule
    {
        protected MemberReferenceRule(DiagnosticDescriptor descriptor)
        {
            Descriptor = descriptor;
        }

        protected DiagnosticDescriptor Descriptor { get; }

        public override void AnalyzeOperation(OperationContext context) => AnalyzeReference(context, context.Entry);

        /// <summary>The text to report for a forbidden reference (used as message argument 0), or null when allowed.</summary>
        protected abstract string? Match(ISymbol member, IOperation operation);

        /// <summary>Extra message arguments placed between argument 0 and the chain suffix.</summary>
        protected virtual string[] ExtraArguments(ISymbol member) => System.Array.Empty<string>();

        /// <summary>The member an operation references, if it is a member reference.</summary>
        public static ISymbol? ReferencedMember(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            IEventReferenceOperation ev => ev.Event,
            IMethodReferenceOperation method => method.Method,
            _ => null,
        };

        /// <summary><c>Type.Member</c>, or <c>new Type</c> for a constructor.</summary>
        public static string Display(ISymbol member)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor)
            {
                return "new " + ctor.ContainingType.Name;
            }

            return member.ContainingType is null ? member.Name : member.ContainingType.Name + "." + member.Name;
        }

        private void AnalyzeReference(OperationContext context, ScopeEntry entry)
        {
            IOperation operation = context.Operation;
            ISymbol? member = ReferencedMember(operation);
            if (member is null)
            {
                return;
            }

            string? text = Match(member, operation);
            if (text is null || IsInNameOf(operation))
            {
                return;
            }

            IOperation? receiver = Receiver(operation);
            if (receiver is not null)
            {
                receiver = SkipConversions(receiver);
                if (ReferencedMember(receiver) is { } receiverMember && Match(receiverMember, receiver) is not null)
                {
                    return;
                }
            }

            string[] extra = ExtraArguments(member);
            object[] args = new object[extra.Length + 2];
            args[0] = text;
            for (int i = 0; i < extra.Length; i++)
            {
                args[i + 1] = extra[i];
            }

            args[args.Length - 1] = entry.ChainSuffix;
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), args));
        }

        private static IOperation? Receiver(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
            IMemberReferenceOperation reference => reference.Instance,
            _ => null,
        };
    }
}
