using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;

namespace Rollback.Snapshots
{
    /// <summary>
    /// Encoding of members whose type is itself a <see cref="RollbackStateAttribute"/> type: single
    /// nested objects, arrays and lists of state classes and structs. Restoring reuses existing
    /// instances when the shape matches, so a steady state allocates nothing. Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SnapshotStates
    {
        // ---- a single nested state object (null allowed) ----

        /// <summary>Encoded size of a nested state object: a presence byte plus its body.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="value">The object, or null.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfObject<T>(T? value) where T : class, ISnapshotBody =>
            1 + (value is null ? 0 : value.RollbackBodySize());

        /// <summary>Writes a nested state object.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="value">The object, or null.</param>
        /// <param name="memberPath">The member, for error messages.</param>
        public static void WriteObject<T>(ref SnapshotWriter writer, T? value, string memberPath) where T : class, ISnapshotBody
        {
            if (value is null)
            {
                writer.WritePresence(false);
                return;
            }

            if (value.GetType() != typeof(T))
            {
                SnapshotEncoding.EnsureExactType(value, typeof(T), memberPath);
            }

            writer.WritePresence(true);
            value.RollbackWriteBody(ref writer);
        }

        /// <summary>Reads a nested state object, into the existing instance when there is one of the exact type.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="reader">The reader.</param>
        /// <param name="existing">The current value.</param>
        /// <returns>The restored object, or null.</returns>
        public static T? ReadObject<T>(ref SnapshotReader reader, T? existing) where T : class, ISnapshotBody, new()
        {
            if (!reader.ReadPresence())
            {
                return null;
            }

            T target = existing is not null && existing.GetType() == typeof(T) ? existing : new T();
            target.RollbackReadBody(ref reader);
            return target;
        }

        /// <summary>Path of the first difference between two nested state objects, or null.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="a">First object.</param>
        /// <param name="b">Second object.</param>
        /// <param name="memberPath">The member.</param>
        /// <returns>The path, or null.</returns>
        public static string? DifferenceOfObject<T>(T? a, T? b, string memberPath) where T : class, ISnapshotBody
        {
            if (a is null || b is null)
            {
                return a is null && b is null ? null : memberPath;
            }

            string? inner = a.RollbackMemberDifference(b);
            return inner is null ? null : memberPath + "." + inner;
        }

        // ---- arrays of state classes ----

        /// <summary>Encoded size of an array of state objects.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="array">The array, or null.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfObjects<T>(T?[]? array) where T : class, ISnapshotBody
        {
            int size = sizeof(int);
            if (array is not null)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    size += SizeOfObject(array[i]);
                }
            }

            return size;
        }

        /// <summary>Path of the first difference between two arrays of state objects, or null.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="a">First array.</param>
        /// <param name="b">Second array.</param>
        /// <param name="memberPath">The member.</param>
        /// <returns>The path, or null.</returns>
        public static string? DifferenceOfObjects<T>(T?[]? a, T?[]? b, string memberPath) where T : class, ISnapshotBody
        {
            if (a is null || b is null)
            {
                return a is null && b is null ? null : memberPath;
            }

            if (a.Length != b.Length)
            {
                return memberPath + ".Length";
            }

            for (int i = 0; i < a.Length; i++)
            {
                string? d = DifferenceOfObject(a[i], b[i], Indexed(memberPath, i));
                if (d is not null)
                {
                    return d;
                }
            }

            return null;
        }

        // ---- arrays of state structs ----

        /// <summary>Encoded size of an array of state structs.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="array">The array, or null.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfStructs<T>(T[]? array) where T : struct, ISnapshotBody
        {
            int size = sizeof(int);
            if (array is not null)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    size += array[i].RollbackBodySize();
                }
            }

            return size;
        }

        /// <summary>Writes an array of state structs.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="array">The array, or null.</param>
        public static void WriteStructs<T>(ref SnapshotWriter writer, T[]? array) where T : struct, ISnapshotBody
        {
            if (array is null)
            {
                writer.WriteLength(-1);
                return;
            }

            writer.WriteLength(array.Length);
            for (int i = 0; i < array.Length; i++)
            {
                array[i].RollbackWriteBody(ref writer);
            }
        }

        /// <summary>Reads an array of state structs in place when the length matches.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="reader">The reader.</param>
        /// <param name="array">The array to fill or replace.</param>
        public static void ReadStructs<T>(ref SnapshotReader reader, ref T[]? array) where T : struct, ISnapshotBody
        {
            int length = reader.ReadCount(0);
            if (length < 0)
            {
                array = null;
                return;
            }

            if (array is null || array.Length != length)
            {
                array = new T[length];
            }

            for (int i = 0; i < length; i++)
            {
                array[i].RollbackReadBody(ref reader);
            }
        }

        /// <summary>Path of the first difference between two arrays of state structs, or null.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="a">First array.</param>
        /// <param name="b">Second array.</param>
        /// <param name="memberPath">The member.</param>
        /// <returns>The path, or null.</returns>
        public static string? DifferenceOfStructs<T>(T[]? a, T[]? b, string memberPath) where T : struct, ISnapshotBody
        {
            if (a is null || b is null)
            {
                return a is null && b is null ? null : memberPath;
            }

            if (a.Length != b.Length)
            {
                return memberPath + ".Length";
            }

            for (int i = 0; i < a.Length; i++)
            {
                string? d = a[i].RollbackMemberDifference(b[i]);
                if (d is not null)
                {
                    return Indexed(memberPath, i) + "." + d;
                }
            }

            return null;
        }

        // ---- lists of state classes ----

        /// <summary>Encoded size of a list of state objects.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="list">The list, or null.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfObjectList<T>(List<T?>? list) where T : class, ISnapshotBody
        {
            int size = sizeof(int);
            if (list is not null)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    size += SizeOfObject(list[i]);
                }
            }

            return size;
        }

        /// <summary>Reads a list of state objects, reusing the list and its elements.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="reader">The reader.</param>
        /// <param name="list">The list to fill or replace.</param>
        public static void ReadObjectList<T>(ref SnapshotReader reader, ref List<T?>? list) where T : class, ISnapshotBody, new()
        {
            int count = reader.ReadCount(1);
            if (count < 0)
            {
                list = null;
                return;
            }

            list ??= new List<T?>(count);
            if (list.Count > count)
            {
                list.RemoveRange(count, list.Count - count);
            }

            for (int i = 0; i < count; i++)
            {
                if (i < list.Count)
                {
                    list[i] = ReadObject(ref reader, list[i]);
                }
                else
                {
                    list.Add(ReadObject<T>(ref reader, null));
                }
            }
        }

        /// <summary>Path of the first difference between two lists of state objects, or null.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="a">First list.</param>
        /// <param name="b">Second list.</param>
        /// <param name="memberPath">The member.</param>
        /// <returns>The path, or null.</returns>
        public static string? DifferenceOfObjectList<T>(List<T?>? a, List<T?>? b, string memberPath) where T : class, ISnapshotBody
        {
            if (a is null || b is null)
            {
                return a is null && b is null ? null : memberPath;
            }

            if (a.Count != b.Count)
            {
                return memberPath + ".Count";
            }

            for (int i = 0; i < a.Count; i++)
            {
                string? d = DifferenceOfObject(a[i], b[i], Indexed(memberPath, i));
                if (d is not null)
                {
                    return d;
                }
            }

            return null;
        }

        // ---- lists of state structs ----

        /// <summary>Encoded size of a list of state structs.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="list">The list, or null.</param>
        /// <returns>The size in bytes.</returns>
        public static int SizeOfStructList<T>(List<T>? list) where T : struct, ISnapshotBody
        {
            int size = sizeof(int);
            if (list is not null)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    size += list[i].RollbackBodySize();
                }
            }

            return size;
        }

        /// <summary>Writes a list of state structs.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="writer">The writer.</param>
        /// <param name="list">The list, or null.</param>
        public static void WriteStructList<T>(ref SnapshotWriter writer, List<T>? list) where T : struct, ISnapshotBody
        {
            if (list is null)
            {
                writer.WriteLength(-1);
                return;
            }

            writer.WriteLength(list.Count);
            for (int i = 0; i < list.Count; i++)
            {
                list[i].RollbackWriteBody(ref writer);
            }
        }

        /// <summary>Reads a list of state structs, reusing the list.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="reader">The reader.</param>
        /// <param name="list">The list to fill or replace.</param>
        public static void ReadStructList<T>(ref SnapshotReader reader, ref List<T>? list) where T : struct, ISnapshotBody
        {
            int count = reader.ReadCount(0);
            if (count < 0)
            {
                list = null;
                return;
            }

            list ??= new List<T>(count);
            if (list.Count > count)
            {
                list.RemoveRange(count, list.Count - count);
            }

            for (int i = 0; i < count; i++)
            {
                T item = i < list.Count ? list[i] : default;
                item.RollbackReadBody(ref reader);
                if (i < list.Count)
                {
                    list[i] = item;
                }
                else
                {
                    list.Add(item);
                }
            }
        }

        /// <summary>Path of the first difference between two lists of state structs, or null.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="a">First list.</param>
        /// <param name="b">Second list.</param>
        /// <param name="memberPath">The member.</param>
        /// <returns>The path, or null.</returns>
        public static string? DifferenceOfStructList<T>(List<T>? a, List<T>? b, string memberPath) where T : struct, ISnapshotBody
        {
            if (a is null || b is null)
            {
                return a is null && b is null ? null : memberPath;
            }

            if (a.Count != b.Count)
            {
                return memberPath + ".Count";
            }

            for (int i = 0; i < a.Count; i++)
            {
                string? d = a[i].RollbackMemberDifference(b[i]);
                if (d is not null)
                {
                    return Indexed(memberPath, i) + "." + d;
                }
            }

            return null;
        }

        /// <summary>Formats <c>path[index]</c>.</summary>
        /// <param name="memberPath">The member.</param>
        /// <param name="index">The index.</param>
        /// <returns>The indexed path.</returns>
        public static string Indexed(string memberPath, int index) =>
            memberPath + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        /// <summary>The array itself when it has <paramref name="length"/> elements, else a copy resized to it (elements kept where they fit).</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="array">The array, or null.</param>
        /// <param name="length">The length needed.</param>
        /// <returns>An array of that length.</returns>
        public static T?[] Resized<T>(T?[]? array, int length) where T : class
        {
            if (array is not null && array.Length == length)
            {
                return array;
            }

            var resized = new T?[length];
            if (array is not null)
            {
                Array.Copy(array, resized, Math.Min(array.Length, length));
            }

            return resized;
        }
    }
}
