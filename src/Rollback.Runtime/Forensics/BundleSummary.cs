using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rollback.Forensics
{
    /// <summary>The human-readable <c>summary.txt</c> of a desync bundle.</summary>
    internal static class BundleSummary
    {
        /// <summary>Frames of inputs listed before the desync frame.</summary>
        public const int InputFramesShown = 12;

        public static string Write(DesyncBundle bundle)
        {
            var text = new StringBuilder();
            text.Append("DESYNC at frame ").Append(Num(bundle.Frame)).Append('\n');
            text.Append("  ").Append(bundle.LocalLabel).Append(" checksum  ").Append(Hex(bundle.LocalChecksum)).Append('\n');
            text.Append("  ").Append(bundle.RemoteLabel).Append(" checksum  ").Append(Hex(bundle.RemoteChecksum)).Append('\n');
            text.Append("state type ").Append(bundle.StateTypeName).Append(" (schema ").Append(Hex(bundle.SchemaId)).Append(")\n\n");

            if (!bundle.HasRemoteSnapshot)
            {
                text.Append("The remote snapshot was not received: the differing members are unknown.\n");
            }
            else if (bundle.Differences.Count == 0)
            {
                text.Append("Differing members: not computed (run `rollback diff <this folder> --assembly <Game.dll>`).\n");
            }
            else
            {
                int width = Math.Max(6, bundle.Differences.Max(d => d.Path.Length));
                int left = Math.Max(bundle.LocalLabel.Length, bundle.Differences.Max(d => d.Left.Length));
                text.Append("Differing members (").Append(Num(bundle.Differences.Count)).Append(bundle.DifferencesTruncated ? ", more not listed" : string.Empty).Append("):\n");
                text.Append("  ").Append("member".PadRight(width)).Append("  ").Append(bundle.LocalLabel.PadRight(left)).Append("  ").Append(bundle.RemoteLabel).Append('\n');
                foreach (StateDifference d in bundle.Differences)
                {
                    text.Append("  ").Append(d.Path.PadRight(width)).Append("  ").Append(d.Left.PadRight(left)).Append("  ").Append(d.Right).Append('\n');
                }
            }

            InputLog inputs = bundle.Inputs;
            text.Append("\nConfirmed inputs (").Append(Num(inputs.FrameCount)).Append(" frames from the anchor snapshot of frame ").Append(Num(bundle.AnchorFrame)).Append(')');
            if (inputs.FrameCount > 0)
            {
                int from = Math.Max(inputs.StartFrame, inputs.EndFrame - InputFramesShown);
                text.Append(", last ").Append(Num(inputs.EndFrame - from)).Append(":\n");
                text.Append("  frame  ").Append(string.Join("  ", Enumerable.Range(0, inputs.PlayerCount).Select(p => ("p" + Num(p)).PadRight(8)))).Append('\n');
                for (int f = from; f < inputs.EndFrame; f++)
                {
                    text.Append("  ").Append(Num(f).PadLeft(5)).Append("  ");
                    text.Append(string.Join("  ", Enumerable.Range(0, inputs.PlayerCount).Select(p => bundle.InputText(f, p).PadRight(8)))).Append('\n');
                }
            }
            else
            {
                text.Append(".\n");
            }

            if (bundle.Settings.Count > 0)
            {
                text.Append("\nSession settings:\n");
                foreach (var setting in bundle.Settings)
                {
                    text.Append("  ").Append(setting.Key).Append(" = ").Append(setting.Value).Append('\n');
                }
            }

            text.Append("\nInvestigate: rollback diff <this folder> --assembly <Game.dll>; rollback report <this folder> -o report.html\n");
            return text.ToString();
        }

        private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Hex(ulong value) => "0x" + value.ToString("x16", CultureInfo.InvariantCulture);
    }
}
