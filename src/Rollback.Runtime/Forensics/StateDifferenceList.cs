using System.Collections;
using System.Collections.Generic;

namespace Rollback.Forensics
{
    /// <summary>The members that differ between two states, in member order, at most a chosen number of them.</summary>
    public sealed class StateDifferenceList : IReadOnlyList<StateDifference>
    {
        private readonly List<StateDifference> _items;

        internal StateDifferenceList(List<StateDifference> items, bool isTruncated)
        {
            _items = items;
            IsTruncated = isTruncated;
        }

        /// <summary>Whether more members differ than the list holds (the count limit was reached).</summary>
        public bool IsTruncated { get; }

        /// <summary>Whether the two states are equal.</summary>
        public bool IsEmpty => _items.Count == 0;

        /// <inheritdoc />
        public int Count => _items.Count;

        /// <inheritdoc />
        public StateDifference this[int index] => _items[index];

        /// <inheritdoc />
        public IEnumerator<StateDifference> GetEnumerator() => _items.GetEnumerator();

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
    }
}
