using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using Rollback;
using Rollback.Network;

namespace RollbackGame
{
    /// <summary>
    /// Two processes, one player each, over UDP on a real 60 Hz clock:
    /// <code>
    /// dotnet run --project src/RollbackGame -- --player 0 --port 7000 --peer 127.0.0.1:7001
    /// dotnet run --project src/RollbackGame -- --player 1 --port 7001 --peer 127.0.0.1:7000
    /// </code>
    /// Arrow keys move you when the process has a terminal; otherwise (or with --bot) a bot plays. Each process writes
    /// its confirmed frames to a CSV file and prints its SHA-256: the two lines are equal.
    /// </summary>
    public static class Program
    {
        private const int FramesPerSecond = 60;

        public static int Main(string[] args)
        {
            int player = -1;
            int port = 0;
            int frames = 1800;
            bool bot = Console.IsInputRedirected;
            IPEndPoint? peer = null;
            for (int i = 0; i + 1 < args.Length || (i < args.Length && args[i] == "--bot"); i++)
            {
                switch (args[i])
                {
                    case "--player": player = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--peer": peer = IPEndPoint.Parse(args[++i]); break;
                    case "--frames": frames = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--bot": bot = true; break;
                    default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
                }
            }

            if (player < 0 || player >= GameRules.Players || peer is null)
            {
                Console.Error.WriteLine("usage: --player 0|1 --port PORT --peer HOST:PORT [--frames N] [--bot]");
                return 2;
            }

            using var transport = new UdpTransport(new IPEndPoint(IPAddress.Any, port));
            var options = new PeerSessionOptions<GameInput>
            {
                PlayerCount = GameRules.Players,
                SessionId = 0x5EED_0001UL,
                InputDelay = 2,
                FrameCount = frames,
                FramesPerSecond = FramesPerSecond,
            };
            options.AddLocalPlayer(player).AddRemotePlayer(1 - player, PeerAddress.FromIPEndPoint(peer));
            var session = new PeerSession<GameState, GameInput>(new GameRules(), GameRules.NewState, transport, options);

            string exportPath = $"confirmed-player{player}.csv";
            using (var export = new CsvExporter<GameState, GameInput>(session, new StreamWriter(exportPath) { NewLine = "\n" }))
            {
                export.AddColumn("score0", (in ConfirmedFrame<GameState, GameInput> f, CsvField c) => c.Write(f.State.Scores[0]));
                export.AddColumn("score1", (in ConfirmedFrame<GameState, GameInput> f, CsvField c) => c.Write(f.State.Scores[1]));
                Run(session, bot, player);
            }

            string sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(exportPath))).ToLowerInvariant();
            Console.WriteLine($"rollbacks {session.Statistics.Rollbacks}, final frame {session.LastConfirmedFrame}");
            Console.WriteLine($"export sha256:{sha}");
            return session.IsFinished ? 0 : 1;
        }

        // A fixed 60 Hz step on the wall clock. When the session says Wait (this peer runs ahead), the step is skipped.
        private static void Run(PeerSession<GameState, GameInput> session, bool bot, int player)
        {
            var clock = Stopwatch.StartNew();
            var random = new DeterministicRandom((ulong)player + 1);
            var local = new GameInput[1];
            double next = 0;
            double nextPrint = 1000;
            while (!session.IsFinished && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                session.Poll();
                double now = clock.Elapsed.TotalMilliseconds;
                if (now >= next)
                {
                    next += 1000.0 / FramesPerSecond;
                    local[0] = bot ? new GameInput((sbyte)random.NextInt(-1, 2), (sbyte)random.NextInt(-1, 2)) : ReadKeys();
                    session.AdvanceFrame(local);
                }

                if (now >= nextPrint)
                {
                    nextPrint += 1000;
                    GameState s = session.State; // the present: maybe predicted
                    Console.WriteLine($"frame {s.Frame} confirmed {session.LastConfirmedFrame} score {s.Scores[0]}:{s.Scores[1]} rollbacks {session.Statistics.Rollbacks}");
                }

                Thread.Sleep(1);
            }

            // Answer the other peer for a moment, in case it has not heard that the match is over.
            for (int i = 0; i < 50; i++)
            {
                session.Poll();
                Thread.Sleep(10);
            }
        }

        private static GameInput ReadKeys()
        {
            var input = default(GameInput);
            while (Console.KeyAvailable)
            {
                switch (Console.ReadKey(intercept: true).Key)
                {
                    case ConsoleKey.LeftArrow: input.X = -1; break;
                    case ConsoleKey.RightArrow: input.X = 1; break;
                    case ConsoleKey.UpArrow: input.Y = -1; break;
                    case ConsoleKey.DownArrow: input.Y = 1; break;
                }
            }

            return input;
        }
    }
}
