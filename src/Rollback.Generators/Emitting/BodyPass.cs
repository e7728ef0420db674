using System;
using Rollback.Generators.Model;

namespace Rollback.Generators.Emitting
{
    /// <summary>
    /// What differs between the two directions of a snapshot body, so that saving and restoring are
    /// emitted by one piece of code: method names, the writer or reader parameter, the call that takes
    /// a block for a run of fixed-size members, and the statement for one member.
    /// </summary>
    internal sealed class BodyPass
    {
        public static readonly BodyPass Write = new BodyPass(
            verb: "Write",
            parameter: "ref global::Rollback.Snapshots.SnapshotWriter writer",
            argument: "ref writer",
            summary: "Writes the members",
            exactSummary: "Writes the members of exactly this type",
            takeBlock: "writer.Reserve",
            fixedMember: m => $"global::Rollback.Snapshots.SnapshotWriter.Put<{m.TypeName}>(__block, ref __at, this.{m.Name});",
            member: MemberEmitter.Write);

        public static readonly BodyPass Read = new BodyPass(
            verb: "Read",
            parameter: "ref global::Rollback.Snapshots.SnapshotReader reader",
            argument: "ref reader",
            summary: "Reads the members in place",
            exactSummary: "Reads the members of exactly this type in place",
            takeBlock: "reader.Take",
            fixedMember: m => $"this.{m.Name} = global::Rollback.Snapshots.SnapshotReader.Get<{m.TypeName}>(__block, ref __at);",
            member: MemberEmitter.Read);

        private BodyPass(
            string verb,
            string parameter,
            string argument,
            string summary,
            string exactSummary,
            string takeBlock,
            Func<MemberModel, string> fixedMember,
            Action<CodeWriter, MemberModel> member)
        {
            Method = "Rollback" + verb + "Body";
            Parameter = parameter;
            Argument = argument;
            Summary = summary;
            ExactSummary = exactSummary;
            TakeBlock = takeBlock;
            FixedMember = fixedMember;
            Member = member;
        }

        /// <summary><c>RollbackWriteBody</c> or <c>RollbackReadBody</c>; the non-virtual one adds <c>Exact</c>.</summary>
        public string Method { get; }

        public string Parameter { get; }

        public string Argument { get; }

        public string Summary { get; }

        public string ExactSummary { get; }

        /// <summary>The call that takes a checked block for a run of fixed-size members.</summary>
        public string TakeBlock { get; }

        /// <summary>The statement for one member of a fixed-size run, at <c>__at</c> in <c>__block</c>.</summary>
        public Func<MemberModel, string> FixedMember { get; }

        /// <summary>The statements for one member on its own.</summary>
        public Action<CodeWriter, MemberModel> Member { get; }
    }
}
