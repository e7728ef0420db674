using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>
    /// RB2011: the result of <c>GetFields</c>, <c>GetProperties</c>, <c>GetMethods</c>, <c>GetMembers</c> and similar
    /// reflection APIs (which document no order) iterated, indexed, or read in order through LINQ, directly or
    /// through a local variable of the same body.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReflectionOrderAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.ReflectionOrder);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            Compilation c = compilation;
            string[] typeMembers =
            {
                "GetFields", "GetProperties", "GetMethods", "GetMembers", "GetEvents", "GetConstructors", "GetNestedTypes", "GetInterfaces",
                "GetDefaultMembers", "FindMembers", "FindInterfaces", "GetEnumNames", "GetGenericArguments",
            };
            var matcher = new ApiMatcher()
                .AddMembers(c.GetTypeByMetadataName("System.Type"), typeMembers)
                .AddMembers(c.GetTypeByMetadataName("System.Reflection.TypeInfo"), "DeclaredFields", "DeclaredProperties", "DeclaredMethods", "DeclaredMembers", "DeclaredEvents", "DeclaredConstructors", "DeclaredNestedTypes", "ImplementedInterfaces", "GetDeclaredMethods")
                .AddMembers(c.GetTypeByMetadataName("System.Reflection.RuntimeReflectionExtensions"), "GetRuntimeFields", "GetRuntimeProperties", "GetRuntimeMethods", "GetRuntimeEvents")
                .AddMembers(c.GetTypeByMetadataName("System.Reflection.Assembly"), "GetTypes", "GetExportedTypes", "ExportedTypes", "DefinedTypes", "GetForwardedTypes")
                .AddMembers(c.GetTypeByMetadataName("System.Reflection.Module"), "GetTypes", "GetFields", "GetMethods")
                .AddMembers(c.GetTypeByMetadataName("System.Reflection.MemberInfo"), "GetCustomAttributes", "CustomAttributes")
                .AddMembers(c.GetTypeByMetadataName("System.Reflection.CustomAttributeExtensions"), "GetCustomAttributes")
                .AddMembers(c.GetTypeByMetadataName("System.Attribute"), "GetCustomAttributes");
            return matcher.IsEmpty ? null : new Rule(matcher);
        }

        private sealed class Rule : SimulationRule
        {
            /// <summary>LINQ operators whose result does not depend on the order of the source.</summary>
            private static readonly HashSet<string> s_orderInsensitive = new HashSet<string>
            {
                "Count", "LongCount", "Any", "All", "Contains", "Sum", "Min", "Max", "ToDictionary", "ToHashSet", "ToLookup",
                "OrderBy", "OrderByDescending", "Order", "OrderDescending", "SingleOrDefault", "Single",
            };

            /// <summary>LINQ operators that keep the source order and pass it on.</summary>
            private static readonly HashSet<string> s_passThrough = new HashSet<string>
            {
                "Where", "Select", "SelectMany", "Cast", "OfType", "Distinct", "AsEnumerable", "Concat", "Append", "Prepend", "ToList", "ToArray",
            };

            private readonly ApiMatcher _matcher;

            public Rule(ApiMatcher matcher)
            {
                _matcher = matcher;
            }

            public override void AnalyzeOperation(OperationContext c)
            {
                ISymbol? member = c.Operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };

                if (member is null || !_matcher.Matches(member) || IsInNameOf(c.Operation))
                {
                    return;
                }

                if (IsConsumedInOrder(c.Operation, 0))
                {
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReflectionOrder, c.Operation.Syntax.GetLocation(), "'" + MemberReferenceRule.Display(member) + "'", c.Entry.ChainSuffix));
                }
            }

            /// <summary>Whether the sequence produced by <paramref name="value"/> is iterated, indexed or read in order.</summary>
            private bool IsConsumedInOrder(IOperation value, int depth)
            {
                if (depth > 4)
                {
                    return false;
                }

                IOperation current = value;
                while (current.Parent is IConversionOperation conversion)
                {
                    current = conversion;
                }

                switch (current.Parent)
                {
                    case IForEachLoopOperation loop when loop.Collection == current:
                        return true;
                    case IArrayElementReferenceOperation element when element.ArrayReference == current:
                        return true;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == current:
                        return true;
                    case IArgumentOperation { Parent: IInvocationOperation next } argument when next.TargetMethod.IsExtensionMethod && next.Arguments.Length > 0 && next.Arguments[0] == argument:
                        string name = next.TargetMethod.Name;
                        if (s_orderInsensitive.Contains(name))
                        {
                            return false;
                        }

                        return !s_passThrough.Contains(name) || IsConsumedInOrder(next, depth + 1);
                    case IInvocationOperation next when next.Instance == current:
                        // list.ForEach(...), array.CopyTo(...), list[0] through methods: order-dependent; Length/Count are properties.
                        return next.TargetMethod.Name is "ForEach" or "CopyTo" or "GetEnumerator" or "Find" or "FindIndex" or "IndexOf" or "ElementAt";
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return IsLocalConsumedInOrder(current, declarator.Symbol, depth);
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current:
                        return IsLocalConsumedInOrder(current, local.Local, depth);
                    default:
                        return false;
                }
            }

            private bool IsLocalConsumedInOrder(IOperation from, ILocalSymbol local, int depth)
            {
                IOperation root = from;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                foreach (IOperation op in root.DescendantsAndSelf())
                {
                    if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                        !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference) &&
                        IsConsumedInOrder(reference, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
