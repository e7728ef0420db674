using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Rollback.Network;

namespace Arena.Play
{
    /// <summary>
    /// The arena, played by people: one process per player over real UDP, on the wall clock.
    /// <c>--host 7000</c> in one terminal, <c>--join 127.0.0.1:7000</c> in another. The exit code says how the match
    /// ended (see <see cref="MatchOutcome"/>).
    /// </summary>
    public static class Program
    {
        private static volatile bool _interrupted;

        public static int Main(string[] args)
        {
            PlayOptions o;
            try
            {
                o = PlayOptions.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(PlayOptions.Usage);
                return (int)MatchOutcome.BadOptions;
            }

            if (o.Help)
            {
                Console.WriteLine(PlayOptions.Usage);
                return 0;
            }

            bool draw = !o.NoDraw && !Console.IsOutputRedirected;
            bool keyboard = o.Role != Role.Spectate && !o.Bot;
            if (keyboard && (Console.IsInputRedirected || !draw))
            {
                Console.Error.WriteLine("This seat is played from the keyboard, which needs an interactive terminal (and the arena drawn). Run it in a terminal, or pass --bot.");
                return (int)MatchOutcome.BadOptions;
            }

            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                _interrupted = true;
            };

            UdpTransport udp;
            try
            {
                udp = new UdpTransport(new IPEndPoint(IPAddress.Any, o.Role == Role.Host ? o.Port : 0));
            }
            catch (SocketException ex)
            {
                Console.Error.WriteLine($"Cannot open UDP port {(o.Role == Role.Host ? o.Port : 0)}: {ex.Message}");
                return (int)MatchOutcome.HandshakeFailed;
            }

            using (udp)
            {
                MatchPlan plan;
                var lobby = new Lobby(udp, Console.WriteLine, () => _interrupted);
                try
                {
                    plan = o.Role == Role.Host
                        ? lobby.Host(o, o.TimeoutGiven ? TimeSpan.FromSeconds(o.TimeoutSeconds) : Timeout.InfiniteTimeSpan)
                        : lobby.Join(o, TimeSpan.FromSeconds(o.TimeoutSeconds));
                }
                catch (LobbyException ex)
                {
                    Console.Error.WriteLine("lobby failed: " + ex.Message);
                    return (int)MatchOutcome.HandshakeFailed;
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine("cancelled before the match started");
                    return (int)MatchOutcome.Quit;
                }

                Console.WriteLine(FormattableString.Invariant(
                    $"match {plan.SessionId:x16}: {plan.Players} players, {plan.Limit}, input delay {plan.InputDelay}, {(plan.IsSpectator ? "spectating" : $"playing seat {plan.Seat + 1}{(o.Bot ? " (bot)" : string.Empty)}")}"));
                IDatagramTransport transport = udp;
                if (o.LatencyMs > 0 || o.JitterMs > 0 || o.LossPercent > 0)
                {
                    transport = new ImpairedTransport(udp, o.LatencyMs, o.JitterMs, o.LossPercent, (int)(o.Seed ?? (ulong)(plan.Seat + 2)));
                    Console.WriteLine(FormattableString.Invariant($"outgoing link: {o.LatencyMs} ms ± {o.JitterMs} ms, {o.LossPercent:0.#} % loss"));
                }

                try
                {
                    MatchSession session = MatchSetup.Create(plan, transport);
                    var runner = new MatchRunner(o, plan, session, draw, () => _interrupted);
                    return (int)runner.Run();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The screen is already restored (the runner's finally); say what broke, in one place.
                    Console.Error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
                    Console.Error.WriteLine(ex.StackTrace);
                    return (int)MatchOutcome.Error;
                }
            }
        }
    }
}
