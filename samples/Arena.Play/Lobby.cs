using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Rollback.Network;

namespace Arena.Play
{
    /// <summary>The lobby failed: nobody answered, the match was full, or a message made no sense.</summary>
    public sealed class LobbyException : Exception
    {
        public LobbyException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Gathers the processes of one match before the rollback session starts, over the same UDP socket the session will
    /// use. The host knows nobody's address in advance: joiners announce themselves, the host hands out seats and, once
    /// every seat (and every awaited spectator) is taken, sends each member the plan with every seat's address as the host
    /// saw it. Lobby datagrams are short text lines starting with <c>RBLOBBY1</c>; the session drops any that arrive late
    /// as malformed, so they can never disturb the match.
    /// </summary>
    public sealed class Lobby
    {
        private const string Magic = "RBLOBBY1";
        private readonly IDatagramTransport _transport;
        private readonly Action<string> _status;
        private readonly Func<bool> _cancelled;
        private readonly byte[] _buffer = new byte[2048];

        public Lobby(IDatagramTransport transport, Action<string> status, Func<bool> cancelled)
        {
            _transport = transport;
            _status = status;
            _cancelled = cancelled;
        }

        /// <summary>Runs the host's side: waits for the joiners and spectators, then starts them all.</summary>
        /// <param name="o">The host's options.</param>
        /// <param name="timeout">How long to wait for everyone; <see cref="Timeout.InfiniteTimeSpan"/> to wait until cancelled.</param>
        public MatchPlan Host(PlayOptions o, TimeSpan timeout)
        {
            var seats = new List<PeerAddress> { PeerAddress.None };
            var spectators = new List<PeerAddress>();
            var clock = Stopwatch.StartNew();
            string last = string.Empty;
            while (seats.Count < o.Players || spectators.Count < o.Spectators)
            {
                CheckTime(clock, timeout, $"only {seats.Count} of {o.Players} players and {spectators.Count} of {o.Spectators} spectators joined");
                string waiting = $"hosting on port {o.Port}: {seats.Count}/{o.Players} players" + (o.Spectators > 0 ? $", {spectators.Count}/{o.Spectators} spectators" : string.Empty) + " — waiting for --join";
                if (waiting != last)
                {
                    _status(waiting);
                    last = waiting;
                }

                if (!TryReceive(out string[] words, out PeerAddress from))
                {
                    Thread.Sleep(5);
                    continue;
                }

                if (words[0] != "JOIN" || words.Length < 2)
                {
                    continue;
                }

                bool spectator = words[1] == "S";
                bool known = seats.Contains(from) || spectators.Contains(from);
                if (!known)
                {
                    if (spectator ? spectators.Count >= o.Spectators : seats.Count >= o.Players)
                    {
                        Send(from, spectator ? "FULL no spectator places (start the host with --spectators N)" : "FULL every seat is taken");
                        continue;
                    }

                    (spectator ? spectators : seats).Add(from);
                }

                Send(from, FormattableString.Invariant($"WAIT {seats.Count} {o.Players}"));
            }

            ulong sessionId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8), 0);
            var plan = new MatchPlan(sessionId, o.Players, o.Frames, o.Episodes, o.InputDelay, 0, seats.ToArray(), PeerAddress.None);
            plan.Spectators.AddRange(spectators);

            // Send the plan until every member answers READY (or already talks the session's protocol).
            var pending = new List<PeerAddress>(seats.GetRange(1, seats.Count - 1));
            pending.AddRange(spectators);
            var started = Stopwatch.StartNew();
            long lastSend = -1000;
            while (pending.Count > 0)
            {
                CheckTime(started, TimeSpan.FromSeconds(10), $"{pending.Count} member(s) did not confirm the start ({string.Join(", ", pending)})");
                if (started.ElapsedMilliseconds - lastSend >= 100)
                {
                    lastSend = started.ElapsedMilliseconds;
                    foreach (PeerAddress member in pending)
                    {
                        Send(member, StartMessage(plan, member, seats.IndexOf(member)));
                    }
                }

                if (!TryReceiveAny(out string[]? words, out PeerAddress from))
                {
                    Thread.Sleep(2);
                    continue;
                }

                if (words is null || words[0] == "READY")
                {
                    pending.Remove(from);
                }
            }

            return plan;
        }

        /// <summary>Runs a joiner's or spectator's side: announces itself to the host until the plan arrives.</summary>
        public MatchPlan Join(PlayOptions o, TimeSpan timeout)
        {
            PeerAddress host = PeerAddress.FromIPEndPoint(o.HostEndPoint!);
            bool spectator = o.Role == Role.Spectate;
            var clock = Stopwatch.StartNew();
            long lastSend = -1000;
            string last = string.Empty;
            _status($"joining {host} ...");
            while (true)
            {
                CheckTime(clock, timeout, $"no answer from a match at {host} (is the host running, is the port right? a match that has started takes no one new)");
                if (clock.ElapsedMilliseconds - lastSend >= 250)
                {
                    lastSend = clock.ElapsedMilliseconds;
                    Send(host, spectator ? "JOIN S" : "JOIN P");
                }

                if (!TryReceive(out string[] words, out PeerAddress from) || from != host)
                {
                    Thread.Sleep(5);
                    continue;
                }

                switch (words[0])
                {
                    case "WAIT":
                        string line = $"joined {host}: {words[1]}/{words[2]} players, waiting for the rest";
                        if (line != last)
                        {
                            _status(line);
                            last = line;
                        }

                        break;
                    case "FULL":
                        throw new LobbyException($"the match at {host} refused to take us: {string.Join(' ', words, 1, words.Length - 1)}");
                    case "START":
                        Send(host, "READY");
                        return ParseStart(words, host);
                }
            }
        }

        private static string StartMessage(MatchPlan plan, PeerAddress member, int seat)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"START {plan.SessionId:x16} {plan.Players} {plan.Frames} {plan.Episodes} {plan.InputDelay} {seat}");
            for (int s = 0; s < plan.Seats.Count; s++)
            {
                text.Append(' ').Append(s == 0 ? "host" : s == seat ? "-" : plan.Seats[s].ToString());
            }

            return text.ToString();
        }

        private static MatchPlan ParseStart(string[] w, PeerAddress host)
        {
            try
            {
                ulong id = ulong.Parse(w[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                int players = int.Parse(w[2], CultureInfo.InvariantCulture);
                int seat = int.Parse(w[6], CultureInfo.InvariantCulture);
                var seats = new PeerAddress[players];
                for (int s = 0; s < players; s++)
                {
                    string a = w[7 + s];
                    seats[s] = a == "host" ? host : a == "-" ? PeerAddress.None : PeerAddress.FromIPEndPoint(IPEndPoint.Parse(a));
                }

                return new MatchPlan(id, players, int.Parse(w[3], CultureInfo.InvariantCulture), int.Parse(w[4], CultureInfo.InvariantCulture), int.Parse(w[5], CultureInfo.InvariantCulture), seat, seats, host);
            }
            catch (Exception ex) when (ex is FormatException || ex is IndexOutOfRangeException || ex is OverflowException)
            {
                throw new LobbyException($"the host at {host} sent a start message this version does not understand: {string.Join(' ', w)}");
            }
        }

        private void CheckTime(Stopwatch clock, TimeSpan timeout, string what)
        {
            if (_cancelled())
            {
                throw new OperationCanceledException("cancelled in the lobby");
            }

            if (timeout != Timeout.InfiniteTimeSpan && clock.Elapsed > timeout)
            {
                throw new LobbyException($"gave up after {timeout.TotalSeconds:0} s: {what}");
            }
        }

        private void Send(PeerAddress to, string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(Magic + " " + text);
            _transport.TrySend(to, bytes);
        }

        private bool TryReceive(out string[] words, out PeerAddress from)
        {
            while (TryReceiveAny(out string[]? w, out from))
            {
                if (w is not null)
                {
                    words = w;
                    return true;
                }
            }

            words = Array.Empty<string>();
            return false;
        }

        // words is null for a datagram that is not a lobby message (the session protocol of a member that already started).
        private bool TryReceiveAny(out string[]? words, out PeerAddress from)
        {
            words = null;
            if (!_transport.TryReceive(_buffer, out int length, out from))
            {
                return false;
            }

            if (length > Magic.Length + 1 && Encoding.ASCII.GetString(_buffer, 0, Magic.Length) == Magic)
            {
                string[] all = Encoding.ASCII.GetString(_buffer, Magic.Length + 1, length - Magic.Length - 1).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                words = all.Length > 0 ? all : new[] { "?" };
            }

            return true;
        }
    }
}
