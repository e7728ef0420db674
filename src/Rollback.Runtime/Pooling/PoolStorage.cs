using System;

namespace Rollback.Pooling
{
    /// <summary>
    /// The per-thread queue of spare objects of one exact type behind <see cref="RollbackPool{T}"/>: restores
    /// put the nested state objects they drop here and take from it before constructing, and game code rents
    /// and returns through the public API. Per thread so that no lock is needed (a session runs on one thread);
    /// bounded by <see cref="Capacity"/>, past which a spare object is left to the garbage collector.
    /// First in, first out, so every kept object is used in turn and the collections inside it reach their
    /// working size during warm-up rather than the first time a rare peak reaches deep into the pool.
    /// </summary>
    /// <typeparam name="T">The exact state class held.</typeparam>
    internal static class PoolStorage<T>
        where T : class
    {
        internal const int DefaultCapacity = 256;

        // One thread-static reference per operation: the queue's fields live in an object, not in three thread statics.
        [ThreadStatic]
        private static Queue? t_queue;

        private static int s_capacity = DefaultCapacity;

        internal static int Capacity
        {
            get => s_capacity;
            set => s_capacity = value;
        }

        internal static int Count => t_queue?.Count ?? 0;

        /// <summary>The longest-kept spare object, or null when this thread has none.</summary>
        internal static T? TryTake()
        {
            Queue? queue = t_queue;
            if (queue is null || queue.Count == 0)
            {
                return null;
            }

            T?[] items = queue.Items;
            int head = queue.Head;
            T? item = items[head];
            items[head] = null;
            head++;
            queue.Head = head == items.Length ? 0 : head;
            queue.Count--;
            return item;
        }

        /// <summary>Keeps <paramref name="item"/> for reuse unless the pool is full.</summary>
        internal static void Put(T item)
        {
            Queue queue = t_queue ??= new Queue();
            int count = queue.Count;
            if (count >= s_capacity)
            {
                return;
            }

            T?[] items = queue.Items;
            if (count == items.Length)
            {
                items = queue.Grow(s_capacity);
            }

            int tail = queue.Head + count;
            if (tail >= items.Length)
            {
                tail -= items.Length;
            }

            items[tail] = item;
            queue.Count = count + 1;
        }

        internal static bool Holds(T item)
        {
            Queue? queue = t_queue;
            if (queue is null)
            {
                return false;
            }

            T?[] items = queue.Items;
            int index = queue.Head;
            for (int i = 0; i < queue.Count; i++)
            {
                if (ReferenceEquals(items[index], item))
                {
                    return true;
                }

                index = index + 1 == items.Length ? 0 : index + 1;
            }

            return false;
        }

        internal static void Clear() => t_queue = null;

        private sealed class Queue
        {
            public T?[] Items = Array.Empty<T?>();
            public int Head;
            public int Count;

            public T?[] Grow(int capacity)
            {
                // Straight to the full capacity (a few KB of references per type): a pool that grew step by step would
                // allocate again whenever a rollback pattern after warm-up drops more objects than any before it.
                int size = capacity;

                var grown = new T?[size];
                // Unwrap the queue into the start of the new array.
                int first = Math.Min(Count, Items.Length - Head);
                Array.Copy(Items, Head, grown, 0, first);
                Array.Copy(Items, 0, grown, first, Count - first);
                Items = grown;
                Head = 0;
                return grown;
            }
        }
    }
}
