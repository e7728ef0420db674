using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollback.Generators.Emitting;
using Rollback.Generators.Model;
using Rollback.Generators.Parsing;

namespace Rollback.Generators
{
    /// <summary>
    /// Generates snapshot save/restore, counters, checksum and comparison code for every
    /// <c>[RollbackState]</c> type, in three stages: find the attributed types, turn each into a
    /// value-equatable model with no symbols in it, emit source from the model.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RollbackStateGenerator : IIncrementalGenerator
    {
        /// <summary>Metadata name of the attribute that marks a state type.</summary>
        public const string AttributeMetadataName = "Rollback.RollbackStateAttribute";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<StateResult> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    AttributeMetadataName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => StateModelBuilder.Build(ctx, ct))
                .WithTrackingName(TrackingNames.Results);

            IncrementalValuesProvider<StateModel> models = results
                .Where(static r => r.Model is not null)
                .Select(static (r, _) => r.Model!)
                .WithTrackingName(TrackingNames.Models);

            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
                .Select(static (r, _) => r.Diagnostics)
                .Where(static d => d.Count > 0)
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(diagnostics, static (spc, items) =>
            {
                foreach (DiagnosticInfo item in items)
                {
                    spc.ReportDiagnostic(item.ToDiagnostic());
                }
            });

            context.RegisterSourceOutput(models, static (spc, model) =>
                spc.AddSource(model.HintName, StateEmitter.Emit(model)));

            context.RegisterSourceOutput(models, static (spc, model) =>
                spc.AddSource(DifferenceEmitter.HintName(model), DifferenceEmitter.Emit(model)));
        }
    }
}
