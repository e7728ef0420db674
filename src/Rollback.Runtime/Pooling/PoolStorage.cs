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
        private const int InitialSize = 8;

        [ThreadStatic]
        private static T?[]? t_items;

        [ThreadStatic]
        private static int t_head;

        [ThreadStatic]
        private static int t_count;

        private static int s_capacity = DefaultCapacity;

        internal static int Capacity
        {
            get => s_capacity;
            set => s_capacity = value;
        }

        internal static int Count => t_items is null ? 0 : t_count;

        /// <summary>The longest-kept spare object, or null when this thread has none.</summary>
        internal static T? TryTake()
        {
            T?[]? items = t_items;
            int count = t_count;
            if (items is null || count == 0)
            {
                return null;
            }

            int head = t_head;
            T? item = items[head];
            items[head] = null;
            head++;
            t_head = head == items.Length ? 0 : head;
            t_count = count - 1;
            return item;
        }

        /// <summary>Keeps <paramref name="item"/> for reuse unless the pool is full.</summary>
        internal static void Put(T item)
        {
            T?[]? items = t_items;
            int count = items is null ? 0 : t_count;
            int capacity = s_capacity;
            if (count >= capacity)
            {
                return;
            }

            if (items is null || count == items.Length)
            {
                items = Grow(items, count, capacity);
            }

            int tail = t_head + count;
            if (tail >= items.Length)
            {
                tail -= items.Length;
            }

            items[tail] = item;
            t_count = count + 1;
        }

        internal static bool Holds(T item)
        {
            T?[]? items = t_items;
            if (items is null)
            {
                return false;
            }

            int count = t_count;
            int index = t_head;
            for (int i = 0; i < count; i++)
            {
                if (ReferenceEquals(items[index], item))
                {
                    return true;
                }

                index = index + 1 == items.Length ? 0 : index + 1;
            }

            return false;
        }

        internal static void Clear()
        {
            t_items = null;
            t_head = 0;
            t_count = 0;
        }

        private static T?[] Grow(T?[]? items, int count, int capacity)
        {
            int size = items is null ? InitialSize : items.Length * 2;
            if (size > capacity)
            {
                size = capacity;
            }

            var grown = new T?[size];
            if (items is not null)
            {
                // Unwrap the queue into the start of the new array.
                int head = t_head;
                int first = Math.Min(count, items.Length - head);
                Array.Copy(items, head, grown, 0, first);
                Array.Copy(items, 0, grown, first, count - first);
            }

            t_items = grown;
            t_head = 0;
            return grown;
        }
    }
}
