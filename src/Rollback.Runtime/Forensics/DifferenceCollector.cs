using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Rollback.Snapshots;

namespace Rollback.Forensics
{
    /// <summary>
    /// Gathers the differences generated code reports while it walks two states side by side, keeping the path
    /// of the enclosing members and stopping at a maximum count. Used by generated code; call
    /// <see cref="StateDifferences.Between"/> instead. Allocates only on the desync path, never while simulating.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class DifferenceCollector
    {
        private readonly List<StateDifference> _found = new List<StateDifference>();
        private readonly List<Segment> _path = new List<Segment>();
        private readonly int _maxCount;

        /// <summary>Creates a collector.</summary>
        /// <param name="maxCount">The most differences kept (at least 1).</param>
        public DifferenceCollector(int maxCount)
        {
            if (maxCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "maxCount must be at least 1.");
            }

            _maxCount = maxCount;
        }

        /// <summary>Whether the maximum count was reached and a further difference was seen.</summary>
        public bool IsTruncated { get; private set; }

        /// <summary>The differences found so far, as a list.</summary>
        /// <returns>The list.</returns>
        public StateDifferenceList ToList() => new StateDifferenceList(new List<StateDifference>(_found), IsTruncated);

        /// <summary>Records a difference at the current path plus <paramref name="name"/>.</summary>
        /// <param name="name">The member name, or null for the current path itself.</param>
        /// <param name="left">The first value, formatted.</param>
        /// <param name="right">The second value, formatted.</param>
        /// <param name="kind">The kind.</param>
        public void Add(string? name, string left, string right, DifferenceKind kind)
        {
            if (_found.Count >= _maxCount)
            {
                IsTruncated = true;
                return;
            }

            _found.Add(new StateDifference(PathWith(name), left, right, kind));
        }

        /// <summary>Compares an unmanaged member (struct members are listed field by field).</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first value.</param>
        /// <param name="b">The second value.</param>
        public void Value<T>(string name, T a, T b) where T : unmanaged
        {
            if (IsTruncated || SnapshotCompare.BitEquals(a, b))
            {
                return;
            }

            Push(name);
            ValueText.CollectFields(typeof(T), a, b, this);
            Pop();
        }

        /// <summary>Compares a nullable unmanaged member.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first value.</param>
        /// <param name="b">The second value.</param>
        public void Nullable<T>(string name, T? a, T? b) where T : unmanaged
        {
            if (IsTruncated || SnapshotCompare.NullableEquals(a, b))
            {
                return;
            }

            if (a.HasValue && b.HasValue)
            {
                Value(name, a.GetValueOrDefault(), b.GetValueOrDefault());
                return;
            }

            Add(name, a.HasValue ? ValueText.Format(a.GetValueOrDefault()) : "null", b.HasValue ? ValueText.Format(b.GetValueOrDefault()) : "null", DifferenceKind.Presence);
        }

        /// <summary>Compares a string member (ordinal).</summary>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first value.</param>
        /// <param name="b">The second value.</param>
        public void Text(string name, string? a, string? b)
        {
            if (IsTruncated || string.Equals(a, b, StringComparison.Ordinal))
            {
                return;
            }

            Add(name, ValueText.Format(a), ValueText.Format(b), a is null || b is null ? DifferenceKind.Presence : DifferenceKind.Value);
        }

        /// <summary>Compares a fixed-size buffer element by element.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first buffer.</param>
        /// <param name="b">The second buffer.</param>
        public void Buffer<T>(string name, ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged
        {
            Push(name);
            for (int i = 0; i < a.Length && i < b.Length && !IsTruncated; i++)
            {
                if (!SnapshotCompare.BitEquals(a[i], b[i]))
                {
                    PushIndex(i);
                    ValueText.CollectFields(typeof(T), a[i], b[i], this);
                    Pop();
                }
            }

            Pop();
        }

        /// <summary>Compares an array of unmanaged values: presence, length, then each common index.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first array.</param>
        /// <param name="b">The second array.</param>
        public void Array<T>(string name, T[]? a, T[]? b) where T : unmanaged
        {
            if (!SameShape(name, a, b, a?.Length ?? 0, b?.Length ?? 0, "Length"))
            {
                return;
            }

            Buffer(name, new ReadOnlySpan<T>(a), new ReadOnlySpan<T>(b));
        }

        /// <summary>Compares a list of unmanaged values: presence, count, then each common index.</summary>
        /// <typeparam name="T">An unmanaged type.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first list.</param>
        /// <param name="b">The second list.</param>
        public void List<T>(string name, List<T>? a, List<T>? b) where T : unmanaged
        {
            if (!SameShape(name, a, b, a?.Count ?? 0, b?.Count ?? 0, "Count"))
            {
                return;
            }

            Buffer(name, new ReadOnlySpan<T>(a!.ToArray()), new ReadOnlySpan<T>(b!.ToArray()));
        }

        /// <summary>Compares a nested state object: presence and type, then its members.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first object.</param>
        /// <param name="b">The second object.</param>
        public void Object<T>(string name, T? a, T? b) where T : class, IStateDifferences
        {
            Push(name);
            Nested(a, b);
            Pop();
        }

        /// <summary>Compares a nested state struct member by member.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first value.</param>
        /// <param name="b">The second value.</param>
        public void Struct<T>(string name, T a, T b) where T : struct, IStateDifferences
        {
            if (IsTruncated)
            {
                return;
            }

            Push(name);
            a.RollbackCollectDifferences(b, this);
            Pop();
        }

        /// <summary>Compares an array of state objects: presence, length, then each common index.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first array.</param>
        /// <param name="b">The second array.</param>
        public void Objects<T>(string name, T?[]? a, T?[]? b) where T : class, IStateDifferences
        {
            if (!SameShape(name, a, b, a?.Length ?? 0, b?.Length ?? 0, "Length"))
            {
                return;
            }

            Push(name);
            for (int i = 0; i < a!.Length && i < b!.Length && !IsTruncated; i++)
            {
                PushIndex(i);
                Nested(a[i], b[i]);
                Pop();
            }

            Pop();
        }

        /// <summary>Compares a list of state objects: presence, count, then each common index.</summary>
        /// <typeparam name="T">The state class.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first list.</param>
        /// <param name="b">The second list.</param>
        public void ObjectList<T>(string name, List<T?>? a, List<T?>? b) where T : class, IStateDifferences
        {
            if (!SameShape(name, a, b, a?.Count ?? 0, b?.Count ?? 0, "Count"))
            {
                return;
            }

            Push(name);
            for (int i = 0; i < a!.Count && i < b!.Count && !IsTruncated; i++)
            {
                PushIndex(i);
                Nested(a[i], b[i]);
                Pop();
            }

            Pop();
        }

        /// <summary>Compares an array of state structs: presence, length, then each common index.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first array.</param>
        /// <param name="b">The second array.</param>
        public void Structs<T>(string name, T[]? a, T[]? b) where T : struct, IStateDifferences
        {
            if (!SameShape(name, a, b, a?.Length ?? 0, b?.Length ?? 0, "Length"))
            {
                return;
            }

            Push(name);
            for (int i = 0; i < a!.Length && i < b!.Length && !IsTruncated; i++)
            {
                PushIndex(i);
                a[i].RollbackCollectDifferences(b[i], this);
                Pop();
            }

            Pop();
        }

        /// <summary>Compares a list of state structs: presence, count, then each common index.</summary>
        /// <typeparam name="T">The state struct.</typeparam>
        /// <param name="name">The member name.</param>
        /// <param name="a">The first list.</param>
        /// <param name="b">The second list.</param>
        public void StructList<T>(string name, List<T>? a, List<T>? b) where T : struct, IStateDifferences
        {
            if (!SameShape(name, a, b, a?.Count ?? 0, b?.Count ?? 0, "Count"))
            {
                return;
            }

            Push(name);
            for (int i = 0; i < a!.Count && i < b!.Count && !IsTruncated; i++)
            {
                PushIndex(i);
                a[i].RollbackCollectDifferences(b[i], this);
                Pop();
            }

            Pop();
        }

        internal void Push(string name) => _path.Add(new Segment(name, -1));

        internal void PushIndex(int index) => _path.Add(new Segment(null, index));

        internal void Pop() => _path.RemoveAt(_path.Count - 1);

        private void Nested<T>(T? a, T? b) where T : class, IStateDifferences
        {
            if (IsTruncated || ReferenceEquals(a, b))
            {
                return;
            }

            if (a is null || b is null)
            {
                Add(null, a is null ? "null" : a.GetType().Name, b is null ? "null" : b.GetType().Name, DifferenceKind.Presence);
                return;
            }

            if (a.GetType() != b.GetType())
            {
                Add(null, a.GetType().Name, b.GetType().Name, DifferenceKind.Type);
                return;
            }

            a.RollbackCollectDifferences(b, this);
        }

        /// <summary>Reports a presence or length difference; true when the elements can be compared index by index.</summary>
        private bool SameShape(string name, object? a, object? b, int lengthA, int lengthB, string lengthName)
        {
            if (IsTruncated || (a is null && b is null))
            {
                return false;
            }

            if (a is null || b is null)
            {
                Add(name, ValueText.Describe(a, lengthA), ValueText.Describe(b, lengthB), DifferenceKind.Presence);
                return false;
            }

            if (lengthA != lengthB)
            {
                Add(name + "." + lengthName, lengthA.ToString(CultureInfo.InvariantCulture), lengthB.ToString(CultureInfo.InvariantCulture), DifferenceKind.Length);
            }

            return true;
        }

        private string PathWith(string? name)
        {
            var text = new StringBuilder();
            foreach (Segment segment in _path)
            {
                segment.AppendTo(text);
            }

            if (name is not null)
            {
                new Segment(name, -1).AppendTo(text);
            }

            return text.ToString();
        }

        private readonly struct Segment
        {
            private readonly string? _name;
            private readonly int _index;

            public Segment(string? name, int index)
            {
                _name = name;
                _index = index;
            }

            public void AppendTo(StringBuilder text)
            {
                if (_name is null)
                {
                    text.Append('[').Append(_index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    return;
                }

                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(_name);
            }
        }
    }
}
