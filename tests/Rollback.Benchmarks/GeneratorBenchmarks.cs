using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollback.Benchmarks.Roslyn;

namespace Rollback.Benchmarks
{
    /// <summary>
    /// Time to run the <c>[RollbackState]</c> generator over 1, 100 and 1,000 state types in one compilation
    /// (each type with a nested item type, so 2 × <see cref="Types"/> types are generated), and to re-run it after
    /// an edit of a file with no state type in it. Every iteration gets a fresh compilation (nothing bound yet, as in
    /// a build); parsing is done once, outside the measurement. The setup checks that the generated code compiles and
    /// that the re-run is fully cached (every tracked step and output Cached or Unchanged), and prints it.
    /// </summary>
    [MemoryDiagnoser]
    [RoslynJob]
    public class GeneratorBenchmarks
    {
        private static readonly string[] TrackedSteps = { "RollbackState.Results", "RollbackState.Models", "RollbackState.Diagnostics" };
        private SyntaxTree[] _trees = null!;
        private SyntaxTree _helpers = null!;
        private GeneratorDriver _ranOnce = null!;
        private CSharpCompilation _ranOn = null!;
        private CSharpCompilation _fresh = null!;
        private CSharpCompilation _edited = null!;
        private CSharpCompilation _editedFromScratch = null!;
        private int _edit;

        [Params(1, 100, 1000)]
        public int Types { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            SyntaxTree states = RoslynSupport.Parse(SourceFactory.StateTypes(Types), "States.cs");
            _helpers = RoslynSupport.Parse(SourceFactory.Helpers(0), "Helpers.cs");
            _trees = new[] { states, _helpers };

            // The generated code compiles, and there is one file per state type.
            CSharpCompilation compilation = RoslynSupport.Compile("GeneratorBench", _trees);
            RoslynSupport.CreateGeneratorDriver(track: false).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
            RoslynSupport.ThrowOnErrors("generator", generatorDiagnostics);
            RoslynSupport.ThrowOnErrors("generated code", output.GetDiagnostics());
            int generated = output.SyntaxTrees.Count() - _trees.Length;
            if (generated != 2 * Types)
            {
                throw new InvalidOperationException($"Expected {2 * Types} generated files, got {generated}.");
            }

            // The re-run after an unrelated edit is fully cached.
            GeneratorDriver tracked = RoslynSupport.CreateGeneratorDriver(track: true).RunGenerators(compilation);
            tracked = tracked.RunGenerators(Edit(compilation, -1));
            GeneratorRunResult run = tracked.GetRunResult().Results.Single();
            var reasons = run.TrackedSteps.Where(kv => TrackedSteps.Contains(kv.Key)).SelectMany(kv => kv.Value)
                .Concat(run.TrackedOutputSteps.SelectMany(kv => kv.Value))
                .SelectMany(step => step.Outputs.Select(o => o.Reason))
                .ToList();
            if (!run.TrackedSteps.ContainsKey("RollbackState.Results"))
            {
                throw new InvalidOperationException("The generator's tracked step RollbackState.Results was not found.");
            }

            var notCached = reasons.Where(r => r != IncrementalStepRunReason.Cached && r != IncrementalStepRunReason.Unchanged).ToList();
            string summary = string.Join(", ", reasons.GroupBy(r => r).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            Console.WriteLine($"// generator, {Types} state type(s) (+{Types} nested): {generated} files generated; re-run after an unrelated edit: {reasons.Count} tracked outputs: {summary}");
            if (notCached.Count > 0)
            {
                throw new InvalidOperationException($"The re-run after an unrelated edit was not fully cached: {summary}.");
            }

            Console.WriteLine("// generator: re-run after an unrelated edit is FULLY CACHED");
            _ranOn = RoslynSupport.Compile("GeneratorBench", _trees);
            _ranOnce = RoslynSupport.CreateGeneratorDriver(track: false).RunGenerators(_ranOn);
        }

        [IterationSetup(Target = nameof(FullRun))]
        public void FreshCompilation() => _fresh = RoslynSupport.Compile("GeneratorBench", _trees);

        // As in the IDE: the edited compilation is the previous one with one tree replaced (declarations reused).
        [IterationSetup(Target = nameof(RerunAfterUnrelatedEdit))]
        public void EditedCompilation() => _edited = Edit(_ranOn, _edit++);

        [IterationSetup(Target = nameof(RerunAfterUnrelatedEditFromScratch))]
        public void EditedCompilationFromScratch() => _editedFromScratch = Edit(RoslynSupport.Compile("GeneratorBench", _trees), _edit++);

        [Benchmark(Baseline = true, Description = "full run (new driver, fresh compilation)")]
        public GeneratorDriver FullRun() => RoslynSupport.CreateGeneratorDriver(track: false).RunGenerators(_fresh);

        [Benchmark(Description = "re-run after an unrelated edit (edited previous compilation, cached)")]
        public GeneratorDriver RerunAfterUnrelatedEdit() => _ranOnce.RunGenerators(_edited);

        [Benchmark(Description = "re-run after an unrelated edit (compilation rebuilt from scratch, cached)")]
        public GeneratorDriver RerunAfterUnrelatedEditFromScratch() => _ranOnce.RunGenerators(_editedFromScratch);

        private CSharpCompilation Edit(CSharpCompilation compilation, int edit) =>
            compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.Single(t => t.FilePath == _helpers.FilePath),
                RoslynSupport.Parse(SourceFactory.Helpers(edit + 1_000_000), _helpers.FilePath));
    }
}
