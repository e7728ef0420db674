using System.IO;
using System.Text;
using Rollback.Forensics;
using Rollback.Reports;

namespace Rollback.Tool
{
    /// <summary>What a path given to the tool holds, recognised by its content.</summary>
    internal enum InputKind
    {
        Replay,
        Export,
        Bundle,
    }

    internal static class InputKinds
    {
        public static InputKind Of(string path)
        {
            if (Directory.Exists(path))
            {
                if (DesyncBundle.IsBundle(path))
                {
                    return InputKind.Bundle;
                }

                throw new ReportInputException($"{path} is a folder but not a desync bundle (it has no {DesyncBundle.ManifestFileName}).");
            }

            if (!File.Exists(path))
            {
                throw new ReportInputException($"{path} does not exist.");
            }

            if (Path.GetFileName(path) == DesyncBundle.ManifestFileName)
            {
                return InputKind.Bundle;
            }

            var head = new byte[8];
            int read;
            using (FileStream stream = File.OpenRead(path))
            {
                read = stream.Read(head, 0, head.Length);
            }

            if (read == 8 && Encoding.ASCII.GetString(head) == "RBREPLAY")
            {
                return InputKind.Replay;
            }

            if (CsvExport.Looks(path))
            {
                return InputKind.Export;
            }

            throw new ReportInputException($"{path} is not a Rollback replay, CSV export or desync bundle.");
        }

        /// <summary>The bundle folder of a path that is the folder or its manifest.</summary>
        public static string BundleFolder(string path) =>
            Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
    }
}
