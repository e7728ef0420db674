using System.Globalization;
using Rollback.Generators.Model;

namespace Rollback.Generators.Emitting
{
    /// <summary>
    /// Stage 3 of the pipeline: emits the partial declaration for one <see cref="StateModel"/>. The
    /// output compiles as C# 9 (no file-scoped namespaces, no init, no required, no generic attributes).
    /// </summary>
    internal static class StateEmitter
    {
        private const string Encoding = "global::Rollback.Snapshots.SnapshotEncoding";
        private const string Hidden = CodeWriter.Hidden;

        public static string Emit(StateModel model)
        {
            var w = new CodeWriter();
            string interfaces = model.HasStateBase
                ? string.Empty
                : " : global::Rollback.IRollbackState, global::Rollback.IRollbackCounters, global::Rollback.Snapshots.ISnapshotBody";
            w.OpenStateFile(model, interfaces);

            EmitSchema(w, model);
            if (!model.HasStateBase)
            {
                if (model.IsStruct)
                {
                    EmitStructCounters(w);
                }
                else
                {
                    EmitCounters(w);
                }

                EmitSnapshotApi(w, model);
            }

            EmitBody(w, model);
            return w.CloseStateFile(model).ToString();
        }

        /// <summary>
        /// The body's write and read. A class gets them twice over: the virtual <c>RollbackWriteBody</c> /
        /// <c>RollbackReadBody</c> that snapshot helpers call, and non-virtual <c>...Exact</c> methods holding the
        /// members, which generated code calls on nested objects once their exact type is checked (a direct call the
        /// JIT can inline, where the virtual one costs a third of a nested save + restore).
        /// </summary>
        private static void EmitWriteAndRead(CodeWriter w, StateModel model, string modifier)
        {
            EmitBodyPass(w, model, modifier, BodyPass.Write);
            EmitBodyPass(w, model, modifier, BodyPass.Read);
        }

        private static void EmitBodyPass(CodeWriter w, StateModel model, string modifier, BodyPass pass)
        {
            if (model.IsStruct)
            {
                w.Line($"/// <summary>{pass.Summary}.</summary>");
                w.Line(Hidden);
                w.Open($"{modifier}void {pass.Method}({pass.Parameter})");
                FixedRunEmitter.Emit(w, model.Members, pass);
                w.Close();
                w.Line();
                return;
            }

            string exact = pass.Method + "Exact";
            w.Line($"/// <summary>{pass.Summary}, base members first.</summary>");
            w.Line(Hidden);
            w.Line($"{modifier}void {pass.Method}({pass.Parameter}) {{ {exact}({pass.Argument}); }}");
            w.Line();
            w.Line($"/// <summary>{pass.ExactSummary}, base members first, without virtual dispatch.</summary>");
            w.Line(Hidden);
            w.Open($"public {(model.HasStateBase ? "new " : string.Empty)}void {exact}({pass.Parameter})");
            if (model.HasStateBase)
            {
                w.Line($"base.{exact}({pass.Argument});");
            }

            FixedRunEmitter.Emit(w, model.Members, pass);
            w.Close();
            w.Line();
        }

        private static string VirtualModifier(StateModel model) =>
            model.HasStateBase ? "override " : model.IsStruct || model.IsSealed ? string.Empty : "virtual ";

        private static void EmitSchema(CodeWriter w, StateModel model)
        {
            string id = "0x" + model.SchemaId.ToString("X16", CultureInfo.InvariantCulture) + "UL";
            w.Line("/// <summary>Identifies this type and its member layout in snapshot headers.</summary>");
            w.Line(Hidden);
            if (model.IsStruct || (model.IsSealed && !model.HasStateBase))
            {
                w.Line($"private ulong RollbackSchemaId {{ get {{ return {id}; }} }}");
            }
            else
            {
                w.Line($"protected {VirtualModifier(model)}ulong RollbackSchemaId {{ get {{ return {id}; }} }}");
            }

            w.Line();
        }

        private static void EmitCounters(CodeWriter w)
        {
            w.Line("private int __rollbackFrame;");
            w.Line("private int __rollbackStepNum;");
            w.Line("private int __rollbackEpisode;");
            w.Line();
            w.Line("/// <summary>Ticks since the session started. Advanced only by the runtime.</summary>");
            w.Line("public int Frame { get { return __rollbackFrame; } }");
            w.Line();
            w.Line("/// <summary>Simulation steps since the current episode began. Advanced and reset only by the runtime.</summary>");
            w.Line("public int StepNum { get { return __rollbackStepNum; } }");
            w.Line();
            w.Line("/// <summary>Index of the current episode, starting at 0. Advanced only by the runtime.</summary>");
            w.Line("public int Episode { get { return __rollbackEpisode; } }");
            w.Line();
            w.Open("void global::Rollback.IRollbackCounters.SetCounters(int frame, int stepNum, int episode)");
            w.Line("__rollbackFrame = frame;");
            w.Line("__rollbackStepNum = stepNum;");
            w.Line("__rollbackEpisode = episode;");
            w.Close();
            w.Line();
        }

        /// <summary>
        /// A struct state is a value nested in a root state, never a session's root (sessions hold a class), so it
        /// gets no counter fields: adding fields in a second partial declaration of a struct would make its
        /// layout order undefined (CS0282). Its counters read 0 and the runtime never sets them.
        /// </summary>
        private static void EmitStructCounters(CodeWriter w)
        {
            w.Line("/// <summary>Always 0: a [RollbackState] struct is nested state; the root state class holds the session's counters.</summary>");
            w.Line("public int Frame { get { return 0; } }");
            w.Line();
            w.Line("/// <summary>Always 0: a [RollbackState] struct is nested state; the root state class holds the session's counters.</summary>");
            w.Line("public int StepNum { get { return 0; } }");
            w.Line();
            w.Line("/// <summary>Always 0: a [RollbackState] struct is nested state; the root state class holds the session's counters.</summary>");
            w.Line("public int Episode { get { return 0; } }");
            w.Line();
            w.Open("void global::Rollback.IRollbackCounters.SetCounters(int frame, int stepNum, int episode)");
            w.Line("throw new global::System.NotSupportedException(\"A [RollbackState] struct cannot be a session's root state; use a [RollbackState] class.\");");
            w.Close();
            w.Line();
        }

        private static void EmitSnapshotApi(CodeWriter w, StateModel model)
        {
            string frame = model.IsStruct ? "0" : "__rollbackFrame";
            string stepNum = model.IsStruct ? "0" : "__rollbackStepNum";
            string episode = model.IsStruct ? "0" : "__rollbackEpisode";
            w.Line("/// <inheritdoc cref=\"global::Rollback.IRollbackState.SnapshotSize\"/>");
            w.Line($"public int SnapshotSize {{ get {{ return {Encoding}.HeaderSize + {Encoding}.CountersSize + RollbackBodySize(); }} }}");
            w.Line();
            w.Line("/// <inheritdoc cref=\"global::Rollback.IRollbackState.Save\"/>");
            w.Open("public int Save(global::System.Span<byte> destination)");
            w.Line($"var writer = new global::Rollback.Snapshots.SnapshotWriter({Encoding}.BodyOf(destination, GetType()));");
            w.Line($"writer.Write<int>({frame});");
            w.Line($"writer.Write<int>({stepNum});");
            w.Line($"writer.Write<int>({episode});");
            w.Line("RollbackWriteBody(ref writer);");
            w.Line($"{Encoding}.WriteHeader(destination, RollbackSchemaId, writer.Position);");
            w.Line($"return {Encoding}.HeaderSize + writer.Position;");
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc cref=\"global::Rollback.IRollbackState.Restore\"/>");
            w.Open("public void Restore(global::System.ReadOnlySpan<byte> source)");
            w.Line($"global::System.ReadOnlySpan<byte> body = {Encoding}.ReadHeader(source, RollbackSchemaId, GetType());");
            w.Line("var reader = new global::Rollback.Snapshots.SnapshotReader(body);");
            w.Line("int frame = reader.Read<int>();");
            w.Line("int stepNum = reader.Read<int>();");
            w.Line("int episode = reader.Read<int>();");
            w.Line("RollbackReadBody(ref reader);");
            w.Line($"{Encoding}.EnsureFullyRead(reader.Position, body.Length, GetType());");
            if (!model.IsStruct)
            {
                w.Line("__rollbackFrame = frame;");
                w.Line("__rollbackStepNum = stepNum;");
                w.Line("__rollbackEpisode = episode;");
            }
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc cref=\"global::Rollback.IRollbackState.Checksum\"/>");
            w.Line($"public ulong Checksum() {{ return {Encoding}.ChecksumOf(this); }}");
            w.Line();
            w.Line("/// <inheritdoc cref=\"global::Rollback.IRollbackState.FirstDifference\"/>");
            w.Open("public string FirstDifference(global::Rollback.IRollbackState other)");
            w.Line("if (other == null) throw new global::System.ArgumentNullException(nameof(other));");
            w.Line("if (other.GetType() != GetType()) return \"<type: \" + other.GetType().FullName + \">\";");
            w.Line($"if (other.Frame != {frame}) return \"Frame\";");
            w.Line($"if (other.StepNum != {stepNum}) return \"StepNum\";");
            w.Line($"if (other.Episode != {episode}) return \"Episode\";");
            w.Line("return RollbackMemberDifference(other);");
            w.Close();
            w.Line();
        }

        private static void EmitBody(CodeWriter w, StateModel model)
        {
            string modifier = "public " + VirtualModifier(model);

            w.Line("/// <summary>Bytes the members take in a snapshot body.</summary>");
            w.Line(Hidden);
            w.Open($"{modifier}int RollbackBodySize()");
            w.Line(model.HasStateBase ? "int size = base.RollbackBodySize();" : "int size = 0;");
            foreach (MemberModel m in model.Members)
            {
                w.Line($"size += {MemberEmitter.SizeExpression(m)};");
            }

            w.Line("return size;");
            w.Close();
            w.Line();

            EmitWriteAndRead(w, model, modifier);

            w.Line("/// <summary>Path of the first member that differs from <paramref name=\"other\"/>'s, or null.</summary>");
            w.Line(Hidden);
            w.Open($"{modifier}string RollbackMemberDifference(object other)");
            if (model.HasStateBase)
            {
                w.Line("string __base = base.RollbackMemberDifference(other);");
                w.Line("if (__base != null) return __base;");
            }

            w.Line($"var __other = ({model.Name})other;");
            foreach (MemberModel m in model.Members)
            {
                MemberEmitter.Difference(w, m);
            }

            w.Line("return null;");
            w.Close();
        }
    }
}
