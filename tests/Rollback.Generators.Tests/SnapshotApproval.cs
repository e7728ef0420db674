using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Rollback.Generators.Tests
{
    /// <summary>
    /// Approval testing of generated source, with Verify's file naming
    /// (<c>Class.Method#Hint.g.verified.cs</c>) so that moving to Verify.SourceGenerators is a one-line
    /// change. A missing or different snapshot fails with a readable diff and writes a
    /// <c>.received.cs</c> file beside it; set <c>ROLLBACK_ACCEPT_SNAPSHOTS=1</c> to accept new output.
    /// </summary>
    internal static class SnapshotApproval
    {
        public const string AcceptVariable = "ROLLBACK_ACCEPT_SNAPSHOTS";

        public static void Verify(string actual, string className, string methodName, string hintName, [CallerFilePath] string callerFile = "")
        {
            string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
            string stem = $"{className}.{methodName}#{Path.GetFileNameWithoutExtension(hintName)}";
            string verifiedPath = Path.Combine(directory, stem + ".verified.cs");
            string receivedPath = Path.Combine(directory, stem + ".received.cs");
            actual = Normalize(actual);

            bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
            if (!File.Exists(verifiedPath))
            {
                if (accept)
                {
                    Directory.CreateDirectory(directory);
                    File.WriteAllText(verifiedPath, actual);
                    return;
                }

                File.WriteAllText(receivedPath, actual);
                throw new XunitException($"No approved snapshot {verifiedPath}. Review {receivedPath} and rerun with {AcceptVariable}=1 to accept it.");
            }

            string expected = Normalize(File.ReadAllText(verifiedPath));
            if (expected == actual)
            {
                if (File.Exists(receivedPath))
                {
                    File.Delete(receivedPath);
                }

                return;
            }

            if (accept)
            {
                File.WriteAllText(verifiedPath, actual);
                return;
            }

            File.WriteAllText(receivedPath, actual);
            throw new XunitException($"Generated source differs from {verifiedPath} (received: {receivedPath}; rerun with {AcceptVariable}=1 to accept):\n{Diff(expected, actual)}");
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n");

        private static string Diff(string expected, string actual)
        {
            DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual);
            var text = new StringBuilder();
            int shown = 0;
            foreach (DiffPiece line in diff.Lines)
            {
                if (line.Type == ChangeType.Unchanged)
                {
                    continue;
                }

                text.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").Append(line.Position?.ToString() ?? "?").Append(": ").AppendLine(line.Text);
                if (++shown == 60)
                {
                    text.AppendLine("…");
                    break;
                }
            }

            return text.ToString();
        }
    }
}
