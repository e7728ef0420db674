using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Rollback.Generators.Model
{
    /// <summary>A location as plain values, so diagnostics can travel through the cached pipeline.</summary>
    /// <param name="FilePath">The file.</param>
    /// <param name="Span">The text span.</param>
    /// <param name="LineSpan">The line span.</param>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan) : IEquatable<LocationInfo>
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }
    }

    /// <summary>A diagnostic to report, as plain values.</summary>
    /// <param name="Descriptor">The descriptor.</param>
    /// <param name="Location">Where, or null.</param>
    /// <param name="Arguments">The message arguments.</param>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments) : IEquatable<DiagnosticInfo>
    {
        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.ToArrayOfObjects());
    }

    internal static class EquatableArrayExtensions
    {
        public static object[] ToArrayOfObjects(this EquatableArray<string> items)
        {
            var result = new object[items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                result[i] = items[i];
            }

            return result;
        }
    }
}
