using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Rollback.Api.Tests
{
    /// <summary>
    /// Compares a text with its approved copy under <c>tests/Rollback.Api.Tests/Approved</c>. On a difference the test
    /// fails listing the added and removed lines and writes <c>NAME.received.txt</c> beside the approved file; run with
    /// <c>ROLLBACK_ACCEPT_API=1</c> to accept the new text (the approved file is then rewritten and the test passes).
    /// </summary>
    internal static class ApprovedText
    {
        public const string AcceptVariable = "ROLLBACK_ACCEPT_API";

        public static string Directory()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rollback.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                throw new InvalidOperationException("Rollback.sln not found above " + AppContext.BaseDirectory);
            }

            return Path.Combine(dir.FullName, "tests", "Rollback.Api.Tests", "Approved");
        }

        public static void Verify(string name, string actual)
        {
            string approvedPath = Path.Combine(Directory(), name + ".txt");
            string receivedPath = Path.Combine(Directory(), name + ".received.txt");
            bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
            string? approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : null;
            if (approved == actual)
            {
                File.Delete(receivedPath);
                return;
            }

            if (accept)
            {
                File.WriteAllText(approvedPath, actual);
                File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, actual);
            string[] before = (approved ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string added = string.Join("\n", after.Except(before).Select(l => "+ " + l));
            string removed = string.Join("\n", before.Except(after).Select(l => "- " + l));
            Assert.Fail(
                (approved is null ? $"No approved API text at {approvedPath}." : $"The public API differs from {approvedPath}.")
                + $"\n{removed}\n{added}\nThe new text is in {receivedPath}. If the change is intended, run the tests with {AcceptVariable}=1 and commit the approved file.");
        }
    }
}
