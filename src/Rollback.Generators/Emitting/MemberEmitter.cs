using Rollback.Generators.Model;

namespace Rollback.Generators.Emitting
{
    /// <summary>The four statements each member kind contributes: size, write, read and compare.</summary>
    internal static class MemberEmitter
    {
        private const string Encoding = "global::Rollback.Snapshots.SnapshotEncoding";
        private const string Compare = "global::Rollback.Snapshots.SnapshotCompare";
        private const string States = "global::Rollback.Snapshots.SnapshotStates";
        private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
        private const string Recycling = "global::Rollback.Snapshots.SnapshotRecycling";

        public static string SizeExpression(MemberModel m)
        {
            string self = "this." + m.Name;
            string e = m.ElementTypeName;
            switch (m.Kind)
            {
                case MemberKind.Unmanaged: return $"{Encoding}.SizeOf<{m.TypeName}>()";
                case MemberKind.Nullable: return $"1 + {Encoding}.SizeOf<{e}>()";
                case MemberKind.String: return $"{Encoding}.SizeOfString({self})";
                case MemberKind.FixedBuffer: return $"{m.FixedSize} * {Encoding}.SizeOf<{e}>()";
                case MemberKind.UnmanagedArray: return $"{Encoding}.SizeOfArray<{e}>({self})";
                case MemberKind.UnmanagedList: return $"{Encoding}.SizeOfList<{e}>({self})";
                case MemberKind.StateObject: return $"{States}.SizeOfObject<{e}>({self})";
                case MemberKind.StateStruct: return $"{self}.RollbackBodySize()";
                case MemberKind.StateObjectArray: return $"{States}.SizeOfObjects<{e}>({self})";
                case MemberKind.StateStructArray: return $"{States}.SizeOfStructs<{e}>({self})";
                case MemberKind.StateObjectList: return $"{States}.SizeOfObjectList<{e}>({self})";
                default: return $"{States}.SizeOfStructList<{e}>({self})";
            }
        }

        public static void Write(CodeWriter w, MemberModel m)
        {
            string self = "this." + m.Name;
            string e = m.ElementTypeName;
            string path = Quote(m.Name);
            switch (m.Kind)
            {
                case MemberKind.Unmanaged: w.Line($"writer.Write<{m.TypeName}>({self});"); break;
                case MemberKind.Nullable: w.Line($"writer.WriteNullable<{e}>({self});"); break;
                case MemberKind.String: w.Line($"writer.WriteString({self});"); break;
                case MemberKind.FixedBuffer: w.Line($"writer.WriteRaw<{e}>({Marshal}.CreateReadOnlySpan(ref {self}[0], {m.FixedSize}));"); break;
                case MemberKind.UnmanagedArray: w.Line($"writer.WriteArray<{e}>({self});"); break;
                case MemberKind.UnmanagedList: w.Line($"writer.WriteList<{e}>({self});"); break;
                case MemberKind.StateObject:
                    w.Open("");
                    w.Line($"var __item = {self};");
                    WriteObject(w, e, path);
                    w.Close();
                    break;
                case MemberKind.StateStruct: w.Line($"{self}.RollbackWriteBody(ref writer);"); break;
                case MemberKind.StateObjectArray:
                case MemberKind.StateObjectList:
                    string count = m.Kind == MemberKind.StateObjectArray ? "Length" : "Count";
                    w.Open("");
                    w.Line($"var __items = {self};");
                    w.Line("if (__items == null) writer.WriteLength(-1);");
                    w.Open("else");
                    w.Line($"writer.WriteLength(__items.{count});");
                    w.Open($"for (int __i = 0; __i < __items.{count}; __i++)");
                    w.Line("var __item = __items[__i];");
                    WriteObject(w, e, path);
                    w.Close();
                    w.Close();
                    w.Close();
                    break;
                case MemberKind.StateStructArray: w.Line($"{States}.WriteStructs<{e}>(ref writer, {self});"); break;
                default: w.Line($"{States}.WriteStructList<{e}>(ref writer, {self});"); break;
            }
        }

        public static void Read(CodeWriter w, MemberModel m)
        {
            string self = "this." + m.Name;
            string e = m.ElementTypeName;
            switch (m.Kind)
            {
                case MemberKind.Unmanaged: w.Line($"{self} = reader.Read<{m.TypeName}>();"); return;
                case MemberKind.Nullable: w.Line($"{self} = reader.ReadNullable<{e}>();"); return;
                case MemberKind.String: w.Line($"{self} = reader.ReadString({self});"); return;
                case MemberKind.FixedBuffer: w.Line($"reader.ReadRaw<{e}>({Marshal}.CreateSpan(ref {self}[0], {m.FixedSize}));"); return;
                case MemberKind.StateObject:
                    w.Open("");
                    w.Line($"var __existing = {self};");
                    ReadObject(w, e);
                    w.Open("if (!global::System.Object.ReferenceEquals(__object, __existing))");
                    w.Line($"{Recycling}.Drop<{e}>(__existing);");
                    w.Line($"{self} = __object;");
                    w.Close();
                    w.Close();
                    return;
                case MemberKind.StateStruct:
                    if (m.IsProperty)
                    {
                        ReadThroughTemporary(w, m, x => x.Line("__value.RollbackReadBody(ref reader);"));
                    }
                    else
                    {
                        w.Line($"{self}.RollbackReadBody(ref reader);");
                    }

                    return;
            }

            // Collections: read through a temporary so fields, properties and readonly fields share one shape.
            switch (m.Kind)
            {
                case MemberKind.UnmanagedArray: ReadThroughTemporary(w, m, x => x.Line($"reader.ReadArray<{e}>(ref __value);")); break;
                case MemberKind.UnmanagedList: ReadThroughTemporary(w, m, x => x.Line($"reader.ReadList<{e}>(ref __value);")); break;
                case MemberKind.StateStructArray: ReadThroughTemporary(w, m, x => x.Line($"{States}.ReadStructs<{e}>(ref reader, ref __value);")); break;
                case MemberKind.StateStructList: ReadThroughTemporary(w, m, x => x.Line($"{States}.ReadStructList<{e}>(ref reader, ref __value);")); break;
                case MemberKind.StateObjectArray: ReadThroughTemporary(w, m, x => ReadObjectArray(x, e, !m.IsReadOnly)); break;
                default: ReadThroughTemporary(w, m, x => ReadObjectList(x, m.TypeName, e, !m.IsReadOnly)); break;
            }
        }

        public static void Difference(CodeWriter w, MemberModel m)
        {
            string a = "this." + m.Name;
            string b = "__other." + m.Name;
            string e = m.ElementTypeName;
            string path = Quote(m.Name);
            switch (m.Kind)
            {
                case MemberKind.Unmanaged:
                    w.Line($"if (!{Compare}.BitEquals<{m.TypeName}>({a}, {b})) return {path} + {Compare}.StructPath<{m.TypeName}>({a}, {b});");
                    return;
                case MemberKind.Nullable:
                    w.Line($"if (!{Compare}.NullableEquals<{e}>({a}, {b})) return {path};");
                    return;
                case MemberKind.String:
                    w.Line($"if (!string.Equals({a}, {b}, global::System.StringComparison.Ordinal)) return {path};");
                    return;
                case MemberKind.FixedBuffer:
                    w.Open("");
                    w.Line($"int __index = {Compare}.FirstDifferentIndex<{e}>({Marshal}.CreateReadOnlySpan(ref {a}[0], {m.FixedSize}), {Marshal}.CreateReadOnlySpan(ref {b}[0], {m.FixedSize}));");
                    w.Line($"if (__index >= 0) return {States}.Indexed({path}, __index);");
                    w.Close();
                    return;
                case MemberKind.UnmanagedArray:
                case MemberKind.UnmanagedList:
                    string count = m.Kind == MemberKind.UnmanagedArray ? "Length" : "Count";
                    w.Open("");
                    w.Line($"int __index = {Compare}.FirstDifferentIndex<{e}>({a}, {b});");
                    w.Line($"if (__index == -2) return {Quote(m.Name + "." + count)};");
                    w.Line($"if (__index >= 0) return {States}.Indexed({path}, __index) + {Compare}.StructPath<{e}>({a}[__index], {b}[__index]);");
                    w.Close();
                    return;
            }

            string call;
            switch (m.Kind)
            {
                case MemberKind.StateObject: call = $"{States}.DifferenceOfObject<{e}>({a}, {b}, {path})"; break;
                case MemberKind.StateStruct: call = $"{a}.RollbackMemberDifference({b})"; break;
                case MemberKind.StateObjectArray: call = $"{States}.DifferenceOfObjects<{e}>({a}, {b}, {path})"; break;
                case MemberKind.StateStructArray: call = $"{States}.DifferenceOfStructs<{e}>({a}, {b}, {path})"; break;
                case MemberKind.StateObjectList: call = $"{States}.DifferenceOfObjectList<{e}>({a}, {b}, {path})"; break;
                default: call = $"{States}.DifferenceOfStructList<{e}>({a}, {b}, {path})"; break;
            }

            w.Open("");
            w.Line($"string __difference = {call};");
            w.Line(m.Kind == MemberKind.StateStruct
                ? $"if (__difference != null) return {Quote(m.Name + ".")} + __difference;"
                : "if (__difference != null) return __difference;");
            w.Close();
        }

        // Objects are written and read inline rather than through shared generic helpers: a call on the
        // concrete type is direct, where shared generic code for reference types dispatches through an interface.
        private static void WriteObject(CodeWriter w, string e, string path)
        {
            w.Line("if (__item == null) writer.WritePresence(false);");
            w.Open("else");
            w.Line($"if (__item.GetType() != typeof({e})) {Encoding}.EnsureExactType(__item, typeof({e}), {path});");
            w.Line("writer.WritePresence(true);");
            w.Line("__item.RollbackWriteBodyExact(ref writer);");
            w.Close();
        }

        /// <summary>
        /// Reads one nullable object into <c>__object</c>, reusing <c>__existing</c> when it has the exact type and
        /// otherwise taking a kept object of the type (see <c>RollbackPool&lt;T&gt;</c>) before constructing one.
        /// </summary>
        private static void ReadObject(CodeWriter w, string e)
        {
            w.Line($"{e} __object = null;");
            w.Open("if (reader.ReadPresence())");
            w.Line($"__object = __existing != null && __existing.GetType() == typeof({e}) ? __existing : {Recycling}.TryTake<{e}>() ?? new {e}();");
            w.Line("__object.RollbackReadBodyExact(ref reader);");
            w.Close();
        }

        /// <summary>
        /// Objects a restore stops referencing go to their type's pool: the tail of a collection that shrank, every
        /// element of one the snapshot sets to null, and an element the snapshot empties. A readonly collection
        /// that would have to be replaced throws instead, so its elements are left where they are.
        /// </summary>
        private static void DropElements(CodeWriter w, string e, string count, string from)
        {
            w.Line(DropLoop(e, count, from));
        }

        private static void ReadObjectArray(CodeWriter w, string e, bool replaceable)
        {
            w.Line("int __count = reader.ReadCount(1);");
            w.Open("if (__count < 0)");
            if (replaceable)
            {
                w.Line("if (__value != null) " + DropLoop(e, "Length", "0"));
            }

            w.Line("__value = null;");
            w.Close();
            w.Open("else");
            w.Open("if (__value == null || __value.Length != __count)");
            if (replaceable)
            {
                w.Line("if (__value != null) " + DropLoop(e, "Length", "__count"));
            }

            w.Line($"__value = {States}.Resized<{e}>(__value, __count);");
            w.Close();
            w.Open("for (int __i = 0; __i < __count; __i++)");
            w.Line("var __existing = __value[__i];");
            ReadObject(w, e);
            w.Open("if (!global::System.Object.ReferenceEquals(__object, __existing))");
            w.Line($"{Recycling}.Drop<{e}>(__existing);");
            w.Line("__value[__i] = __object;");
            w.Close();
            w.Close();
            w.Close();
        }

        private static void ReadObjectList(CodeWriter w, string listType, string e, bool replaceable)
        {
            w.Line("int __count = reader.ReadCount(1);");
            w.Open("if (__count < 0)");
            if (replaceable)
            {
                w.Line("if (__value != null) " + DropLoop(e, "Count", "0"));
            }

            w.Line("__value = null;");
            w.Close();
            w.Open("else");
            w.Line($"if (__value == null) __value = new {listType}(__count);");
            w.Open("else if (__value.Count > __count)");
            DropElements(w, e, "Count", "__count");
            w.Line("__value.RemoveRange(__count, __value.Count - __count);");
            w.Close();
            w.Open("for (int __i = 0; __i < __count; __i++)");
            w.Line("var __existing = __i < __value.Count ? __value[__i] : null;");
            ReadObject(w, e);
            w.Line("if (__i >= __value.Count) __value.Add(__object);");
            w.Open("else if (!global::System.Object.ReferenceEquals(__object, __existing))");
            w.Line($"{Recycling}.Drop<{e}>(__existing);");
            w.Line("__value[__i] = __object;");
            w.Close();
            w.Close();
            w.Close();
        }

        private static string DropLoop(string e, string count, string from) =>
            $"for (int __j = {from}; __j < __value.{count}; __j++) {Recycling}.Drop<{e}>(__value[__j]);";

        private static void ReadThroughTemporary(CodeWriter w, MemberModel m, System.Action<CodeWriter> read)
        {
            string self = "this." + m.Name;
            w.Open("");
            w.Line($"var __value = {self};");
            read(w);
            if (m.IsReadOnly)
            {
                w.Line($"{Encoding}.EnsureSameInstance({self}, __value, {Quote(m.Name)});");
            }
            else
            {
                w.Line($"if (!global::System.Object.ReferenceEquals(__value, {self})) {self} = __value;");
            }

            w.Close();
        }

        private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
