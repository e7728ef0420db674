using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Analyzers.Scope
{
    /// <summary>The <c>.editorconfig</c> options of the determinism analyzers.</summary>
    internal static class ScopeOptions
    {
        /// <summary>
        /// <c>rollback_analyzers.scope</c>: <c>transitive</c> (default) analyzes declared simulation code
        /// and every method of the compilation it reaches; <c>declared</c> analyzes declared simulation
        /// code only.
        /// </summary>
        public const string ScopeKey = "rollback_analyzers.scope";

        /// <summary>Value of <see cref="ScopeKey"/> that limits analysis to declared simulation code.</summary>
        public const string Declared = "declared";

        /// <summary>Whether code in <paramref name="tree"/> is analyzed only when declared as simulation code.</summary>
        public static bool IsDeclaredOnly(AnalyzerOptions options, SyntaxTree? tree)
        {
            AnalyzerConfigOptionsProvider provider = options.AnalyzerConfigOptionsProvider;
            string? value = null;
            if (tree is not null && provider.GetOptions(tree).TryGetValue(ScopeKey, out string? treeValue))
            {
                value = treeValue;
            }
            else if (provider.GlobalOptions.TryGetValue(ScopeKey, out string? globalValue))
            {
                value = globalValue;
            }

            return value is not null && string.Equals(value.Trim(), Declared, StringComparison.OrdinalIgnoreCase);
        }
    }
}
