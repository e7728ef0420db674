using System;

namespace Rollback.Generators.Model
{
    /// <summary>What the first pipeline stage yields for one attributed type: a model (null when the type cannot be generated) and its diagnostics.</summary>
    /// <param name="Model">The model, or null.</param>
    /// <param name="Diagnostics">Errors and warnings about the type and its members.</param>
    internal sealed record StateResult(StateModel? Model, EquatableArray<DiagnosticInfo> Diagnostics) : IEquatable<StateResult>;
}
