using System.Collections.Concurrent;
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
    /// RB2004: iterating hash-ordered collections whose key hash differs between processes, and
    /// calling hash functions that differ between processes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HashOrderAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.HashOrder);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) => new Rule(compilation);

        private sealed class Rule : SimulationRule
        {
            /// <summary>LINQ operators whose result does not depend on the order of the source.</summary>
            private static readonly HashSet<string> s_orderInsensitive = new HashSet<string>
            {
                "Count", "LongCount", "Any", "All", "Contains", "Sum", "Min", "Max", "Average", "Single", "SingleOrDefault",
                "ToDictionary", "ToHashSet", "ToLookup", "OrderBy", "OrderByDescending", "Order", "OrderDescending",
                "ToImmutableDictionary", "ToImmutableHashSet", "ToImmutableSortedDictionary", "ToImmutableSortedSet",
                "ToFrozenDictionary", "ToFrozenSet", "SetEquals", "MinBy", "MaxBy",
            };

            /// <summary>LINQ operators that keep the source order and pass it on to the next operator.</summary>
            private static readonly HashSet<string> s_passThrough = new HashSet<string>
            {
                "Where", "Select", "SelectMany", "Cast", "OfType", "Distinct", "DistinctBy", "AsEnumerable", "Union", "UnionBy",
                "Intersect", "IntersectBy", "Except", "ExceptBy", "Concat", "Append", "Prepend", "DefaultIfEmpty", "GroupBy",
            };

            private readonly INamedTypeSymbol _object;
            private readonly INamedTypeSymbol _string;
            private readonly IMethodSymbol? _objectGetHashCode;
            private readonly INamedTypeSymbol? _type;
            private readonly HashSet<ISymbol> _keyedCollections = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _setCollections = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _orderInsensitiveConsumers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _linqTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _lookupInterfaces = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly INamedTypeSymbol? _hashtable;
            private readonly ApiMatcher _hashFunctions;
            private readonly ConcurrentDictionary<ITypeSymbol, bool> _unstable = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

            public Rule(Compilation c)
            {
                _object = c.GetSpecialType(SpecialType.System_Object);
                _string = c.GetSpecialType(SpecialType.System_String);
                foreach (ISymbol member in _object.GetMembers("GetHashCode"))
                {
                    _objectGetHashCode = member as IMethodSymbol;
                }

                _type = c.GetTypeByMetadataName("System.Type");
                _hashtable = c.GetTypeByMetadataName("System.Collections.Hashtable");
                Add(_keyedCollections, c, "System.Collections.Generic.Dictionary`2", "System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Immutable.ImmutableDictionary`2",
                    "System.Collections.Frozen.FrozenDictionary`2");
                Add(_setCollections, c, "System.Collections.Generic.HashSet`1", "System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Frozen.FrozenSet`1");
                Add(_lookupInterfaces, c, "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.ISet`1",
                    "System.Collections.Generic.IReadOnlySet`1");
                Add(_linqTypes, c, "System.Linq.Enumerable", "System.Linq.ParallelEnumerable", "System.Linq.Queryable", "System.Collections.Immutable.ImmutableArray", "System.Collections.Immutable.ImmutableList");
                Add(_orderInsensitiveConsumers, c, "System.Collections.Generic.HashSet`1", "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.SortedSet`1",
                    "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedList`2", "System.Collections.Concurrent.ConcurrentDictionary`2",
                    "System.Collections.Immutable.ImmutableHashSet", "System.Collections.Immutable.ImmutableSortedSet", "System.Collections.Immutable.ImmutableDictionary",
                    "System.Collections.Immutable.ImmutableSortedDictionary", "System.Collections.Hashtable", "System.Collections.Frozen.FrozenDictionary",
                    "System.Collections.Frozen.FrozenSet", "System.Collections.Generic.CollectionExtensions");
                _hashFunctions = new ApiMatcher()
                    .AddMembers(c.GetTypeByMetadataName("System.Runtime.CompilerServices.RuntimeHelpers"), "GetHashCode")
                    .AddType(c.GetTypeByMetadataName("System.HashCode"));
            }

            private static void Add(HashSet<ISymbol> set, Compilation c, params string[] names)
            {
                foreach (string name in names)
                {
                    if (c.GetTypeByMetadataName(name) is { } type)
                    {
                        set.Add(type);
                    }
                }
            }

            public override void AnalyzeOperation(OperationContext c)
            {
                ScopeEntry entry = c.Entry;
                switch (c.Operation)
                {
                    case IForEachLoopOperation loop:
                        if (UnstableCollection(SkipConversions(loop.Collection).Type) is { } looped)
                        {
                            Report(c, loop.Collection, "Iterating " + looped + " with foreach", entry);
                        }

                        break;
                    case IInvocationOperation invocation:
                        AnalyzeInvocation(c, invocation, entry);
                        break;
                    case IObjectCreationOperation creation:
                        AnalyzeArguments(c, creation.Constructor, creation.Arguments, entry);
                        break;
                }
            }

            private static void Report(OperationContext context, IOperation at, string text, ScopeEntry entry) =>
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HashOrder, at.Syntax.GetLocation(), text, entry.ChainSuffix));

            private void AnalyzeInvocation(OperationContext context, IInvocationOperation invocation, ScopeEntry entry)
            {
                IMethodSymbol method = invocation.TargetMethod;
                if (_hashFunctions.Matches(method))
                {
                    Report(context, invocation, "'" + MemberReferenceRule.Display(method) + "'", entry);
                    return;
                }

                if (method.Name == "GetHashCode")
                {
                    ITypeSymbol? hashed = null;
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _string))
                    {
                        hashed = _string; // s.GetHashCode(StringComparison.Ordinal), string.GetHashCode(span, comparison): randomized too
                    }
                    else if (invocation.Instance is { } instance && method.Parameters.Length == 0)
                    {
                        hashed = SkipConversions(instance).Type;
                        if (hashed is ITypeParameterSymbol || hashed?.TypeKind == TypeKind.Interface)
                        {
                            hashed = SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, _objectGetHashCode) ? null : hashed;
                        }
                    }
                    else if (method.Parameters.Length == 1)
                    {
                        hashed = method.Parameters[0].Type; // EqualityComparer<T>.GetHashCode(T)
                    }

                    if (hashed is not null && (IsUnstableKey(hashed) || IsPerProcessHash(hashed)))
                    {
                        Report(context, invocation, "'GetHashCode' of " + hashed.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), entry);
                    }

                    return;
                }

                if (invocation.Instance is { } receiver && method.Name is "GetEnumerator" or "CopyTo" && UnstableCollection(SkipConversions(receiver).Type) is { } copied)
                {
                    Report(context, invocation, "'" + method.Name + "' on " + copied, entry);
                    return;
                }

                if (method.ContainingType is { } declaring && _linqTypes.Contains(declaring) && method.IsExtensionMethod && invocation.Arguments.Length > 0)
                {
                    if (UnstableCollection(SkipConversions(invocation.Arguments[0].Value).Type) is { } source && IsOrderDependent(invocation))
                    {
                        Report(context, invocation, "'" + method.Name + "' over " + source, entry);
                    }

                    return;
                }

                AnalyzeArguments(context, method, invocation.Arguments, entry);
            }

            /// <summary>Follows pass-through LINQ operators to the operator that consumes the sequence.</summary>
            private bool IsOrderDependent(IInvocationOperation invocation)
            {
                IInvocationOperation current = invocation;
                while (true)
                {
                    string name = current.TargetMethod.Name;
                    if (s_orderInsensitive.Contains(name))
                    {
                        return false;
                    }

                    if (!s_passThrough.Contains(name))
                    {
                        return true;
                    }

                    IOperation? parent = current.Parent;
                    while (parent is IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    if (parent is IArgumentOperation { Parent: IInvocationOperation next } argument &&
                        next.TargetMethod.IsExtensionMethod && next.Arguments.Length > 0 && next.Arguments[0] == argument &&
                        next.TargetMethod.ContainingType is { } type && _linqTypes.Contains(type))
                    {
                        current = next;
                        continue;
                    }

                    return true; // the sequence escapes in hash order
                }
            }

            private void AnalyzeArguments(OperationContext context, IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments, ScopeEntry entry)
            {
                if (method?.ContainingType is { } type && _orderInsensitiveConsumers.Contains(type.OriginalDefinition))
                {
                    return;
                }

                foreach (IArgumentOperation argument in arguments)
                {
                    // new List<string>(set), string.Join(",", dict.Keys), list.AddRange(set)
                    // a dictionary or set passed for lookups (IReadOnlyDictionary, ISet ...) is not read in order
                    if (argument.Value is IConversionOperation { IsImplicit: true, Type.TypeKind: TypeKind.Interface } conversion &&
                        !_lookupInterfaces.Contains(conversion.Type!.OriginalDefinition) &&
                        UnstableCollection(conversion.Operand.Type) is { } passed)
                    {
                        Report(context, argument, "Passing " + passed + " as a sequence", entry);
                    }
                }
            }

            /// <summary>The display name of a hash-ordered collection type whose key hash is unstable, or null.</summary>
            private string? UnstableCollection(ITypeSymbol? type)
            {
                if (type is not INamedTypeSymbol named)
                {
                    return null;
                }

                for (INamedTypeSymbol? t = named; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t, _hashtable))
                    {
                        return "a Hashtable";
                    }

                    INamedTypeSymbol definition = t.OriginalDefinition;
                    INamedTypeSymbol? owner = t;
                    if (t.ContainingType is { } containing && _keyedCollections.Contains(containing.OriginalDefinition))
                    {
                        owner = containing; // Dictionary<K,V>.KeyCollection / ValueCollection
                        definition = containing.OriginalDefinition;
                    }

                    if ((_keyedCollections.Contains(definition) || _setCollections.Contains(definition)) && owner.TypeArguments.Length > 0)
                    {
                        ITypeSymbol key = owner.TypeArguments[0];
                        return IsUnstableKey(key) ? "a " + owner.Name + " keyed by " + key.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : null;
                    }
                }

                return null;
            }

            /// <summary>
            /// Types whose own GetHashCode differs between processes or compilers whatever their members: value tuples
            /// (System.HashCode, seeded per process), record classes (the hash of EqualityContract, a Type) and anonymous
            /// types (a seed chosen by the compiler).
            /// </summary>
            private bool IsPerProcessHash(ITypeSymbol type)
            {
                if (type is not INamedTypeSymbol named)
                {
                    return false;
                }

                if (named.IsTupleType && named.IsValueType)
                {
                    return true;
                }

                if (named.IsAnonymousType)
                {
                    return true;
                }

                return named.IsRecord && named.IsReferenceType && FindGetHashCode(named) is { IsImplicitlyDeclared: true };
            }

            /// <summary>Whether the hash code of values of <paramref name="type"/> can differ between processes.</summary>
            public bool IsUnstableKey(ITypeSymbol type) => _unstable.GetOrAdd(type, t => ComputeUnstable(t, 0));

            private bool ComputeUnstable(ITypeSymbol type, int depth)
            {
                if (depth > 8)
                {
                    return false;
                }

                switch (type.SpecialType)
                {
                    case SpecialType.System_String:
                    case SpecialType.System_Object:
                        return true;
                    case SpecialType.None:
                        break;
                    default:
                        return false; // primitives, decimal, DateTime hash by value
                }

                switch (type)
                {
                    case ITypeParameterSymbol:
                    case IPointerTypeSymbol:
                    case IFunctionPointerTypeSymbol:
                        return false;
                    case IDynamicTypeSymbol:
                    case IArrayTypeSymbol:
                        return true; // identity hash
                    case INamedTypeSymbol named:
                        if (named.TypeKind is TypeKind.Enum or TypeKind.Interface or TypeKind.Delegate or TypeKind.Error)
                        {
                            return false;
                        }

                        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                        {
                            return ComputeUnstable(named.TypeArguments[0], depth + 1);
                        }

                        if (SymbolEqualityComparer.Default.Equals(named, _type))
                        {
                            return true;
                        }

                        if (named.IsTupleType)
                        {
                            foreach (IFieldSymbol element in named.TupleElements)
                            {
                                if (ComputeUnstable(element.Type, depth + 1))
                                {
                                    return true;
                                }
                            }

                            return false;
                        }

                        if (named.IsAnonymousType || named.ContainingNamespace is { Name: "System" } && named.Name == "Tuple")
                        {
                            return AnyMemberUnstable(named, depth);
                        }

                        IMethodSymbol? hash = FindGetHashCode(named);
                        if (hash is null)
                        {
                            // object.GetHashCode is per object; ValueType.GetHashCode hashes the fields.
                            return named.IsReferenceType || AnyMemberUnstable(named, depth);
                        }

                        if (hash.IsImplicitlyDeclared && named.IsRecord)
                        {
                            // synthesized: combines the members' hashes; a record class also hashes its EqualityContract (a Type)
                            return named.IsReferenceType || AnyMemberUnstable(named, depth);
                        }

                        return false; // an own GetHashCode is assumed to be stable
                }

                return false;
            }

            private IMethodSymbol? FindGetHashCode(INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
                {
                    foreach (ISymbol member in t.GetMembers("GetHashCode"))
                    {
                        if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 0 } method)
                        {
                            return method;
                        }
                    }
                }

                return null;
            }

            private bool AnyMemberUnstable(INamedTypeSymbol type, int depth)
            {
                if (type.TypeArguments.Length > 0 && type.ContainingNamespace is { Name: "System" } && type.Name == "Tuple")
                {
                    foreach (ITypeSymbol argument in type.TypeArguments)
                    {
                        if (ComputeUnstable(argument, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                foreach (ISymbol member in type.GetMembers())
                {
                    ITypeSymbol? memberType = member switch
                    {
                        IFieldSymbol { IsStatic: false, IsConst: false } field => field.Type,
                        IPropertySymbol { IsStatic: false } property when type.IsAnonymousType => property.Type,
                        _ => null,
                    };

                    if (memberType is not null && !SymbolEqualityComparer.Default.Equals(memberType, type) && ComputeUnstable(memberType, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
