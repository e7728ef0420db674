using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers
{
    /// <summary>
    /// One concern's checks for one compilation. Created at compilation start with its well-known
    /// symbols resolved once; called only for simulation code, once per operation of every body in scope.
    /// </summary>
    internal abstract class SimulationRule
    {
        /// <summary>Whether <see cref="AnalyzeSymbol"/> should be called for methods, fields and properties in scope.</summary>
        public virtual bool AnalyzesSymbols => false;

        /// <summary>Checks one operation of a body in scope (every operation of the body, lambdas and local functions included).</summary>
        public abstract void AnalyzeOperation(OperationContext context);

        /// <summary>Checks the declaration of a method, field or property in scope.</summary>
        public virtual void AnalyzeSymbol(SymbolAnalysisContext context, ScopeEntry entry)
        {
        }

        /// <summary>Whether the operation is inside <c>nameof(...)</c>, where nothing is evaluated.</summary>
        protected static bool IsInNameOf(IOperation operation)
        {
            for (IOperation? op = operation.Parent; op is not null; op = op.Parent)
            {
                if (op is INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Strips implicit conversions.</summary>
        protected static IOperation SkipImplicitConversions(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>Strips every conversion, implicit or explicit.</summary>
        protected static IOperation SkipConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }

    /// <summary>One operation of a body in scope, handed to every rule.</summary>
    internal sealed class OperationContext
    {
        private readonly System.Action<Diagnostic> _report;

        public OperationContext(ScopeEntry entry, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            Entry = entry;
            _report = report;
            CancellationToken = cancellationToken;
            Operation = null!;
        }

        /// <summary>The operation being checked.</summary>
        public IOperation Operation { get; internal set; }

        /// <summary>The member in scope whose body holds the operation.</summary>
        public ScopeEntry Entry { get; }

        /// <summary>Cancellation of the analysis.</summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>Reports a diagnostic.</summary>
        public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);
    }
}
