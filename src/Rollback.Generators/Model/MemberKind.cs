namespace Rollback.Generators.Model
{
    /// <summary>How a state member is encoded. Each kind maps to one runtime helper call.</summary>
    internal enum MemberKind
    {
        /// <summary>Primitive, enum, char, bool or unmanaged struct: raw bytes.</summary>
        Unmanaged,

        /// <summary><c>Nullable&lt;T&gt;</c> of an unmanaged type.</summary>
        Nullable,

        /// <summary><c>string</c>.</summary>
        String,

        /// <summary>Fixed-size buffer in a struct.</summary>
        FixedBuffer,

        /// <summary>Array of an unmanaged type.</summary>
        UnmanagedArray,

        /// <summary><c>List&lt;T&gt;</c> of an unmanaged type.</summary>
        UnmanagedList,

        /// <summary>Nested <c>[RollbackState]</c> class (null allowed).</summary>
        StateObject,

        /// <summary>Nested <c>[RollbackState]</c> struct.</summary>
        StateStruct,

        /// <summary>Array of <c>[RollbackState]</c> classes.</summary>
        StateObjectArray,

        /// <summary>Array of <c>[RollbackState]</c> structs.</summary>
        StateStructArray,

        /// <summary><c>List&lt;T&gt;</c> of <c>[RollbackState]</c> classes.</summary>
        StateObjectList,

        /// <summary><c>List&lt;T&gt;</c> of <c>[RollbackState]</c> structs.</summary>
        StateStructList,
    }
}
