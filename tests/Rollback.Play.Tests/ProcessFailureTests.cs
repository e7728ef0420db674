using System;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Play.Tests
{
    /// <summary>What a person sees when something goes wrong: a clear message and a non-zero exit code.</summary>
    [Collection("processes")]
    public class ProcessFailureTests
    {
        private readonly ITestOutputHelper _log;

        public ProcessFailureTests(ITestOutputHelper log) => _log = log;

        [Fact]
        public void JoiningAPortWhereNobodyHostsFailsWithTheHandshakeCode()
        {
            using var dir = new TempFolder("arena-play-nohost");
            using var join = new GameProcess(dir.Path, $"--join 127.0.0.1:{GameProcess.FreeUdpPort()} --bot --timeout 2");
            Assert.Equal(4, join.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Contains("no answer from a match at 127.0.0.1", join.Output);
        }

        [Fact]
        public void AJoinerBeyondTheSeatsIsRefused()
        {
            using var dir = new TempFolder("arena-play-full");
            int port = GameProcess.FreeUdpPort();
            using var host = new GameProcess(dir.Path, $"--host {port} --bot --players 3 --frames 60 --timeout 20 --out host");
            Thread.Sleep(300);
            using var first = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --out first");
            Thread.Sleep(300);
            using var spectator = new GameProcess(dir.Path, $"--spectate 127.0.0.1:{port} --timeout 5");
            Assert.Equal(4, spectator.WaitForExit(TimeSpan.FromSeconds(30)));
            _log.WriteLine(spectator.Output);
            Assert.Contains("refused to take us: no spectator places", spectator.Output);
        }

        [Fact]
        public void APeerThatDiesIsReportedAndTheOtherExitsWithThePeerLeftCode()
        {
            using var dir = new TempFolder("arena-play-kill");
            int port = GameProcess.FreeUdpPort();
            using var host = new GameProcess(dir.Path, $"--host {port} --bot --frames 6000 --out host --timeout 20");
            Thread.Sleep(300);
            using var guest = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --out guest");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!host.Output.Contains("t=  2.0s", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(100);
            }

            guest.Kill();
            int code = host.WaitForExit(TimeSpan.FromSeconds(20));
            _log.WriteLine(host.Output);
            Assert.Equal(3, code);
            Assert.Contains("player 2 left", host.Output);
            Assert.Contains("every other player has left", host.Output);
            Assert.Matches("export sha256:[0-9a-f]{64}", host.Output);
        }

        [Fact]
        public void APeerWhoseDatagramsNeverArriveFailsTheSessionHandshakeOnBothSides()
        {
            using var dir = new TempFolder("arena-play-handshake");
            int port = GameProcess.FreeUdpPort();
            using var host = new GameProcess(dir.Path, $"--host {port} --bot --frames 600 --out host --timeout 3");
            Thread.Sleep(300);
            // The lobby gets through (it is not impaired); everything the session sends from this side is lost.
            using var guest = new GameProcess(dir.Path, $"--join 127.0.0.1:{port} --bot --out guest --loss 100 --timeout 3");
            int hostCode = host.WaitForExit(TimeSpan.FromSeconds(30));
            int guestCode = guest.WaitForExit(TimeSpan.FromSeconds(30));
            _log.WriteLine(host.Output + guest.Output);
            Assert.Equal(4, hostCode);
            Assert.Equal(4, guestCode);
            Assert.Contains("handshake failed: no handshake with player 2", host.Output);
            Assert.Contains("handshake failed: no handshake with player 1 at 127.0.0.1:" + port, guest.Output);
        }

        [Theory]
        [InlineData("--join 127.0.0.1", "expects HOST:PORT")]
        [InlineData("--host 7000 --players 9 --bot", "--players expects a whole number from 2 to 4")]
        [InlineData("--host 7000 --join 127.0.0.1:7000", "exactly one of")]
        [InlineData("--spectate 127.0.0.1:7000 --bot", "a spectator has none")]
        [InlineData("--host 7000", "needs an interactive terminal")]
        [InlineData("--host 7000 --bot --loss 150", "--loss expects a percentage")]
        public void BadOptionsExitWithCode2AndSayWhy(string arguments, string message)
        {
            using var dir = new TempFolder("arena-play-options");
            using var game = new GameProcess(dir.Path, arguments);
            Assert.Equal(2, game.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Contains(message, game.Output);
        }
    }
}
