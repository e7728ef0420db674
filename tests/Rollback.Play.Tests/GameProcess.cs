using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Rollback.Play.Tests
{
    /// <summary>One running process of the built game (<c>dotnet Arena.Play.dll ...</c>), its output captured.</summary>
    public sealed class GameProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();

        public GameProcess(string workingDirectory, string arguments)
        {
            Arguments = arguments;
            var info = new ProcessStartInfo("dotnet", $"\"{GameDll}\" {arguments}")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>The game's dll, built with this test project (same configuration).</summary>
        public static string GameDll
        {
            get
            {
                string local = Path.Combine(AppContext.BaseDirectory, "Arena.Play.dll");
                if (!File.Exists(local))
                {
                    throw new FileNotFoundException("Arena.Play.dll is not next to the tests; build the test project first.", local);
                }

                return local;
            }
        }

        public string Arguments { get; }

        public int Id => _process.Id;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Waits for the exit; kills the process and fails when it takes longer than <paramref name="timeout"/>.</summary>
        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{Arguments}` did not end within {timeout.TotalSeconds} s. Output:\n{Output}");
            }

            _process.WaitForExit(); // drains the output
            return _process.ExitCode;
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        /// <summary>The hex of the <c>export sha256:</c> line.</summary>
        public string ExportSha()
        {
            Match m = Regex.Match(Output, "^export sha256:([0-9a-f]{64})$", RegexOptions.Multiline);
            if (!m.Success)
            {
                throw new InvalidOperationException("No export sha256 line in:\n" + Output);
            }

            return m.Groups[1].Value;
        }

        /// <summary>The total rollbacks of the summary line.</summary>
        public long Rollbacks()
        {
            Match m = Regex.Match(Output, @"; rollbacks (\d+) \(max depth", RegexOptions.Multiline);
            return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException("No summary line in:\n" + Output);
        }

        /// <summary>A UDP port nothing listens on right now.</summary>
        public static int FreeUdpPort()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Any, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }

    /// <summary>A temporary folder removed afterwards.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder(string prefix)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
