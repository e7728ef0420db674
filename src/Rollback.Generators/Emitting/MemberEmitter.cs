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
                case MemberKind.StateObject: w.Line($"{States}.WriteObject<{e}>(ref writer, {self}, {path});"); break;
                case MemberKind.StateStruct: w.Line($"{self}.RollbackWriteBody(ref writer);"); break;
                case MemberKind.StateObjectArray: w.Line($"{States}.WriteObjects<{e}>(ref writer, {self}, {path});"); break;
                case MemberKind.StateStructArray: w.Line($"{States}.WriteStructs<{e}>(ref writer, {self});"); break;
                case MemberKind.StateObjectList: w.Line($"{States}.WriteObjectList<{e}>(ref writer, {self}, {path});"); break;
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
                case MemberKind.StateObject: w.Line($"{self} = {States}.ReadObject<{e}>(ref reader, {self});"); return;
                case MemberKind.StateStruct:
                    if (m.IsProperty)
                    {
                        ReadThroughTemporary(w, m, $"__value.RollbackReadBody(ref reader);");
                    }
                    else
                    {
                        w.Line($"{self}.RollbackReadBody(ref reader);");
                    }

                    return;
            }

            // Collections: read through a temporary so fields, properties and readonly fields share one shape.
            string call;
            switch (m.Kind)
            {
                case MemberKind.UnmanagedArray: call = $"reader.ReadArray<{e}>(ref __value);"; break;
                case MemberKind.UnmanagedList: call = $"reader.ReadList<{e}>(ref __value);"; break;
                case MemberKind.StateObjectArray: call = $"{States}.ReadObjects<{e}>(ref reader, ref __value);"; break;
                case MemberKind.StateStructArray: call = $"{States}.ReadStructs<{e}>(ref reader, ref __value);"; break;
                case MemberKind.StateObjectList: call = $"{States}.ReadObjectList<{e}>(ref reader, ref __value);"; break;
                default: call = $"{States}.ReadStructList<{e}>(ref reader, ref __value);"; break;
            }

            ReadThroughTemporary(w, m, call);
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

        private static void ReadThroughTemporary(CodeWriter w, MemberModel m, string call)
        {
            string self = "this." + m.Name;
            w.Open("");
            w.Line($"var __value = {self};");
            w.Line(call);
            if (m.IsReadOnly)
            {
                w.Line($"{Encoding}.EnsureSameInstance({self}, __value, {Quote(m.Name)});");
            }
            else
            {
                w.Line($"{self} = __value;");
            }

            w.Close();
        }

        private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
