// Code fixes for the determinism analyzers are added to this assembly by the analyzers issue.
namespace Rollback.Analyzers.CodeFixes
{
    /// <summary>Equivalence keys shared by the code fixes.</summary>
    internal static class CodeFixKeys
    {
        /// <summary>Prefix of every equivalence key.</summary>
        public const string Prefix = "Rollback.";
    }
}
