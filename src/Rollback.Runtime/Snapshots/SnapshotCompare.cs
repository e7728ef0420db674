using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Rollback.Snapshots
{
    /// <summary>
    /// Member comparisons used by the generated <see cref="IRollbackState.FirstDifference"/>. Values
    /// compare by their canonical bytes, the same bytes that are saved and hashed.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SnapshotCompare
    {
        // Field reflection on the desync path only. T's fields are kept for it by the annotation (trimming and
        // NativeAOT see the concrete T at every generated call site).
        private const DynamicallyAccessedMemberTypes Fields =
            DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.NonPublicFields;

        /// <summary>Whether two unmanaged values have the same bytes.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="a">First value.</param>
        /// <param name="b">Second value.</param>
        /// <returns>True when equal.</returns>
        public static bool BitEquals<T>(T a, T b) where T : unmanaged =>
            MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref a, 1))
                .SequenceEqual(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref b, 1)));

        /// <summary>Whether two nullable unmanaged values are equal.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="a">First value.</param>
        /// <param name="b">Second value.</param>
        /// <returns>True when equal.</returns>
        public static bool NullableEquals<T>(T? a, T? b) where T : unmanaged =>
            a.HasValue == b.HasValue && BitEquals(a.GetValueOrDefault(), b.GetValueOrDefault());

        /// <summary>
        /// Path suffix (for example <c>.Position.X</c>) of the first field that differs inside two
        /// unmanaged struct values, or an empty string for primitives. Reflection is used here only,
        /// on the desync path, never while simulating.
        /// </summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="a">First value.</param>
        /// <param name="b">Second value.</param>
        /// <returns>The suffix.</returns>
        public static string StructPath<[DynamicallyAccessedMembers(Fields)] T>(T a, T b) where T : unmanaged => StructPath(typeof(T), a, b);

        /// <summary>The first index at which two unmanaged arrays differ, or -1 when equal; -2 when their lengths (or nullness) differ.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="a">First array.</param>
        /// <param name="b">Second array.</param>
        /// <returns>The index, -1 or -2.</returns>
        public static int FirstDifferentIndex<T>(T[]? a, T[]? b) where T : unmanaged =>
            FirstDifferentIndex(a is null ? default : new ReadOnlySpan<T>(a), a is null, b is null ? default : new ReadOnlySpan<T>(b), b is null);

        /// <summary>The first index at which two unmanaged lists differ, or -1 when equal; -2 when their counts (or nullness) differ.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="a">First list.</param>
        /// <param name="b">Second list.</param>
        /// <returns>The index, -1 or -2.</returns>
        public static int FirstDifferentIndex<T>(List<T>? a, List<T>? b) where T : unmanaged
        {
            if (a is null || b is null)
            {
                return a is null && b is null ? -1 : -2;
            }

            if (a.Count != b.Count)
            {
                return -2;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!BitEquals(a[i], b[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The first index at which two spans of unmanaged values differ, or -1 when equal; -2 when their lengths differ.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="a">First span.</param>
        /// <param name="b">Second span.</param>
        /// <returns>The index, -1 or -2.</returns>
        public static int FirstDifferentIndex<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged =>
            FirstDifferentIndex(a, false, b, false);

        private static int FirstDifferentIndex<T>(ReadOnlySpan<T> a, bool aNull, ReadOnlySpan<T> b, bool bNull) where T : unmanaged
        {
            if (aNull || bNull)
            {
                return aNull && bNull ? -1 : -2;
            }

            if (a.Length != b.Length)
            {
                return -2;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!BitEquals(a[i], b[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        [UnconditionalSuppressMessage("Trimming", "IL2072", Justification =
            "Only the descent into a field's own struct type is unannotated. Trimming never removes instance fields of a value type "
            + "that is kept (its layout would change), and where NativeAOT has no field metadata for it GetFields returns none: the "
            + "path then ends at the enclosing field, which is still the field that differs. It is never wrong, only shorter.")]
        private static string StructPath([DynamicallyAccessedMembers(Fields)] Type type, object a, object b)
        {
            if (type.IsPrimitive || type.IsEnum || type.IsPointer || type.Namespace == "System")
            {
                return string.Empty;
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                object? x = field.GetValue(a);
                object? y = field.GetValue(b);
                if (!Equals(x, y) && x is not null && y is not null)
                {
                    return "." + DisplayName(field) + StructPath(field.FieldType, x, y);
                }
            }

            return string.Empty;
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
    }
}
