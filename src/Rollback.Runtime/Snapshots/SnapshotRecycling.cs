using System.ComponentModel;
using System.Runtime.CompilerServices;
using Rollback.Pooling;

namespace Rollback.Snapshots
{
    /// <summary>
    /// What generated restores call to keep nested state objects instead of leaving them to the garbage
    /// collector: a restore drops the objects its snapshot no longer has into the type's
    /// <see cref="RollbackPool{T}"/> and takes from it before constructing a new one. Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SnapshotRecycling
    {
        /// <summary>
        /// A kept object of type <typeparamref name="T"/> whose members the caller is about to overwrite, or null
        /// when there is none (generated code then constructs one, which works with non-public constructors too).
        /// </summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <returns>The object to restore into, or null.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T? TryTake<T>()
            where T : class =>
            PoolStorage<T>.TryTake();

        /// <summary>Keeps an object a restore no longer references, if it is exactly of type <typeparamref name="T"/>.</summary>
        /// <typeparam name="T">The declared state class.</typeparam>
        /// <param name="dropped">The object, or null.</param>
        public static void Drop<T>(T? dropped)
            where T : class
        {
            if (dropped is not null && dropped.GetType() == typeof(T))
            {
                PoolStorage<T>.Put(dropped);
            }
        }
    }
}
