using System;

namespace Rollback
{
    /// <summary>
    /// Declares a type or member as simulation code, so that the Rollback determinism analyzers
    /// (diagnostics <c>RB2001</c>–<c>RB2009</c>) check it like the members of a
    /// <see cref="RollbackStateAttribute"/> type or of an <see cref="ISimulation{TState, TInput}"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Members of <c>[RollbackState]</c> types and of types implementing <c>ISimulation&lt;,&gt;</c> are
    /// simulation code without this attribute, and so is every method of the same project they call.
    /// Use it on helpers that the analyzers cannot see being called from the simulation (for example a
    /// static physics library called through a delegate or from another project), or with
    /// <c>rollback_analyzers.scope = declared</c> in <c>.editorconfig</c> to name the code to check.
    /// </para>
    /// <para>
    /// On a class it also applies to derived classes. The attribute has no effect at run time.
    /// </para>
    /// </remarks>
    /// <example>
    /// <code>
    /// [Deterministic]
    /// public static class Physics
    /// {
    ///     public static Fixed64 Integrate(Fixed64 position, Fixed64 velocity) =&gt; position + velocity;
    /// }
    /// </code>
    /// </example>
    [AttributeUsage(
        AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property,
        AllowMultiple = false,
        Inherited = true)]
    public sealed class DeterministicAttribute : Attribute
    {
    }
}
