using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Rollback.Forensics
{
    /// <summary>
    /// Invariant text for member values in difference reports: Fixed64 as a decimal, enums by name, strings and
    /// chars quoted and escaped, floating point round-trippable. Unmanaged structs are walked field by field with
    /// reflection, which runs on the desync path only.
    /// </summary>
    internal static class ValueText
    {
        private const int MaxDepth = 16;

        /// <summary>The invariant text of one value.</summary>
        public static string Format(object? value)
        {
            switch (value)
            {
                case null: return "null";
                case string s: return Quote(s, '"');
                case char c: return Quote(c.ToString(), '\'');
                case bool b: return b ? "true" : "false";
                case float f: return f.ToString("R", CultureInfo.InvariantCulture);
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case Fixed64 x: return x.ToString();
                case Enum e: return e.ToString();
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString() ?? value.GetType().Name;
            }
        }

        /// <summary>A collection or nested object as a short text: <c>null</c> or <c>Int32[3]</c>.</summary>
        public static string Describe(object? collection, int length)
        {
            if (collection is null)
            {
                return "null";
            }

            Type type = collection.GetType();
            Type element = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[0] : type;
            return element.Name + "[" + length.ToString(CultureInfo.InvariantCulture) + "]";
        }

        /// <summary>
        /// Reports the differing leaves of two unmanaged values of <paramref name="type"/> under the collector's
        /// current path: the value itself for primitives, enums, Fixed64 and System types, otherwise each differing
        /// field, recursively.
        /// </summary>
        public static void CollectFields(Type type, object a, object b, DifferenceCollector collector) =>
            CollectFields(type, a, b, collector, 0);

        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A field removed by trimming is never read by the game either; the comparison then reports the raw bytes of the value, which still differ.")]
        private static void CollectFields(Type type, object a, object b, DifferenceCollector collector, int depth)
        {
            if (IsLeaf(type) || depth >= MaxDepth)
            {
                collector.Add(null, Format(a), Format(b), DifferenceKind.Value);
                return;
            }

            bool any = false;
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                object? x = field.GetValue(a);
                object? y = field.GetValue(b);
                if (x is null || y is null || LeafBitsEqual(field.FieldType, x, y))
                {
                    continue;
                }

                any = true;
                collector.Push(DisplayName(field));
                CollectFields(field.FieldType, x, y, collector, depth + 1);
                collector.Pop();
            }

            if (!any)
            {
                // Only padding (or a fixed buffer past its first element) differs: show the raw bytes.
                collector.Add(null, Hex(a), Hex(b), DifferenceKind.Value);
            }
        }

        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A field removed by trimming is never read by the game either; the comparison then reports the raw bytes of the value, which still differ.")]
        private static bool IsLeaf(Type type) =>
            type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(Fixed64) || type.IsPointer
            || type.Namespace == "System" || type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length == 0;

        private static bool LeafBitsEqual(Type type, object x, object y)
        {
            if (x is float f && y is float g)
            {
                return BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g);
            }

            if (x is double d && y is double e)
            {
                return BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(e);
            }

            return IsLeaf(type) ? Equals(x, y) : Hex(x) == Hex(y);
        }

        [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Without the generic instantiation (NativeAOT) the call throws NotSupportedException and the value is shown by its type name.")]
        [UnconditionalSuppressMessage("Trimming", "IL2076", Justification = "BytesOf<T> needs no constructor: it only reinterprets the boxed unmanaged value as bytes.")]
        private static string Hex(object value)
        {
            try
            {
                MethodInfo bytesOf = typeof(ValueText).GetMethod(nameof(BytesOf), BindingFlags.NonPublic | BindingFlags.Static)!;
                var bytes = (byte[])bytesOf.MakeGenericMethod(value.GetType()).Invoke(null, new[] { value })!;
                var text = new StringBuilder("0x", 2 + (2 * bytes.Length));
                foreach (byte b in bytes)
                {
                    text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                return text.ToString();
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is InvalidOperationException || ex is ArgumentException || ex is TargetInvocationException)
            {
                return value.GetType().Name;
            }
        }

        private static byte[] BytesOf<T>(object boxed) where T : unmanaged
        {
            T value = (T)boxed;
            return MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref value, 1)).ToArray();
        }

        private static string DisplayName(FieldInfo field)
        {
            // Auto-property backing fields are named "<Name>k__BackingField".
            string name = field.Name;
            if (name.Length > 0 && name[0] == '<')
            {
                int end = name.IndexOf('>');
                if (end > 1)
                {
                    return name.Substring(1, end - 1);
                }
            }

            return name;
        }

        private static string Quote(string text, char quote)
        {
            var builder = new StringBuilder(text.Length + 2);
            builder.Append(quote);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c == quote)
                        {
                            builder.Append('\\').Append(c);
                        }
                        else if (char.IsControl(c) || char.IsSurrogate(c))
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append(quote).ToString();
        }
    }
}
