using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Rollback.Api.Tests
{
    /// <summary>
    /// The public surface of an assembly as sorted text, one line per type or member: every type and member a
    /// consumer can see (public, and protected on types they can derive from), with modifiers, base types,
    /// generic constraints, parameter modifiers and defaults, constant values, and a <c>[hidden]</c> mark for
    /// members hidden from IntelliSense. A change to any of them is a change to this text.
    /// </summary>
    internal static class PublicApiText
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        public static string Of(Assembly assembly)
        {
            var text = new StringBuilder();
            foreach (Type type in assembly.GetTypes().Where(IsVisible).OrderBy(TypeNameFormatter.QualifiedName, StringComparer.Ordinal))
            {
                text.Append(TypeLine(type)).Append('\n');
                // Members sorted by name, then by signature, so overloads sit together and a diff shows one line per change.
                foreach (string member in MemberLines(type).OrderBy(MemberName, StringComparer.Ordinal).ThenBy(m => m, StringComparer.Ordinal))
                {
                    text.Append("  ").Append(member).Append('\n');
                }
            }

            return text.ToString();
        }

        private static string MemberName(string line)
        {
            if (line.Contains(" this[", StringComparison.Ordinal))
            {
                return "this[]";
            }

            int end = line.IndexOf('(');
            foreach (string stop in new[] { " {", " =" })
            {
                int at = line.IndexOf(stop, StringComparison.Ordinal);
                end = at >= 0 && (end < 0 || at < end) ? at : end;
            }

            string head = System.Text.RegularExpressions.Regex.Replace(end < 0 ? line : line.Substring(0, end), "<[^<>]*>", string.Empty);
            head = System.Text.RegularExpressions.Regex.Replace(head, "<[^<>]*>", string.Empty);
            return head.Substring(head.LastIndexOf(' ') + 1);
        }

        public static bool IsVisible(Type type)
        {
            if (type.IsNested)
            {
                return (type.IsNestedPublic || ((type.IsNestedFamily || type.IsNestedFamORAssem) && !type.DeclaringType!.IsSealed))
                    && IsVisible(type.DeclaringType!);
            }

            return type.IsPublic;
        }

        private static bool IsVisible(MethodBase? method, Type owner) =>
            method is not null && (method.IsPublic || ((method.IsFamily || method.IsFamilyOrAssembly) && !owner.IsSealed));

        private static bool IsVisible(FieldInfo field, Type owner) =>
            field.IsPublic || ((field.IsFamily || field.IsFamilyOrAssembly) && !owner.IsSealed);

        private static string Hidden(MemberInfo member)
        {
            EditorBrowsableAttribute? browsable = member.GetCustomAttribute<EditorBrowsableAttribute>();
            string hidden = browsable?.State == EditorBrowsableState.Never ? "[hidden] " : string.Empty;
            // The compiler marks ref structs [Obsolete] for old compilers; that is not a deprecation.
            ObsoleteAttribute? obsolete = member.GetCustomAttribute<ObsoleteAttribute>();
            bool deprecated = obsolete is not null && !(member is Type { IsByRefLike: true } && member.IsDefined(typeof(CompilerFeatureRequiredAttribute)));
            return deprecated ? hidden + "[obsolete] " : hidden;
        }

        private static string TypeLine(Type type)
        {
            var line = new StringBuilder(Hidden(type));
            line.Append(type.IsNestedFamily || type.IsNestedFamORAssem ? "protected " : "public ");
            if (type.IsEnum)
            {
                line.Append("enum ").Append(TypeNameFormatter.QualifiedName(type)).Append(" : ").Append(TypeNameFormatter.Format(Enum.GetUnderlyingType(type)));
                return line.ToString();
            }

            if (typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate) && type != typeof(MulticastDelegate))
            {
                MethodInfo invoke = type.GetMethod("Invoke")!;
                line.Append("delegate ").Append(TypeNameFormatter.Format(invoke.ReturnType)).Append(' ')
                    .Append(TypeNameFormatter.QualifiedName(type)).Append(Parameters(invoke)).Append(Constraints(type.GetGenericArguments()));
                return line.ToString();
            }

            if (type.IsInterface)
            {
                line.Append("interface ");
            }
            else if (type.IsValueType)
            {
                line.Append(type.IsDefined(typeof(IsReadOnlyAttribute)) ? "readonly " : string.Empty)
                    .Append(type.IsByRefLike ? "ref " : string.Empty).Append("struct ");
            }
            else
            {
                line.Append(type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : string.Empty).Append("class ");
            }

            line.Append(TypeNameFormatter.QualifiedName(type));
            var bases = new List<string>();
            if (type.BaseType is not null && type.BaseType != typeof(object) && type.BaseType != typeof(ValueType))
            {
                bases.Add(TypeNameFormatter.Format(type.BaseType));
            }

            Type[] inherited = type.BaseType?.GetInterfaces() ?? Type.EmptyTypes;
            bases.AddRange(type.GetInterfaces().Where(i => (i.IsPublic || i.IsNestedPublic) && !inherited.Contains(i))
                .Select(TypeNameFormatter.Format).OrderBy(n => n, StringComparer.Ordinal));
            if (bases.Count > 0)
            {
                line.Append(" : ").Append(string.Join(", ", bases));
            }

            line.Append(Constraints(type.IsGenericType ? type.GetGenericArguments().Where(a => a.DeclaringType == type).ToArray() : Type.EmptyTypes));
            return line.ToString();
        }

        private static IEnumerable<string> MemberLines(Type type)
        {
            if (type.IsEnum)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    yield return Hidden(field) + field.Name + " = " + Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
                }

                yield break;
            }

            if (typeof(Delegate).IsAssignableFrom(type))
            {
                yield break;
            }

            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                switch (member)
                {
                    case ConstructorInfo ctor when IsVisible(ctor, type) && !ctor.IsStatic:
                        yield return Hidden(ctor) + Access(ctor) + "ctor" + Parameters(ctor);
                        break;
                    case MethodInfo method when IsVisible(method, type) && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal)):
                        yield return Hidden(method) + Access(method) + Modifiers(method) + TypeNameFormatter.Format(method.ReturnType) + ReturnRef(method) + " "
                            + method.Name + GenericArguments(method) + Parameters(method) + Constraints(method.IsGenericMethod ? method.GetGenericArguments() : Type.EmptyTypes);
                        break;
                    case PropertyInfo property:
                        string? propertyLine = Property(property, type);
                        if (propertyLine is not null)
                        {
                            yield return propertyLine;
                        }

                        break;
                    case EventInfo evt when IsVisible(evt.AddMethod, type):
                        yield return Hidden(evt) + Access(evt.AddMethod!) + Modifiers(evt.AddMethod!) + "event " + TypeNameFormatter.Format(evt.EventHandlerType!) + " " + evt.Name;
                        break;
                    case FieldInfo field when IsVisible(field, type) && !field.IsSpecialName:
                        yield return Hidden(field) + Field(field);
                        break;
                }
            }
        }

        private static string? Property(PropertyInfo property, Type type)
        {
            MethodInfo? get = IsVisible(property.GetMethod, type) ? property.GetMethod : null;
            MethodInfo? set = IsVisible(property.SetMethod, type) ? property.SetMethod : null;
            MethodInfo? any = get ?? set;
            if (any is null)
            {
                return null;
            }

            ParameterInfo[] index = property.GetIndexParameters();
            string name = index.Length == 0 ? property.Name : "this[" + string.Join(", ", index.Select(Parameter)) + "]";
            bool init = set is not null && set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            string accessors = (get is not null ? "get; " : string.Empty) + (set is not null ? (init ? "init; " : "set; ") : string.Empty);
            string refKind = property.PropertyType.IsByRef ? (get is not null && get.ReturnParameter.IsDefined(typeof(IsReadOnlyAttribute)) ? "ref readonly " : "ref ") : string.Empty;
            return Hidden(property) + Access(any) + Modifiers(any) + refKind + TypeNameFormatter.Format(property.PropertyType) + " " + name + " { " + accessors + "}";
        }

        private static string Field(FieldInfo field)
        {
            string access = field.IsPublic ? "public " : "protected ";
            if (field.IsLiteral)
            {
                object? value = field.GetRawConstantValue();
                string shown = value is string s ? "\"" + s + "\"" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
                return access + "const " + TypeNameFormatter.Format(field.FieldType) + " " + field.Name + " = " + shown;
            }

            return access + (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty)
                + TypeNameFormatter.Format(field.FieldType) + " " + field.Name;
        }

        private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

        private static string Modifiers(MethodInfo method)
        {
            if (method.IsStatic)
            {
                return method.IsAbstract ? "static abstract " : method.IsVirtual ? "static virtual " : "static ";
            }

            if (method.DeclaringType!.IsInterface)
            {
                return method.IsAbstract ? string.Empty : "default ";
            }

            if (method.IsAbstract)
            {
                return "abstract ";
            }

            if (!method.IsVirtual || (method.IsFinal && method.GetBaseDefinition() == method))
            {
                return string.Empty;
            }

            bool overrides = method.GetBaseDefinition() != method;
            return (overrides ? (method.IsFinal ? "sealed override " : "override ") : "virtual ");
        }

        private static string ReturnRef(MethodInfo method) => method.ReturnType.IsByRef
            ? (method.ReturnParameter.IsDefined(typeof(IsReadOnlyAttribute)) ? " (ref readonly)" : " (ref)")
            : string.Empty;

        private static string GenericArguments(MethodInfo method) =>
            method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

        private static string Parameters(MethodBase method) => "(" + string.Join(", ", method.GetParameters().Select(Parameter)) + ")";

        private static string Parameter(ParameterInfo parameter)
        {
            string modifier = string.Empty;
            if (parameter.ParameterType.IsByRef)
            {
                modifier = parameter.IsOut ? "out " : parameter.IsDefined(typeof(IsReadOnlyAttribute)) || parameter.IsIn ? "in " : "ref ";
            }
            else if (parameter.IsDefined(typeof(ParamArrayAttribute)))
            {
                modifier = "params ";
            }

            string text = modifier + TypeNameFormatter.Format(parameter.ParameterType) + " " + parameter.Name;
            if (parameter.HasDefaultValue)
            {
                object? value = parameter.RawDefaultValue;
                text += " = " + (value is null ? "default" : value is string s ? "\"" + s + "\"" : value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            return text;
        }

        private static string Constraints(Type[] arguments)
        {
            var text = new StringBuilder();
            foreach (Type argument in arguments.Where(a => a.IsGenericParameter))
            {
                var parts = new List<string>();
                GenericParameterAttributes flags = argument.GenericParameterAttributes;
                bool unmanaged = argument.GetCustomAttributes().Any(a => a.GetType().Name == "IsUnmanagedAttribute");
                if (unmanaged)
                {
                    parts.Add("unmanaged");
                }
                else if ((flags & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0)
                {
                    parts.Add("struct");
                }
                else if ((flags & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
                {
                    parts.Add("class");
                }

                parts.AddRange(argument.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(TypeNameFormatter.Format).OrderBy(n => n, StringComparer.Ordinal));
                if ((flags & GenericParameterAttributes.DefaultConstructorConstraint) != 0 && (flags & GenericParameterAttributes.NotNullableValueTypeConstraint) == 0)
                {
                    parts.Add("new()");
                }

                if (parts.Count > 0)
                {
                    text.Append(" where ").Append(argument.Name).Append(" : ").Append(string.Join(", ", parts));
                }
            }

            return text.ToString();
        }
    }
}
