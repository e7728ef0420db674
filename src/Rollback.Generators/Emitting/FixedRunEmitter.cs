using System.Collections.Generic;
using System.Linq;
using Rollback.Generators.Model;

namespace Rollback.Generators.Emitting
{
    /// <summary>
    /// Writes and reads the members of a body in order, folding each run of two or more consecutive
    /// fixed-size (<see cref="MemberKind.Unmanaged"/>) members into one reserved block: one space check for
    /// the run instead of one per member. The bytes are the same as member-by-member writes.
    /// </summary>
    internal static class FixedRunEmitter
    {
        private const string Encoding = "global::Rollback.Snapshots.SnapshotEncoding";

        public static void Emit(CodeWriter w, IEnumerable<MemberModel> members, BodyPass pass)
        {
            foreach (List<MemberModel> segment in Segments(members))
            {
                if (segment.Count == 1)
                {
                    pass.Member(w, segment[0]);
                    continue;
                }

                w.Open("");
                w.Line($"var __block = {pass.TakeBlock}({RunSize(segment)});");
                w.Line("int __at = 0;");
                foreach (MemberModel m in segment)
                {
                    w.Line(pass.FixedMember(m));
                }

                w.Close();
            }
        }

        private static string RunSize(List<MemberModel> run) =>
            string.Join(" + ", run.Select(m => $"{Encoding}.SizeOf<{m.TypeName}>()"));

        /// <summary>Splits the members into runs of consecutive fixed-size members and single other members.</summary>
        private static IEnumerable<List<MemberModel>> Segments(IEnumerable<MemberModel> members)
        {
            var run = new List<MemberModel>();
            foreach (MemberModel m in members)
            {
                if (m.Kind == MemberKind.Unmanaged)
                {
                    run.Add(m);
                    continue;
                }

                if (run.Count > 0)
                {
                    yield return run;
                    run = new List<MemberModel>();
                }

                yield return new List<MemberModel> { m };
            }

            if (run.Count > 0)
            {
                yield return run;
            }
        }
    }
}
