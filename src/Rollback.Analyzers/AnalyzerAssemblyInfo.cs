// The determinism analyzers are added to this assembly by the analyzers issue.
namespace Rollback.Analyzers
{
    /// <summary>Holds the diagnostic category used by every determinism rule.</summary>
    internal static class DiagnosticCategories
    {
        /// <summary>Category of the determinism rules.</summary>
        public const string Determinism = "Determinism";
    }
}
