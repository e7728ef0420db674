using System;

namespace Rollback.Forensics
{
    /// <summary>What kind of difference a <see cref="StateDifference"/> describes.</summary>
    public enum DifferenceKind
    {
        /// <summary>The member holds different values on each side.</summary>
        Value,

        /// <summary>An array's <c>Length</c> or a list's <c>Count</c> differs; the values are the two lengths.</summary>
        Length,

        /// <summary>The member is <see langword="null"/> on one side only.</summary>
        Presence,

        /// <summary>The two states (or nested objects) are of different types.</summary>
        Type,
    }

    /// <summary>
    /// One member that differs between two states: its path (for example <c>Players[1].Position.X</c>) and both
    /// values formatted invariantly (Fixed64 as a decimal, enums by name, strings quoted, <c>null</c> as
    /// <c>null</c>).
    /// </summary>
    public sealed class StateDifference : IEquatable<StateDifference>
    {
        /// <summary>Creates a difference.</summary>
        /// <param name="path">The member path.</param>
        /// <param name="left">The value in the first state.</param>
        /// <param name="right">The value in the second state.</param>
        /// <param name="kind">The kind of difference.</param>
        public StateDifference(string path, string left, string right, DifferenceKind kind = DifferenceKind.Value)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Left = left ?? throw new ArgumentNullException(nameof(left));
            Right = right ?? throw new ArgumentNullException(nameof(right));
            Kind = kind;
        }

        /// <summary>The member path, e.g. <c>Players[1].Position.X</c>, <c>Items.Count</c> for a length change.</summary>
        public string Path { get; }

        /// <summary>The value in the first state (the state the comparison was called on, or the local snapshot).</summary>
        public string Left { get; }

        /// <summary>The value in the second state (the other state, or the remote snapshot).</summary>
        public string Right { get; }

        /// <summary>The kind of difference.</summary>
        public DifferenceKind Kind { get; }

        /// <inheritdoc />
        public bool Equals(StateDifference? other) =>
            other is not null && Path == other.Path && Left == other.Left && Right == other.Right && Kind == other.Kind;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as StateDifference);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ (int)Kind;

        /// <summary>The difference as one line, e.g. <c>Players[1].Score: 3 vs 4</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Path + ": " + Left + " vs " + Right;
    }
}
