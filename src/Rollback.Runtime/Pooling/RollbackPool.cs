using System;
using Rollback.Pooling;
using Rollback.Snapshots;

namespace Rollback
{
    /// <summary>
    /// Spare instances of one <see cref="RollbackStateAttribute"/> class, for games whose entities come and go
    /// without allocating. Restores put the nested state objects they drop (a list that shrank, a member set to
    /// null, an array slot emptied) here and take from here before constructing; game code does the same with
    /// <see cref="Rent"/> instead of <c>new</c> when it spawns and <see cref="Return"/> when it despawns.
    /// </summary>
    /// <remarks>
    /// <para>One pool per exact type and per thread (no locks; a session runs on one thread), holding at most
    /// <see cref="Capacity"/> objects; past that a spare object is left to the garbage collector. Objects are
    /// handed out first in, first out, so every kept object is used in turn.</para>
    /// <para>Return an object only once the state no longer references it, and keep no reference to it
    /// afterwards: a later spawn or restore will reuse it as another entity. Object identity is not entity
    /// identity under rollback (a restore refills whatever objects are at hand), so give entities an id member.</para>
    /// <para>Members marked <see cref="RollbackIgnoreAttribute"/> are not part of the snapshot, so neither a
    /// restore nor <see cref="Rent"/> resets them: set them yourself after renting.</para>
    /// </remarks>
    /// <typeparam name="T">A <c>[RollbackState]</c> class with a parameterless constructor (the generator
    /// implements <see cref="ISnapshotBody"/> for it).</typeparam>
    public static class RollbackPool<T>
        where T : class, ISnapshotBody, new()
    {
        private static byte[]? s_fresh;

        /// <summary>
        /// Most objects kept per thread (default 256). Applies to every thread; lowering it does not drop
        /// objects already kept, it only stops further ones from being kept until the count falls below it.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public static int Capacity
        {
            get => PoolStorage<T>.Capacity;
            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "A pool capacity cannot be negative.");
                }

                PoolStorage<T>.Capacity = value;
            }
        }

        /// <summary>Objects kept for reuse on the calling thread.</summary>
        public static int Count => PoolStorage<T>.Count;

        /// <summary>
        /// An object whose snapshot members equal those of <c>new T()</c>: a kept one reset to that value
        /// (allocating nothing), or a new one when the pool is empty.
        /// </summary>
        /// <returns>The object, owned by the caller until it is returned.</returns>
        public static T Rent()
        {
            T? item = PoolStorage<T>.TryTake();
            if (item is null)
            {
                return new T();
            }

            byte[] fresh = s_fresh ??= FreshBody();
            var reader = new SnapshotReader(fresh);
            item.RollbackReadBody(ref reader);
            return item;
        }

        /// <summary>
        /// Keeps <paramref name="item"/> for a later <see cref="Rent"/> or restore. Call it when the game
        /// removes the object from its state; do not use the object afterwards.
        /// </summary>
        /// <param name="item">An object of exactly type <typeparamref name="T"/> that the state no longer references.</param>
        /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="item"/> is of a type derived from <typeparamref name="T"/> (return it to its own type's pool).</exception>
        /// <exception cref="InvalidOperationException"><paramref name="item"/> is already in this thread's pool.</exception>
        public static void Return(T item)
        {
            if (item is null)
            {
                throw new ArgumentNullException(nameof(item));
            }

            if (item.GetType() != typeof(T))
            {
                throw new ArgumentException(
                    $"A {item.GetType().FullName} cannot be returned to the pool of {typeof(T).FullName}; return it to RollbackPool<{item.GetType().Name}>.",
                    nameof(item));
            }

            if (PoolStorage<T>.Holds(item))
            {
                throw new InvalidOperationException(
                    $"This {typeof(T).FullName} was already returned to the pool; returning it twice would hand one object to two entities.");
            }

            PoolStorage<T>.Put(item);
        }

        /// <summary>
        /// Makes sure the calling thread keeps at least <paramref name="count"/> objects (constructing the missing
        /// ones now), so that the game's first spawns and the restores of a first peak do not construct. Call it at
        /// load time, on the thread that runs the session, with the most objects of the type the game holds at
        /// once (counting every state instance the session keeps, about three per session), capped by <see cref="Capacity"/>.
        /// </summary>
        /// <param name="count">The number of objects to have ready.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
        public static void Prewarm(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "A prewarm count cannot be negative.");
            }

            int target = Math.Min(count, PoolStorage<T>.Capacity);
            while (PoolStorage<T>.Count < target)
            {
                PoolStorage<T>.Put(new T());
            }
        }

        /// <summary>Lets the garbage collector have every object kept on the calling thread.</summary>
        public static void Clear() => PoolStorage<T>.Clear();

        private static byte[] FreshBody()
        {
            var prototype = new T();
            var body = new byte[prototype.RollbackBodySize()];
            var writer = new SnapshotWriter(body);
            prototype.RollbackWriteBody(ref writer);
            return body;
        }
    }
}
