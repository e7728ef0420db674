using Rollback.Generators.Model;

namespace Rollback.Generators.Emitting
{
    /// <summary>
    /// Emits the second generated file of a state type: a partial declaration implementing
    /// <c>Rollback.Forensics.IStateDifferences</c>, which lists every differing member with both values, and on
    /// root types the public <c>Differences(other, maxCount)</c>. Nothing here runs unless called, so the snapshot
    /// hot path is unchanged. Compiles as C# 9.
    /// </summary>
    internal static class DifferenceEmitter
    {
        private const string Forensics = "global::Rollback.Forensics";
        private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
        private const string Hidden = CodeWriter.Hidden;

        /// <summary>Hint name of the differences file of <paramref name="model"/>.</summary>
        public static string HintName(StateModel model) =>
            model.HintName.Substring(0, model.HintName.Length - ".g.cs".Length) + ".Differences.g.cs";

        public static string Emit(StateModel model)
        {
            var w = new CodeWriter();
            string interfaces = model.HasStateBase ? string.Empty : $" : {Forensics}.IStateDifferences";
            w.OpenStateFile(model, interfaces);

            if (!model.HasStateBase)
            {
                EmitPublicApi(w);
            }

            EmitCollect(w, model);
            return w.CloseStateFile(model).ToString();
        }

        private static void EmitPublicApi(CodeWriter w)
        {
            w.Line("/// <summary>");
            w.Line("/// Every member that differs from <paramref name=\"other\"/>'s, in member order, with its path (for example");
            w.Line("/// <c>Players[1].Position.X</c>) and both values formatted invariantly; at most <paramref name=\"maxCount\"/>.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"other\">A state of the same type.</param>");
            w.Line("/// <param name=\"maxCount\">The most differences listed.</param>");
            w.Line("/// <returns>The differences; empty when the states are equal.</returns>");
            w.Open($"public {Forensics}.StateDifferenceList Differences(global::Rollback.IRollbackState other, int maxCount = {Forensics}.StateDifferences.DefaultMaxCount)");
            w.Line($"return {Forensics}.StateDifferences.Between(this, other, maxCount);");
            w.Close();
            w.Line();
        }

        private static void EmitCollect(CodeWriter w, StateModel model)
        {
            string modifier = model.HasStateBase ? "override " : model.IsStruct || model.IsSealed ? string.Empty : "virtual ";
            w.Line("/// <summary>Reports every member that differs from <paramref name=\"other\"/>'s, base members first.</summary>");
            w.Line(Hidden);
            w.Open($"public {modifier}void RollbackCollectDifferences(object other, {Forensics}.DifferenceCollector collector)");
            if (model.HasStateBase)
            {
                w.Line("base.RollbackCollectDifferences(other, collector);");
            }

            if (model.Members.Count > 0)
            {
                w.Line($"var __other = ({model.Name})other;");
            }

            foreach (MemberModel m in model.Members)
            {
                w.Line(Statement(m));
            }

            w.Close();
        }

        private static string Statement(MemberModel m)
        {
            string a = "this." + m.Name;
            string b = "__other." + m.Name;
            string e = m.ElementTypeName;
            string name = "\"" + m.Name + "\"";
            switch (m.Kind)
            {
                case MemberKind.Unmanaged: return $"collector.Value<{m.TypeName}>({name}, {a}, {b});";
                case MemberKind.Nullable: return $"collector.Nullable<{e}>({name}, {a}, {b});";
                case MemberKind.String: return $"collector.Text({name}, {a}, {b});";
                case MemberKind.FixedBuffer:
                    return $"collector.Buffer<{e}>({name}, {Marshal}.CreateReadOnlySpan(ref {a}[0], {m.FixedSize}), {Marshal}.CreateReadOnlySpan(ref {b}[0], {m.FixedSize}));";
                case MemberKind.UnmanagedArray: return $"collector.Array<{e}>({name}, {a}, {b});";
                case MemberKind.UnmanagedList: return $"collector.List<{e}>({name}, {a}, {b});";
                case MemberKind.StateObject: return $"collector.Object<{e}>({name}, {a}, {b});";
                case MemberKind.StateStruct: return $"collector.Struct<{m.TypeName}>({name}, {a}, {b});";
                case MemberKind.StateObjectArray: return $"collector.Objects<{e}>({name}, {a}, {b});";
                case MemberKind.StateStructArray: return $"collector.Structs<{e}>({name}, {a}, {b});";
                case MemberKind.StateObjectList: return $"collector.ObjectList<{e}>({name}, {a}, {b});";
                default: return $"collector.StructList<{e}>({name}, {a}, {b});";
            }
        }
    }
}
