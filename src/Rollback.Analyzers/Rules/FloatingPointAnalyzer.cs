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
    /// RB2003: float, double and Half in declarations (fields, properties, locals, parameters, returns)
    /// and in expressions (literals, arithmetic, conversions, Math/MathF, System.Numerics). One
    /// diagnostic per declaration and per outermost floating-point expression.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FloatingPointAnalyzer : SimulationScopeAnalyzer
    {
        /// <summary>Diagnostic property: what was flagged (see the <c>Kind*</c> values).</summary>
        public const string KindProperty = "Kind";

        /// <summary>A field, property, local, parameter or return type.</summary>
        public const string KindDeclaration = "Declaration";

        /// <summary>A floating-point literal.</summary>
        public const string KindLiteral = "Literal";

        /// <summary>Any other floating-point expression.</summary>
        public const string KindExpression = "Expression";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.FloatingPoint);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) => new Rule(compilation);

        private sealed class Rule : SimulationRule
        {
            private static readonly ImmutableDictionary<string, string?> s_declaration = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindDeclaration);
            private static readonly ImmutableDictionary<string, string?> s_literal = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindLiteral);
            private static readonly ImmutableDictionary<string, string?> s_expression = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindExpression);

            private readonly IAssemblySymbol _assembly;
            private readonly HashSet<ISymbol> _floating = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> _mathTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<ITypeSymbol, bool> _containsFloating = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

            public Rule(Compilation c)
            {
                _assembly = c.Assembly;
                _floating.Add(c.GetSpecialType(SpecialType.System_Single));
                _floating.Add(c.GetSpecialType(SpecialType.System_Double));
                foreach (string name in new[]
                {
                    "System.Half", "System.Numerics.Vector2", "System.Numerics.Vector3", "System.Numerics.Vector4", "System.Numerics.Matrix3x2",
                    "System.Numerics.Matrix4x4", "System.Numerics.Quaternion", "System.Numerics.Plane", "System.Numerics.Complex",
                    "System.Runtime.InteropServices.NFloat",
                })
                {
                    if (c.GetTypeByMetadataName(name) is { } type)
                    {
                        _floating.Add(type);
                    }
                }

                foreach (string name in new[] { "System.Math", "System.MathF", "System.Numerics.Vector", "System.BitConverter" })
                {
                    if (c.GetTypeByMetadataName(name) is { } type)
                    {
                        _mathTypes.Add(type);
                    }
                }
            }

            public override bool AnalyzesSymbols => true;

            /// <summary>Whether the type is, or contains (arrays, generics, tuples, nullable), a floating-point type.</summary>
            private bool ContainsFloating(ITypeSymbol? type)
            {
                if (type is null)
                {
                    return false;
                }

                return _containsFloating.GetOrAdd(type, t => Compute(t, 0));

                bool Compute(ITypeSymbol t, int depth)
                {
                    if (depth > 6)
                    {
                        return false;
                    }

                    switch (t)
                    {
                        case IArrayTypeSymbol array:
                            return Compute(array.ElementType, depth + 1);
                        case IPointerTypeSymbol pointer:
                            return Compute(pointer.PointedAtType, depth + 1);
                        case INamedTypeSymbol named:
                            if (_floating.Contains(named.OriginalDefinition))
                            {
                                return true;
                            }

                            foreach (ITypeSymbol argument in named.TypeArguments)
                            {
                                if (Compute(argument, depth + 1))
                                {
                                    return true;
                                }
                            }

                            return false;
                        default:
                            return false;
                    }
                }
            }

            private bool IsFloating(ITypeSymbol? type)
            {
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    type = nullable.TypeArguments[0];
                }

                return type is not null && _floating.Contains(type.OriginalDefinition);
            }

            // ---- declarations -------------------------------------------------------------------

            public override void AnalyzeSymbol(SymbolAnalysisContext context, ScopeEntry entry)
            {
                switch (context.Symbol)
                {
                    case IFieldSymbol field when entry.IsDeclared && !field.IsImplicitlyDeclared && ContainsFloating(field.Type):
                        foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
                        {
                            if (reference.GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator &&
                                declaration.Variables[0] == declarator)
                            {
                                ReportDeclaration(context.ReportDiagnostic, declaration.Type, "Field '" + ScopeEntry.Label(field) + "'", field.Type, entry);
                            }
                        }

                        break;

                    case IPropertySymbol property when !property.IsImplicitlyDeclared && ContainsFloating(property.Type):
                        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
                        {
                            if (reference.GetSyntax(context.CancellationToken) is BasePropertyDeclarationSyntax declaration)
                            {
                                ReportDeclaration(context.ReportDiagnostic, declaration.Type, "Property '" + ScopeEntry.Label(property) + "'", property.Type, entry);
                            }
                        }

                        break;

                    case IMethodSymbol method when method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor or MethodKind.UserDefinedOperator or MethodKind.Conversion or MethodKind.ExplicitInterfaceImplementation && !method.IsImplicitlyDeclared:
                        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                        {
                            SyntaxNode node = reference.GetSyntax(context.CancellationToken);
                            TypeSyntax? returnType = node switch
                            {
                                MethodDeclarationSyntax m => m.ReturnType,
                                OperatorDeclarationSyntax o => o.ReturnType,
                                ConversionOperatorDeclarationSyntax c => c.Type,
                                _ => null,
                            };

                            if (returnType is not null && ContainsFloating(method.ReturnType))
                            {
                                ReportDeclaration(context.ReportDiagnostic, returnType, "The return type of '" + ScopeEntry.Label(method) + "'", method.ReturnType, entry);
                            }
                        }

                        ReportParameters(context.ReportDiagnostic, method, entry, context.CancellationToken);
                        break;
                }
            }

            private void ReportParameters(System.Action<Diagnostic> report, IMethodSymbol method, ScopeEntry entry, System.Threading.CancellationToken cancellationToken)
            {
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (!ContainsFloating(parameter.Type))
                    {
                        continue;
                    }

                    foreach (SyntaxReference reference in parameter.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type })
                        {
                            ReportDeclaration(report, type, "Parameter '" + parameter.Name + "'", parameter.Type, entry);
                        }
                    }
                }
            }

            private static void ReportDeclaration(System.Action<Diagnostic> report, SyntaxNode at, string what, ITypeSymbol type, ScopeEntry entry) =>
                report(Diagnostic.Create(
                    DiagnosticDescriptors.FloatingPoint,
                    at.GetLocation(),
                    s_declaration,
                    what + " of type " + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    entry.ChainSuffix));

            // ---- bodies -------------------------------------------------------------------------

            public override void AnalyzeOperation(OperationContext c)
            {
                ScopeEntry entry = c.Entry;
                IOperation op = c.Operation;
                switch (op)
                {
                    case IVariableDeclarationOperation declaration:
                        AnalyzeLocalDeclaration(c, declaration, entry);
                        return;
                    case IAnonymousFunctionOperation lambda:
                        ReportParameters(c.ReportDiagnostic, lambda.Symbol, entry, c.CancellationToken);
                        return;
                    case ILocalFunctionOperation local:
                        if (local.Syntax is LocalFunctionStatementSyntax syntax && ContainsFloating(local.Symbol.ReturnType))
                        {
                            ReportDeclaration(c.ReportDiagnostic, syntax.ReturnType, "The return type of '" + local.Symbol.Name + "'", local.Symbol.ReturnType, entry);
                        }

                        ReportParameters(c.ReportDiagnostic, local.Symbol, entry, c.CancellationToken);
                        return;
                    case ILocalReferenceOperation { IsDeclaration: true } outVar when ContainsFloating(outVar.Local.Type):
                        if (outVar.Syntax.Parent is DeclarationExpressionSyntax declarationExpression)
                        {
                            ReportDeclaration(c.ReportDiagnostic, declarationExpression.Type, "Local '" + outVar.Local.Name + "'", outVar.Local.Type, entry);
                        }
                        else if (outVar.Syntax is SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax parentDeclaration })
                        {
                            ReportDeclaration(c.ReportDiagnostic, parentDeclaration.Type, "Local '" + outVar.Local.Name + "'", outVar.Local.Type, entry);
                        }

                        return;
                }

                if (!IsCandidate(op) || HasCandidateAncestor(op) || IsInitializerOfReportedDeclaration(op, entry) || IsInNameOf(op))
                {
                    return;
                }

                if (entry.Symbol is IFieldSymbol { IsConst: true } || IsFoldedToNonFloating(op))
                {
                    return; // computed by the compiler: const RaidShare = 0.75, (int)(RaidShare * 100)
                }

                bool literal = IsLiteralLike(op);
                c.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FloatingPoint,
                    op.Syntax.GetLocation(),
                    literal ? s_literal : s_expression,
                    Describe(op),
                    entry.ChainSuffix));
            }

            private void AnalyzeLocalDeclaration(OperationContext context, IVariableDeclarationOperation declaration, ScopeEntry entry)
            {
                ImmutableArray<IVariableDeclaratorOperation> declarators = declaration.Declarators;
                if (declarators.Length == 0 || declaration.Syntax is not VariableDeclarationSyntax syntax)
                {
                    return;
                }

                ILocalSymbol local = declarators[0].Symbol;
                if (ContainsFloating(local.Type))
                {
                    ReportDeclaration(context.ReportDiagnostic, syntax.Type, "Local '" + local.Name + "'", local.Type, entry);
                }
            }

            /// <summary>
            /// Whether the operation is part of a constant expression that the compiler folds into a value that is not
            /// floating point (<c>(int)(0.75 * 100)</c> is the integer 75 in the assembly): nothing floating runs.
            /// </summary>
            private bool IsFoldedToNonFloating(IOperation op)
            {
                if (!op.ConstantValue.HasValue)
                {
                    return false;
                }

                IOperation top = op;
                while (top.Parent is { ConstantValue.HasValue: true } parent)
                {
                    top = parent;
                }

                return !IsFloating(top.Type);
            }

            /// <summary>Whether the operation is a floating-point computation worth its own diagnostic.</summary>
            private bool IsCandidate(IOperation op)
            {
                switch (op)
                {
                    case ILiteralOperation literal:
                        return IsFloating(literal.Type);
                    case IFieldReferenceOperation field:
                        return field.Field.IsConst && IsFloating(field.Type); // Math.PI, float.Epsilon
                    case IPropertyReferenceOperation property:
                        return IsFloating(property.Type) && !IsInCompilation(property.Property); // Vector2.One, TimeSpan.TotalSeconds
                    case IBinaryOperation binary:
                        return IsFloating(binary.LeftOperand.Type) || IsFloating(binary.RightOperand.Type) || IsFloating(binary.Type);
                    case IUnaryOperation unary:
                        return IsFloating(unary.Operand.Type);
                    case ICompoundAssignmentOperation compound:
                        return IsFloating(compound.Target.Type) || IsFloating(compound.Value.Type);
                    case IIncrementOrDecrementOperation increment:
                        return IsFloating(increment.Target.Type);
                    case IConversionOperation conversion:
                        if (conversion.Conversion.IsIdentity || conversion.Operand.Type is null)
                        {
                            return false;
                        }

                        return IsFloating(conversion.Type) || IsFloating(conversion.Operand.Type);
                    case IInvocationOperation invocation:
                        IMethodSymbol method = invocation.TargetMethod;
                        if (method.ContainingType is { } type && (_mathTypes.Contains(type) || _floating.Contains(type.OriginalDefinition)))
                        {
                            return IsFloating(method.ReturnType) || AnyFloatingParameter(method);
                        }

                        return !IsInCompilation(method) && IsFloating(method.ReturnType);
                    case IObjectCreationOperation creation:
                        return IsFloating(creation.Type);
                    case IDefaultValueOperation defaultValue:
                        return IsFloating(defaultValue.Type);
                    case IArrayCreationOperation array:
                        return ContainsFloating(array.Type);
                    default:
                        return false;
                }
            }

            private bool AnyFloatingParameter(IMethodSymbol method)
            {
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (IsFloating(parameter.Type))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsInCompilation(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _assembly);

            /// <summary>Only the outermost floating-point expression of an expression tree is reported.</summary>
            private bool HasCandidateAncestor(IOperation op)
            {
                for (IOperation? parent = op.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or IBlockOperation or IExpressionStatementOperation or IVariableDeclarationOperation)
                    {
                        return false;
                    }

                    if (IsCandidate(parent))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>float x = 1.5f;</c> is one diagnostic (on the declaration), not two.</summary>
            private bool IsInitializerOfReportedDeclaration(IOperation op, ScopeEntry entry)
            {
                switch (op.Parent)
                {
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return ContainsFloating(declarator.Symbol.Type);
                    case IFieldInitializerOperation fieldInitializer:
                        foreach (IFieldSymbol field in fieldInitializer.InitializedFields)
                        {
                            if (entry.IsDeclared && ContainsFloating(field.Type))
                            {
                                return true;
                            }
                        }

                        return false;
                    case IPropertyInitializerOperation propertyInitializer:
                        foreach (IPropertySymbol property in propertyInitializer.InitializedProperties)
                        {
                            if (ContainsFloating(property.Type))
                            {
                                return true;
                            }
                        }

                        return false;
                    default:
                        return false;
                }
            }

            private static bool IsLiteralLike(IOperation op)
            {
                op = SkipConversions(op);
                if (op is IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus } unary)
                {
                    op = SkipConversions(unary.Operand);
                }

                return op is ILiteralOperation;
            }

            private static string Describe(IOperation op)
            {
                switch (op)
                {
                    case IInvocationOperation invocation:
                        return "'" + MemberReferenceRule.Display(invocation.TargetMethod) + "'";
                    case IObjectCreationOperation creation:
                        return "'new " + creation.Type!.Name + "'";
                    case IMemberReferenceOperation member:
                        return "'" + MemberReferenceRule.Display(member.Member) + "'";
                }

                string text = op.Syntax.ToString();
                if (text.Length > 40)
                {
                    text = text.Substring(0, 37) + "...";
                }

                string kind = op switch
                {
                    ILiteralOperation => "The literal",
                    IConversionOperation => "The conversion",
                    _ when IsLiteralLike(op) => "The literal",
                    _ => "The expression",
                };

                return kind + " '" + text + "'";
            }
        }
    }
}
