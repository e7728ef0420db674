namespace Rollback.Analyzers.Scope
{
    /// <summary>What a body of simulation code needs before its rules and its calls are known (see <see cref="BodyTriggers.Scan"/>).</summary>
    internal enum BodyNeed
    {
        /// <summary>Nothing any rule or the call graph looks for: never bound.</summary>
        None,

        /// <summary>Only words naming methods (or types with static initialization) of the project: the calls may be resolved by name (see <see cref="CallResolver"/>).</summary>
        Calls,

        /// <summary>Something a rule looks for, or a call graph that needs the body's operations: bound.</summary>
        Bind,
    }
}
