using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rollback.Analyzers.Scope;

namespace Rollback.Analyzers
{
    /// <summary>
    /// One concern's checks for one compilation. Created at compilation start with its well-known
    /// symbols resolved once; called only for simulation code.
    /// </summary>
    internal abstract class SimulationRule
    {
        /// <summary>Whether <see cref="AnalyzeSymbol"/> should be called for methods, fields and properties in scope.</summary>
        public virtual bool AnalyzesSymbols => false;

        /// <summary>Registers operation actions for one operation block of simulation code.</summary>
        public abstract void AnalyzeBlock(OperationBlockStartAnalysisContext context, ScopeEntry entry);

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
}
