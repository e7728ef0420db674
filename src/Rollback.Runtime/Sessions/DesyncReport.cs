using System;

namespace Rollback
{
    /// <summary>What a desync check found: the frame whose step gave a different state, both checksums, and the first member that differs.</summary>
    public sealed class DesyncReport
    {
        /// <summary>Creates a report.</summary>
        /// <param name="frame">The frame whose step produced different states.</param>
        /// <param name="expectedChecksum">The checksum of the reference run (the first run, or the recording).</param>
        /// <param name="actualChecksum">The checksum of the run that differs.</param>
        /// <param name="memberPath">The first member that differs, when both states are available; otherwise <see langword="null"/>.</param>
        /// <param name="context">What was compared, for the message.</param>
        public DesyncReport(int frame, ulong expectedChecksum, ulong actualChecksum, string? memberPath, string context)
        {
            Frame = frame;
            ExpectedChecksum = expectedChecksum;
            ActualChecksum = actualChecksum;
            MemberPath = memberPath;
            Context = context ?? throw new ArgumentNullException(nameof(context));
        }

        /// <summary>The frame whose step produced different states (the states compared are those after stepping it).</summary>
        public int Frame { get; }

        /// <summary>The checksum of the reference run.</summary>
        public ulong ExpectedChecksum { get; }

        /// <summary>The checksum of the run that differs.</summary>
        public ulong ActualChecksum { get; }

        /// <summary>The first member that differs (for example <c>Players[1].Position.X</c>), or <see langword="null"/> when only checksums were available.</summary>
        public string? MemberPath { get; }

        /// <summary>What was compared.</summary>
        public string Context { get; }

        /// <inheritdoc />
        public override string ToString() =>
            $"Desync at frame {Frame} ({Context}): checksum 0x{ActualChecksum:X16}, expected 0x{ExpectedChecksum:X16}"
            + (MemberPath is null ? "." : $"; first differing member: {MemberPath}.");
    }

    /// <summary>Thrown when a simulation is found nondeterministic: a replay of the same inputs gave a different state.</summary>
    public sealed class DesyncException : Exception
    {
        /// <summary>Creates the exception from a report.</summary>
        /// <param name="report">What was found.</param>
        public DesyncException(DesyncReport report)
            : base((report ?? throw new ArgumentNullException(nameof(report))).ToString())
        {
            Report = report;
        }

        /// <summary>What was found.</summary>
        public DesyncReport Report { get; }
    }
}
