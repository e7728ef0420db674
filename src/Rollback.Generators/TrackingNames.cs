namespace Rollback.Generators
{
    /// <summary>Names of the pipeline steps, for incrementality tests.</summary>
    internal static class TrackingNames
    {
        /// <summary>Step 1: attributed types turned into results (model plus diagnostics).</summary>
        public const string Results = "RollbackState.Results";

        /// <summary>Step 2a: the models that can be emitted.</summary>
        public const string Models = "RollbackState.Models";

        /// <summary>Step 2b: the diagnostics to report.</summary>
        public const string Diagnostics = "RollbackState.Diagnostics";
    }
}
