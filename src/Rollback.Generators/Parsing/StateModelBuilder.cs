using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollback.Generators.Diagnostics;
using Rollback.Generators.Model;

namespace Rollback.Generators.Parsing
{
    /// <summary>
    /// Stage 2 of the pipeline: turns one attributed type symbol into a <see cref="StateModel"/> made of
    /// plain values, plus the diagnostics for everything that cannot be snapshotted.
    /// </summary>
    internal static class StateModelBuilder
    {
        private const string IgnoreAttributeMetadataName = "Rollback.RollbackIgnoreAttribute";
        private static readonly string[] ReservedNames = { "Frame", "StepNum", "Episode" };

        public static StateResult Build(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            Compilation compilation = context.SemanticModel.Compilation;
            INamedTypeSymbol? stateAttribute = context.Attributes.Length > 0 ? context.Attributes[0].AttributeClass : null;
            INamedTypeSymbol? ignoreAttribute = compilation.GetTypeByMetadataName(IgnoreAttributeMetadataName);

            if (!CheckTypeShape(type, syntax, stateAttribute, diagnostics))
            {
                return new StateResult(null, diagnostics.ToEquatableArray());
            }

            var classifier = new MemberClassifier(stateAttribute, compilation, type);
            List<MemberModel> members = CollectMembers(type, classifier, ignoreAttribute, diagnostics, cancellationToken);
            if (diagnostics.Count > 0)
            {
                return new StateResult(null, diagnostics.ToEquatableArray());
            }

            string fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            bool hasStateBase = type.BaseType is not null && classifier.IsState(type.BaseType);
            var model = new StateModel(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: ContainingTypes(type).ToEquatableArray(),
                Name: type.Name,
                Keyword: SymbolFacts.Keyword(type),
                FullName: fullName,
                IsStruct: type.IsValueType,
                IsSealed: type.IsSealed,
                HasStateBase: hasStateBase,
                NeedsUnsafe: members.Any(m => m.Kind == MemberKind.FixedBuffer),
                SchemaId: SchemaId(type, classifier, ignoreAttribute, members, cancellationToken),
                Members: members.ToEquatableArray());
            return new StateResult(model, diagnostics.ToEquatableArray());
        }

        private static bool CheckTypeShape(INamedTypeSymbol type, TypeDeclarationSyntax syntax, INamedTypeSymbol? stateAttribute, List<DiagnosticInfo> diagnostics)
        {
            LocationInfo? where = LocationInfo.From(syntax.Identifier.GetLocation());
            int before = diagnostics.Count;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotPartial, where, type.Name));
            }

            if (type.IsStatic)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidStateKind, where, type.Name, "static class", "a static class holds no instance state"));
            }
            else if (type.IsRefLikeType)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidStateKind, where, type.Name, "ref struct", "a ref struct cannot be stored in a session; use a plain struct or class"));
            }
            else if (type.IsReadOnly && type.IsValueType)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidStateKind, where, type.Name, "readonly struct", "a rollback restores members in place; remove 'readonly'"));
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                if (t.TypeParameters.Length > 0)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.GenericState, where, type.Name));
                    break;
                }
            }

            for (SyntaxNode? parent = syntax.Parent; parent is TypeDeclarationSyntax outer; parent = parent.Parent)
            {
                if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(outer.Identifier.GetLocation()), outer.Identifier.Text, type.Name));
                }
            }

            INamedTypeSymbol? baseType = type.BaseType;
            if (!type.IsValueType && baseType is not null && baseType.SpecialType != SpecialType.System_Object &&
                !SymbolFacts.HasAttribute(baseType, stateAttribute))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.BaseNotState, where, type.Name, SymbolFacts.Display(baseType)));
            }

            return diagnostics.Count == before;
        }

        private static List<MemberModel> CollectMembers(
            INamedTypeSymbol type,
            MemberClassifier classifier,
            INamedTypeSymbol? ignoreAttribute,
            List<DiagnosticInfo>? diagnostics,
            CancellationToken cancellationToken)
        {
            var members = new List<MemberModel>();
            var autoProperties = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.AssociatedSymbol is IPropertySymbol property)
                {
                    autoProperties.Add(property);
                }
            }

            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member.IsStatic || SymbolFacts.HasAttribute(member, ignoreAttribute))
                {
                    continue;
                }

                LocationInfo? where = LocationInfo.From(member.Locations.FirstOrDefault());
                switch (member)
                {
                    case IFieldSymbol field when !field.IsConst && !field.IsImplicitlyDeclared:
                        AddField(field, where, classifier, members, diagnostics);
                        break;
                    case IPropertySymbol property when !property.IsIndexer && autoProperties.Contains(property):
                        AddProperty(property, where, classifier, members, diagnostics);
                        break;
                    case IEventSymbol evt when !evt.IsAbstract && evt.AddMethod is { IsImplicitlyDeclared: true }:
                        // A field-like event: it stores delegates, which a snapshot cannot hold.
                        diagnostics?.Add(Diagnostic(DiagnosticDescriptors.UnsupportedMemberType, where, evt.Name, SymbolFacts.Display(evt.Type), "an event"));
                        break;
                }
            }

            return members;
        }

        private static void AddField(IFieldSymbol field, LocationInfo? where, MemberClassifier classifier, List<MemberModel> members, List<DiagnosticInfo>? diagnostics)
        {
            if (IsReserved(field.Name, where, diagnostics))
            {
                return;
            }

            if (field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer)
            {
                members.Add(new MemberModel(field.Name, MemberKind.FixedBuffer, SymbolFacts.Display(field.Type), SymbolFacts.Display(pointer.PointedAtType), false, false, field.FixedSize));
                return;
            }

            if (field.IsReadOnly && field.Type.TypeKind != TypeKind.Array)
            {
                diagnostics?.Add(Diagnostic(DiagnosticDescriptors.ReadOnlyField, where, field.Name));
                return;
            }

            MemberClassifier.Outcome outcome = classifier.Classify(field.Name, field.Type);
            if (outcome.Error is not null)
            {
                diagnostics?.Add(new DiagnosticInfo(outcome.Error, where, outcome.Arguments.ToEquatableArray()));
                return;
            }

            members.Add(new MemberModel(field.Name, outcome.Kind, SymbolFacts.Display(field.Type), outcome.Element, false, field.IsReadOnly, 0));
        }

        private static void AddProperty(IPropertySymbol property, LocationInfo? where, MemberClassifier classifier, List<MemberModel> members, List<DiagnosticInfo>? diagnostics)
        {
            if (IsReserved(property.Name, where, diagnostics))
            {
                return;
            }

            if (property.SetMethod is null || property.SetMethod.IsInitOnly)
            {
                diagnostics?.Add(Diagnostic(DiagnosticDescriptors.GetOnlyProperty, where, property.Name));
                return;
            }

            MemberClassifier.Outcome outcome = classifier.Classify(property.Name, property.Type);
            if (outcome.Error is not null)
            {
                diagnostics?.Add(new DiagnosticInfo(outcome.Error, where, outcome.Arguments.ToEquatableArray()));
                return;
            }

            members.Add(new MemberModel(property.Name, outcome.Kind, SymbolFacts.Display(property.Type), outcome.Element, true, false, 0));
        }

        private static bool IsReserved(string name, LocationInfo? where, List<DiagnosticInfo>? diagnostics)
        {
            if (System.Array.IndexOf(ReservedNames, name) < 0)
            {
                return false;
            }

            diagnostics?.Add(Diagnostic(DiagnosticDescriptors.ReservedMemberName, where, name));
            return true;
        }

        private static IEnumerable<ContainingTypeModel> ContainingTypes(INamedTypeSymbol type)
        {
            var chain = new List<ContainingTypeModel>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                chain.Insert(0, new ContainingTypeModel(SymbolFacts.Keyword(outer), outer.Name));
            }

            return chain;
        }

        /// <summary>
        /// FNV-1a 64 over the type name and the full member layout: base members first, and the layout of
        /// every nested state type it holds, so a snapshot of another type, or of another version of this
        /// one or of anything it contains, is refused on restore.
        /// </summary>
        private static ulong SchemaId(INamedTypeSymbol type, MemberClassifier classifier, INamedTypeSymbol? ignoreAttribute, List<MemberModel> own, CancellationToken cancellationToken)
        {
            var text = new StringBuilder();
            var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            AppendLayout(text, type, own, classifier, ignoreAttribute, visited, cancellationToken);
            ulong hash = 14695981039346656037UL;
            foreach (char c in text.ToString())
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }

            return hash;
        }

        private static void AppendLayout(
            StringBuilder text,
            INamedTypeSymbol type,
            List<MemberModel>? members,
            MemberClassifier classifier,
            INamedTypeSymbol? ignoreAttribute,
            HashSet<ITypeSymbol> visited,
            CancellationToken cancellationToken)
        {
            text.Append(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).Append('{');
            if (!visited.Add(type))
            {
                text.Append("...}");
                return;
            }

            if (type.BaseType is { } baseType && classifier.IsState(baseType))
            {
                AppendLayout(text, baseType, null, classifier, ignoreAttribute, visited, cancellationToken);
            }

            members ??= CollectMembers(type, classifier, ignoreAttribute, null, cancellationToken);
            foreach (MemberModel m in members)
            {
                text.Append(m.Name).Append(':').Append((int)m.Kind).Append(':').Append(m.TypeName).Append(':').Append(m.FixedSize).Append(';');
                if (m.Kind >= MemberKind.StateObject && NestedStateType(type, m.Name) is { } nested)
                {
                    AppendLayout(text, nested, null, classifier, ignoreAttribute, visited, cancellationToken);
                }
            }

            text.Append('}');
        }

        private static INamedTypeSymbol? NestedStateType(INamedTypeSymbol owner, string member)
        {
            ITypeSymbol? type = owner.GetMembers(member).FirstOrDefault() switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            if (type is IArrayTypeSymbol array)
            {
                type = array.ElementType;
            }
            else if (type is not null && SymbolFacts.IsList(type, out ITypeSymbol element))
            {
                type = element;
            }

            return type as INamedTypeSymbol;
        }

        private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? where, params string[] args) =>
            new DiagnosticInfo(descriptor, where, args.ToEquatableArray());
    }
}
