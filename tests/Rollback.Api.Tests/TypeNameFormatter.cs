using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollback.Api.Tests
{
    /// <summary>Writes a type as C# source would name it (keywords, generic arguments, arrays, pointers), namespace included.</summary>
    internal static class TypeNameFormatter
    {
        private static readonly Dictionary<Type, string> Keywords = new Dictionary<Type, string>
        {
            [typeof(void)] = "void", [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte",
            [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
            [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(char)] = "char", [typeof(float)] = "float",
            [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
            [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
        };

        public static string Format(Type type)
        {
            if (type.IsByRef)
            {
                return Format(type.GetElementType()!);
            }

            if (type.IsGenericParameter)
            {
                return type.Name;
            }

            if (Keywords.TryGetValue(type, out string? keyword))
            {
                return keyword;
            }

            if (type.IsArray)
            {
                return Format(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            }

            if (type.IsPointer)
            {
                return Format(type.GetElementType()!) + "*";
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
            {
                return Format(type.GetGenericArguments()[0]) + "?";
            }

            return QualifiedName(type);
        }

        /// <summary>The namespace-qualified name with containing types and generic arguments, e.g. <c>Rollback.Outer.Inner&lt;T&gt;</c>.</summary>
        public static string QualifiedName(Type type)
        {
            Type[] arguments = type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
            return QualifiedName(type, arguments, out _);
        }

        private static string QualifiedName(Type type, Type[] arguments, out int used)
        {
            string prefix;
            int usedByParents = 0;
            if (type.IsNested)
            {
                prefix = QualifiedName(type.DeclaringType!, arguments, out usedByParents) + ".";
            }
            else
            {
                prefix = string.IsNullOrEmpty(type.Namespace) ? string.Empty : type.Namespace + ".";
            }

            string name = type.Name;
            int tick = name.IndexOf('`');
            used = usedByParents;
            if (tick < 0)
            {
                return prefix + name;
            }

            int own = int.Parse(name.Substring(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
            IEnumerable<string> mine = arguments.Skip(usedByParents).Take(own).Select(Format);
            used = usedByParents + own;
            return prefix + name.Substring(0, tick) + "<" + string.Join(", ", mine) + ">";
        }
    }
}
