using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollback.Analyzers.Tests.Infrastructure;
using Xunit;
using Environment = Rollback.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Rollback.Analyzers.Rules.EnvironmentAnalyzer>;

namespace Rollback.Analyzers.Tests
{
    /// <summary>RB2006: environment, I/O and machine facts in simulation code (no code fix: none is mechanical).</summary>
    public partial class EnvironmentAnalyzerTests
    {
        [Fact]
        public Task Flags_io_environment_console_input_and_network() => Environment.VerifyAsync(Sources.Simulation(@"
        s.Score += [|File.ReadAllText(""level.txt"")|].Length;
        s.Score += [|Directory.Exists(""x"")|] ? 1 : 0;
        s.Score += [|Environment.ProcessorCount|] + [|Environment.MachineName|].Length;
        s.Score += [|Environment.GetEnvironmentVariable(""SEED"")|]?.Length ?? 0;
        s.Score += [|Console.ReadLine()|]?.Length ?? 0;
        using var reader = [|new StreamReader(""a.txt"")|];
        using var client = [|new System.Net.Http.HttpClient()|];
        using var udp = [|new System.Net.Sockets.UdpClient()|];
        Console.WriteLine(s.Score);
        using var memory = new StreamReader(new MemoryStream());
"));

        [Fact]
        public Task Does_not_flag_io_outside_simulation() => Environment.VerifyAsync(Sources.Simulation("") + @"
public static class Save
{
    public static void Write(Arena a) => File.WriteAllText(""save.txt"", a.Score.ToString());
}
");

        [Fact]
        public Task Flags_machine_facts() => Environment.VerifyAsync(Sources.Simulation(@"
        s.Score += [|System.Environment.ProcessorCount|];
        s.Score += (int)[|System.Environment.WorkingSet|];
        s.Score += (int)[|GC.GetTotalMemory(false)|];
        s.Score += [|GC.CollectionCount(0)|];
        s.Score += [|IntPtr.Size|];
        s.Score += [|BitConverter.IsLittleEndian|] ? 1 : 0;
        s.Score += [|System.Numerics.Vector.IsHardwareAccelerated|] ? 1 : 0;
        s.Score += [|System.Runtime.Intrinsics.X86.Avx2.IsSupported|] ? 1 : 0;
        s.Score += [|Thread.CurrentThread|].ManagedThreadId;
"));

        [Fact]
        public Task Does_not_flag_look_alikes_of_machine_facts() => Environment.VerifyAsync(Sources.Simulation(@"
        s.Score += sizeof(int) + BitConverter.GetBytes(s.Score).Length;
        s.Score += Machine.ProcessorCount + Machine.Size;
") + @"
public static class Machine { public const int ProcessorCount = 4; public const int Size = 8; }
public static class Diagnostics { public static long Memory() => GC.GetTotalMemory(false); }
");

        [Fact]
        public Task Message_names_the_call_chain() => ChainAssert.ReportsWithChainAsync(new Rollback.Analyzers.Rules.EnvironmentAnalyzer(), @"
        s.Score += System.Environment.ProcessorCount + sizeof(int);
");
    }
}
