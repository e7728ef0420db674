using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers.Rules
{
    /// <summary>RB2008: formatting, parsing, comparing and sorting text with the current culture.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CultureAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Culture);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) => new Rule(compilation);

        private sealed class Rule : SimulationRule
        {
            private static readonly HashSet<string> s_orderingMethods = new HashSet<string>
            {
                "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending", "Min", "Max", "MinBy", "MaxBy",
            };

            private static readonly HashSet<string> s_cultureStringMethods = new HashSet<string>
            {
                "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "CompareTo", "Compare", "ToUpper", "ToLower",
            };

            private readonly INamedTypeSymbol _string;
            private readonly INamedTypeSymbol? _formatProvider;
            private readonly INamedTypeSymbol? _stringComparison;
            private readonly INamedTypeSymbol? _cultureInfo;
            private readonly INamedTypeSymbol? _comparerOfT;
            private readonly INamedTypeSymbol? _icomparerOfT;
            private readonly INamedTypeSymbol? _icomparer;
            private readonly INamedTypeSymbol? _convert;
            private readonly INamedTypeSymbol _char;
            private readonly INamedTypeSymbol? _stringBuilder;
            private readonly HashSet<ISymbol> _linqTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _sortedCollections = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _sortMethods = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _cultureTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly ApiMatcher _currentCulture;

            public Rule(Compilation c)
            {
                _string = c.GetSpecialType(SpecialType.System_String);
                _char = c.GetSpecialType(SpecialType.System_Char);
                _stringBuilder = c.GetTypeByMetadataName("System.Text.StringBuilder");
                _formatProvider = c.GetTypeByMetadataName("System.IFormatProvider");
                _stringComparison = c.GetTypeByMetadataName("System.StringComparison");
                _cultureInfo = c.GetTypeByMetadataName("System.Globalization.CultureInfo");
                _comparerOfT = c.GetTypeByMetadataName("System.Collections.Generic.Comparer`1");
                _icomparerOfT = c.GetTypeByMetadataName("System.Collections.Generic.IComparer`1");
                _icomparer = c.GetTypeByMetadataName("System.Collections.IComparer");
                _convert = c.GetTypeByMetadataName("System.Convert");
                AddAll(_linqTypes, c, "System.Linq.Enumerable", "System.Linq.Queryable", "System.Linq.ParallelEnumerable");
                AddAll(_sortedCollections, c, "System.Collections.Generic.SortedSet`1", "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedList`2");
                foreach (string name in new[] { "System.Collections.Generic.List`1", "System.Array", "System.Collections.Immutable.ImmutableArray`1", "System.MemoryExtensions" })
                {
                    if (c.GetTypeByMetadataName(name) is { } type)
                    {
                        foreach (string sortName in new[] { "Sort", "BinarySearch" })
                        {
                            foreach (ISymbol sort in type.GetMembers(sortName))
                            {
                                _sortMethods.Add(sort.OriginalDefinition);
                            }
                        }
                    }
                }

                foreach (SpecialType special in new[]
                {
                    SpecialType.System_SByte, SpecialType.System_Byte, SpecialType.System_Int16, SpecialType.System_UInt16,
                    SpecialType.System_Int32, SpecialType.System_UInt32, SpecialType.System_Int64, SpecialType.System_UInt64,
                    SpecialType.System_Single, SpecialType.System_Double, SpecialType.System_Decimal, SpecialType.System_DateTime,
                })
                {
                    _cultureTypes.Add(c.GetSpecialType(special));
                }

                AddAll(_cultureTypes, c, "System.Half", "System.Int128", "System.UInt128", "System.Numerics.BigInteger", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly");
                _currentCulture = new ApiMatcher()
                    .AddMembers(_cultureInfo, "CurrentCulture", "CurrentUICulture")
                    .AddMembers(c.GetTypeByMetadataName("System.StringComparer"), "CurrentCulture", "CurrentCultureIgnoreCase")
                    .AddMembers(c.GetTypeByMetadataName("System.Threading.Thread"), "CurrentCulture", "CurrentUICulture")
                    .AddMembers(_stringComparison, "CurrentCulture", "CurrentCultureIgnoreCase");
            }

            private static void AddAll(HashSet<ISymbol> set, Compilation c, params string[] names)
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
                foreach ((IOperation at, string text) in Findings(c.Operation))
                {
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Culture, at.Syntax.GetLocation(), text, entry.ChainSuffix));
                }
            }

            private IEnumerable<(IOperation At, string Text)> Findings(IOperation operation)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        string? text = CheckInvocation(invocation);
                        if (text is not null)
                        {
                            yield return (invocation, text);
                        }

                        break;

                    case IObjectCreationOperation { Constructor: { } ctor } creation
                        when _sortedCollections.Contains(ctor.ContainingType.OriginalDefinition) &&
                             ctor.ContainingType.TypeArguments.Length > 0 &&
                             IsString(ctor.ContainingType.TypeArguments[0]) && !HasParameterOf(ctor, IsComparer):
                        yield return (creation, "'new " + ctor.ContainingType.Name + "<string>' without a comparer");
                        break;

                    case IPropertyReferenceOperation property when _currentCulture.Matches(property.Property):
                        yield return (property, "'" + MemberReferenceRule.Display(property.Property) + "'");
                        break;

                    case IFieldReferenceOperation field when _currentCulture.Matches(field.Field):
                        yield return (field, "'" + MemberReferenceRule.Display(field.Field) + "'"); // StringComparison.CurrentCulture
                        break;

                    case IPropertyReferenceOperation { Property: { Name: "Default", ContainingType: { } comparer } } property
                        when SymbolEqualityComparer.Default.Equals(comparer.OriginalDefinition, _comparerOfT) && IsString(comparer.TypeArguments[0]):
                        yield return (property, "'Comparer<string>.Default'");
                        break;

                    case IInterpolatedStringOperation interpolated when IsString(interpolated.Type) && interpolated.Parent is not IInterpolatedStringHandlerCreationOperation && !(interpolated.Parent is IConversionOperation conversion && !IsString(conversion.Type)):
                        foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                        {
                            if (part is IInterpolationOperation hole && IsCultureSensitive(SkipConversions(hole.Expression).Type) && !IsCultureFreeFormat(SkipConversions(hole.Expression).Type, hole.FormatString))
                            {
                                yield return (hole, "Interpolating a " + SkipConversions(hole.Expression).Type!.Name + " into a string");
                            }
                        }

                        break;

                    case IInterpolatedStringOperation interpolated when interpolated.Parent is IInterpolatedStringHandlerCreationOperation handler && !HandlerHasProvider(handler):
                        // sb.Append($"hp {hp}"), sb.AppendLine($"..."): the handler formats with the builder's culture (the current one)
                        foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                        {
                            if (part is IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation { Arguments.Length: > 0 } append } &&
                                IsCultureSensitive(SkipConversions(append.Arguments[0].Value).Type))
                            {
                                IOperation value = SkipConversions(append.Arguments[0].Value);
                                yield return (value, "Interpolating a " + value.Type!.Name + " into a string");
                            }
                            else if (part is IInterpolationOperation hole && IsCultureSensitive(SkipConversions(hole.Expression).Type))
                            {
                                yield return (hole, "Interpolating a " + SkipConversions(hole.Expression).Type!.Name + " into a string");
                            }
                        }

                        break;

                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound when IsString(compound.Target.Type) && IsCultureSensitive(SkipConversions(compound.Value).Type):
                        yield return (compound.Value, "Appending a " + SkipConversions(compound.Value).Type!.Name + " to a string");
                        break;

                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when IsString(binary.Type):
                        foreach (IOperation operand in new[] { binary.LeftOperand, binary.RightOperand })
                        {
                            ITypeSymbol? type = SkipConversions(operand).Type;
                            if (IsCultureSensitive(type))
                            {
                                yield return (operand, "Concatenating a " + type!.Name + " into a string");
                            }
                        }

                        break;
                }
            }

            /// <summary>Whether the call that receives an interpolated string handler also receives a format provider.</summary>
            private bool HandlerHasProvider(IInterpolatedStringHandlerCreationOperation handler)
            {
                IOperation? parent = handler.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is IArgumentOperation { Parent: IInvocationOperation invocation })
                {
                    return HasParameterOf(invocation.TargetMethod, IsFormatProvider);
                }

                return true; // a handler of the user's own: its culture is its business
            }

            private string? CheckInvocation(IInvocationOperation invocation)
            {
                IMethodSymbol method = invocation.TargetMethod;
                INamedTypeSymbol? type = method.ContainingType;
                if (type is null)
                {
                    return null;
                }

                string name = method.Name;

                // x.ToString(), x.ToString("N2"), int.Parse(s), double.TryParse(s, out d)
                if (_cultureTypes.Contains(type.OriginalDefinition))
                {
                    if ((name is "ToString" or "TryFormat" && !method.IsStatic) || name == "Parse" || name == "TryParse")
                    {
                        if (name == "ToString" && invocation.Arguments.Length == 1 && IsCultureFreeFormat(type, invocation.Arguments[0].Value))
                        {
                            return null; // n.ToString("X8"): hexadecimal digits use no culture data
                        }

                        return PassesProvider(invocation) ? null : "'" + type.Name + "." + name + "' without a format provider";
                    }

                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(type, _convert))
                {
                    bool stringIn = method.Parameters.Length > 0 && IsString(method.Parameters[0].Type) && IsCultureSensitive(method.ReturnType);
                    bool stringOut = IsString(method.ReturnType) && method.Parameters.Length > 0 && IsCultureSensitive(method.Parameters[0].Type) &&
                        !(method.Parameters.Length == 2 && method.Parameters[1].Name == "toBase"); // Convert.ToString(n, 2): digits only
                    return (stringIn || stringOut) && !HasParameterOf(method, IsFormatProvider) ? "'Convert." + name + "' without a format provider" : null;
                }

                if (SymbolEqualityComparer.Default.Equals(type, _string))
                {
                    if (name == "Format" && !HasParameterOf(method, IsFormatProvider) && FormatsCultureSensitiveValue(invocation))
                    {
                        return "'string.Format' without a format provider";
                    }

                    // string.Join(",", scores), string.Concat("hp ", hp): each number is formatted with the current culture
                    if (name is "Join" or "Concat" && (FormatsCultureSensitiveValue(invocation) || SequenceOfCultureSensitive(method)))
                    {
                        return "'string." + name + "' of numbers (formatted with the current culture)";
                    }

                    if (s_cultureStringMethods.Contains(name) && !HasParameterOf(method, IsComparisonOrCulture) && UsesStringArgument(method, name))
                    {
                        return "'string." + name + "' without a StringComparison or culture";
                    }

                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(type, _stringBuilder) && !HasParameterOf(method, IsFormatProvider))
                {
                    // sb.Append(score), sb.Insert(0, hp), sb.AppendFormat("{0}", x), sb.AppendJoin(",", xs)
                    // Insert's first argument is the position, not a value that is formatted
                    int firstFormatted = name == "Insert" ? 1 : 0;
                    if (name is "Append" or "Insert" or "AppendLine" && (FormatsCultureSensitiveValue(invocation, firstFormatted) || AnyCultureSensitiveParameter(method, firstFormatted)))
                    {
                        return "'StringBuilder." + name + "' of a number without a format provider";
                    }

                    if (name is "AppendFormat" or "AppendJoin" && (FormatsCultureSensitiveValue(invocation) || SequenceOfCultureSensitive(method)))
                    {
                        return "'StringBuilder." + name + "' of numbers without a format provider";
                    }

                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(type, _char) && (name == "ToUpper" || name == "ToLower") && !HasParameterOf(method, IsComparisonOrCulture))
                {
                    return "'char." + name + "' without a culture";
                }

                // OrderBy(x => x.Name), names.Order(), names.Sort() without a comparer
                if (_linqTypes.Contains(type) && s_orderingMethods.Contains(name) && !HasParameterOf(method, IsComparer))
                {
                    ITypeSymbol? key = method.TypeArguments.Length > 0 ? method.TypeArguments[method.TypeArguments.Length - 1] : null;
                    if (name is "Min" or "Max")
                    {
                        key = method.TypeArguments.Length > 0 ? method.TypeArguments[0] : null;
                        if (method.TypeArguments.Length > 1)
                        {
                            key = method.TypeArguments[1];
                        }
                    }

                    return IsString(key) ? "'" + name + "' on strings without an ordinal comparer" : null;
                }

                if (_sortMethods.Contains(method.OriginalDefinition) && !HasParameterOf(method, IsComparerOrComparison))
                {
                    ITypeSymbol? element = type.IsGenericType ? type.TypeArguments[0] : method.TypeArguments.Length > 0 ? method.TypeArguments[0] : null;
                    if (element is null && invocation.Arguments.Length > 0 && SkipConversions(invocation.Arguments[0].Value).Type is IArrayTypeSymbol array)
                    {
                        element = array.ElementType;
                    }

                    return IsString(element) ? "'" + name + "' on strings without an ordinal comparer" : null;
                }

                return null;
            }

            private bool FormatsCultureSensitiveValue(IInvocationOperation invocation, int firstFormatted = 0)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && parameter.Ordinal < firstFormatted)
                    {
                        continue;
                    }

                    IOperation value = SkipConversions(argument.Value);
                    if (value is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (IOperation element in initializer.ElementValues)
                        {
                            if (IsCultureSensitive(SkipConversions(element).Type))
                            {
                                return true;
                            }
                        }
                    }
                    else if (IsCultureSensitive(value.Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool AnyCultureSensitiveParameter(IMethodSymbol method, int firstFormatted = 0)
            {
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (parameter.Ordinal >= firstFormatted && IsCultureSensitive(parameter.Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Join&lt;T&gt;(string, IEnumerable&lt;T&gt;) and friends, with T a culture-formatted type.</summary>
            private bool SequenceOfCultureSensitive(IMethodSymbol method)
            {
                foreach (ITypeSymbol argument in method.TypeArguments)
                {
                    if (IsCultureSensitive(argument))
                    {
                        return true;
                    }
                }

                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (parameter.Type is IArrayTypeSymbol array && IsCultureSensitive(array.ElementType))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool UsesStringArgument(IMethodSymbol method, string name)
            {
                if (name is "ToUpper" or "ToLower")
                {
                    return true;
                }

                if (name is "Compare" or "CompareTo")
                {
                    return method.Parameters.Length > 0;
                }

                return method.Parameters.Length > 0 && IsString(method.Parameters[0].Type);
            }

            /// <summary>
            /// Whether a constant format uses no culture data: an integer's hexadecimal (<c>X8</c>) and binary (<c>B16</c>)
            /// digits, never a sign or separator; a date's <c>o</c>, <c>r</c>, <c>s</c> and <c>u</c> formats.
            /// </summary>
            private static bool IsCultureFreeFormat(ITypeSymbol? type, IOperation? format)
            {
                if (format is null || !format.ConstantValue.HasValue || format.ConstantValue.Value is not string text || text.Length == 0)
                {
                    return false;
                }

                if (text.Length == 1 && text[0] is 'o' or 'O' or 'r' or 'R' or 's' or 'u' &&
                    (type?.SpecialType == SpecialType.System_DateTime || type?.Name == "DateTimeOffset"))
                {
                    return true; // round-trip, RFC 1123, sortable and universal sortable dates are invariant by definition
                }

                bool integer = type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                    SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
                if (!integer || text[0] is not ('X' or 'x' or 'B' or 'b'))
                {
                    return false;
                }

                for (int i = 1; i < text.Length; i++)
                {
                    if (text[i] < '0' || text[i] > '9')
                    {
                        return false;
                    }
                }

                return true;
            }

            private bool IsCultureSensitive(ITypeSymbol? type)
            {
                if (type is null)
                {
                    return false;
                }

                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    type = nullable.TypeArguments[0];
                }

                return _cultureTypes.Contains(type.OriginalDefinition);
            }

            private bool IsString(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, _string);

            private bool IsFormatProvider(ITypeSymbol type) =>
                SymbolEqualityComparer.Default.Equals(type, _formatProvider) || SymbolEqualityComparer.Default.Equals(type, _cultureInfo);

            private bool IsComparisonOrCulture(ITypeSymbol type) =>
                SymbolEqualityComparer.Default.Equals(type, _stringComparison) || SymbolEqualityComparer.Default.Equals(type, _cultureInfo);

            private bool IsComparer(ITypeSymbol type) =>
                SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _icomparerOfT) || SymbolEqualityComparer.Default.Equals(type, _icomparer);

            private bool IsComparerOrComparison(ITypeSymbol type) =>
                IsComparer(type) || (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, Name: "Comparison" });

            /// <summary>
            /// Whether the call passes a format provider: a parameter of that type whose argument is not left out or null
            /// (<c>n.TryFormat(buffer, out written)</c> and <c>n.ToString("N", null)</c> use the current culture).
            /// </summary>
            private bool PassesProvider(IInvocationOperation invocation)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && IsFormatProvider(parameter.Type))
                    {
                        IOperation value = SkipConversions(argument.Value);
                        bool missing = argument.ArgumentKind == ArgumentKind.DefaultValue || value is IDefaultValueOperation ||
                                       (value.ConstantValue.HasValue && value.ConstantValue.Value is null);
                        return !missing;
                    }
                }

                return false;
            }

            private static bool HasParameterOf(IMethodSymbol method, System.Func<ITypeSymbol, bool> predicate)
            {
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (predicate(parameter.Type))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
