using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Rollback.Analyzers.Rules
{
    /// <summary>RB2006: files, directories, console input, environment, machine facts, sockets and HTTP.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EnvironmentAnalyzer : SimulationScopeAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Environment);

        internal override SimulationRule? CreateRule(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            Compilation c = compilation;
            INamedTypeSymbol? environment = c.GetTypeByMetadataName("System.Environment");
            var matcher = new ApiMatcher()
                .AddType(environment)
                .Except(environment, "TickCount", "TickCount64", "Exit", "FailFast", "StackTrace")
                .AddType(c.GetTypeByMetadataName("System.IO.File"))
                .AddType(c.GetTypeByMetadataName("System.IO.Directory"))
                .AddType(c.GetTypeByMetadataName("System.IO.FileSystemInfo"))
                .AddType(c.GetTypeByMetadataName("System.IO.FileStream"))
                .AddType(c.GetTypeByMetadataName("System.IO.DriveInfo"))
                .AddType(c.GetTypeByMetadataName("System.IO.FileSystemWatcher"))
                .AddMembers(c.GetTypeByMetadataName("System.IO.Path"), "GetTempPath", "GetTempFileName", "GetFullPath", "DirectorySeparatorChar", "AltDirectorySeparatorChar", "PathSeparator", "VolumeSeparatorChar")
                .AddMembers(c.GetTypeByMetadataName("System.Text.StringBuilder"), "AppendLine") // writes Environment.NewLine: "\n" or "\r\n" by operating system
                .AddMembers(
                    c.GetTypeByMetadataName("System.Console"),
                    "Read", "ReadLine", "ReadKey", "KeyAvailable", "In", "OpenStandardInput", "SetIn", "IsInputRedirected",
                    "CursorLeft", "CursorTop", "GetCursorPosition", "WindowWidth", "WindowHeight", "BufferWidth", "BufferHeight",
                    "LargestWindowWidth", "LargestWindowHeight", "CapsLock", "NumberLock")
                .AddMembers(c.GetTypeByMetadataName("System.AppContext"), "BaseDirectory", "GetData")
                .AddMembers(c.GetTypeByMetadataName("System.AppDomain"), "BaseDirectory")
                .AddType(c.GetTypeByMetadataName("System.Diagnostics.Process"))
                .AddType(c.GetTypeByMetadataName("System.Runtime.InteropServices.RuntimeInformation"))
                .AddType(c.GetTypeByMetadataName("System.Net.Dns"))
                .AddType(c.GetTypeByMetadataName("System.Net.WebClient"))
                .AddType(c.GetTypeByMetadataName("System.Net.WebRequest"))
                .AddType(c.GetTypeByMetadataName("Microsoft.Win32.Registry"))
                .AddType(c.GetTypeByMetadataName("Microsoft.Win32.RegistryKey"))
                .AddType(c.GetTypeByMetadataName("System.GC"))
                .AddType(c.GetTypeByMetadataName("System.Runtime.GCSettings"))
                .AddType(c.GetTypeByMetadataName("System.Runtime.MemoryFailPoint"))
                .AddMembers(c.GetTypeByMetadataName("System.Numerics.Vector"), "IsHardwareAccelerated")
                .AddMembers(c.GetTypeByMetadataName("System.Numerics.Vector`1"), "Count")
                .AddMembers(c.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector128"), "IsHardwareAccelerated")
                .AddMembers(c.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector256"), "IsHardwareAccelerated")
                .AddMembers(c.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector512"), "IsHardwareAccelerated")
                .AddMembers(c.GetTypeByMetadataName("System.IntPtr"), "Size")
                .AddMembers(c.GetTypeByMetadataName("System.UIntPtr"), "Size")
                .AddMembers(c.GetTypeByMetadataName("System.BitConverter"), "IsLittleEndian")
                .AddMembers(c.GetTypeByMetadataName("System.Threading.Thread"), "CurrentThread", "ManagedThreadId")
                .AddMembers(c.GetTypeByMetadataName("System.TimeZoneInfo"), "Local")
                .AddMembers(c.GetTypeByMetadataName("System.Diagnostics.Debugger"), "IsAttached");
            INamedTypeSymbol? streamReader = c.GetTypeByMetadataName("System.IO.StreamReader");
            INamedTypeSymbol? streamWriter = c.GetTypeByMetadataName("System.IO.StreamWriter");
            return new Rule(matcher, streamReader, streamWriter, c.GetSpecialType(SpecialType.System_String));
        }

        private sealed class Rule : MemberReferenceRule
        {
            private readonly ApiMatcher _matcher;
            private readonly INamedTypeSymbol? _streamReader;
            private readonly INamedTypeSymbol? _streamWriter;
            private readonly INamedTypeSymbol _string;
            private readonly ConcurrentDictionary<INamespaceSymbol, bool> _networkNamespaces = new ConcurrentDictionary<INamespaceSymbol, bool>(SymbolEqualityComparer.Default);

            public Rule(ApiMatcher matcher, INamedTypeSymbol? streamReader, INamedTypeSymbol? streamWriter, INamedTypeSymbol @string)
                : base(DiagnosticDescriptors.Environment)
            {
                _matcher = matcher;
                _streamReader = streamReader;
                _streamWriter = streamWriter;
                _string = @string;
            }

            protected override string? Match(ISymbol member, IOperation operation)
            {
                if (_matcher.Matches(member))
                {
                    return Display(member);
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor &&
                    (SymbolEqualityComparer.Default.Equals(ctor.ContainingType, _streamReader) || SymbolEqualityComparer.Default.Equals(ctor.ContainingType, _streamWriter)) &&
                    ctor.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(ctor.Parameters[0].Type, _string))
                {
                    return Display(member); // opens a file by path
                }

                if (member is IPropertySymbol { IsStatic: true, Name: "IsSupported" } && IsIntrinsicsNamespace(member.ContainingType?.ContainingNamespace))
                {
                    return Display(member); // Avx2.IsSupported: the CPU's instruction sets
                }

                INamespaceSymbol? ns = member.ContainingType?.ContainingNamespace;
                if (ns is not null && _networkNamespaces.GetOrAdd(ns, IsNetworkNamespace))
                {
                    return Display(member);
                }

                return null;
            }

            /// <summary>System.Runtime.Intrinsics and the namespaces below it.</summary>
            private static bool IsIntrinsicsNamespace(INamespaceSymbol? ns)
            {
                for (INamespaceSymbol? n = ns; n is not null && !n.IsGlobalNamespace; n = n.ContainingNamespace)
                {
                    if (n.Name == "Intrinsics" && n.ContainingNamespace is { Name: "Runtime" } runtime && runtime.ContainingNamespace is { Name: "System" })
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>System.Net.Sockets, System.Net.Http and System.Net.NetworkInformation (and below).</summary>
            private static bool IsNetworkNamespace(INamespaceSymbol ns)
            {
                for (INamespaceSymbol? n = ns; n is not null && !n.IsGlobalNamespace; n = n.ContainingNamespace)
                {
                    if (n.Name is "Sockets" or "Http" or "NetworkInformation" &&
                        n.ContainingNamespace is { Name: "Net" } net &&
                        net.ContainingNamespace is { Name: "System" } system &&
                        system.ContainingNamespace is { IsGlobalNamespace: true })
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
