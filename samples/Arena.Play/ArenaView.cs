using System;
using System.Globalization;
using System.Text;
using Arena.Game;
using Rollback;

namespace Arena.Play
{
    /// <summary>The figures of the status line.</summary>
    public readonly struct StatusFigures
    {
        public StatusFigures(int frame, int confirmed, int pingMs, int advantage, double rollbacksPerSecond, long rollbacks, int maxDepth)
        {
            Frame = frame;
            Confirmed = confirmed;
            PingMs = pingMs;
            Advantage = advantage;
            RollbacksPerSecond = rollbacksPerSecond;
            Rollbacks = rollbacks;
            MaxDepth = maxDepth;
        }

        public int Frame { get; }

        public int Confirmed { get; }

        public int PingMs { get; }

        public int Advantage { get; }

        public double RollbacksPerSecond { get; }

        public long Rollbacks { get; }

        public int MaxDepth { get; }
    }

    /// <summary>
    /// Draws the arena (the present, possibly predicted, state) and the status lines as one block of ANSI text:
    /// players as coloured digits (yours in reverse video), the coin as a yellow <c>$</c>.
    /// </summary>
    public sealed class ArenaView
    {
        /// <summary>Columns inside the arena's border.</summary>
        public const int Width = 60;

        /// <summary>Rows inside the arena's border.</summary>
        public const int Height = 22;

        private static readonly string[] Colours = { "\u001b[1;36m", "\u001b[1;35m", "\u001b[1;32m", "\u001b[1;31m" };
        private static readonly string[] ColourNames = { "cyan", "magenta", "green", "red" };
        private const string Reset = "\u001b[0m";
        private const string EraseLine = "\u001b[K";
        private static readonly Fixed64 ArenaSize = Fixed64.FromInt(100);

        private readonly char[] _cells = new char[Width * Height];
        private readonly sbyte[] _owner = new sbyte[Width * Height];
        private readonly StringBuilder _frame = new StringBuilder(8192);
        private readonly int _seat;
        private readonly string _title;
        private readonly string _help;

        public ArenaView(int seat, int players, string limit, string help)
        {
            _seat = seat;
            _help = " " + help;
            _title = seat >= 0
                ? $"Rollback arena — you are player {seat + 1} ({ColourNames[seat]}) of {players}, {limit}"
                : $"Rollback arena — spectating {players} players, {limit}";
        }

        /// <summary>The column a position's X falls in.</summary>
        public static int Column(Fixed64 x) => Math.Clamp(FixedMath.FloorToInt(x * Width / ArenaSize), 0, Width - 1);

        /// <summary>The row a position's Y falls in.</summary>
        public static int Row(Fixed64 y) => Math.Clamp(FixedMath.FloorToInt(y * Height / ArenaSize), 0, Height - 1);

        /// <summary>Builds one screen.</summary>
        public StringBuilder Render(ArenaState state, in StatusFigures status, string message, bool messageIsAlarm)
        {
            Array.Fill(_cells, ' ');
            Array.Fill(_owner, (sbyte)-1);
            int coin = (Row(state.Coin.Y) * Width) + Column(state.Coin.X);
            _cells[coin] = '$';
            _owner[coin] = -2;
            for (int p = state.Players.Length - 1; p >= 0; p--)
            {
                Player player = state.Players[p];
                int cell = (Row(player.Position.Y) * Width) + Column(player.Position.X);
                _cells[cell] = (char)('1' + p);
                _owner[cell] = (sbyte)p;
            }

            StringBuilder f = _frame.Clear();
            f.Append(' ').Append(_title).Append(CultureInfo.InvariantCulture, $"   round {state.Episode + 1}, step {state.StepNum}").Append(EraseLine).Append('\n');
            string border = "+" + new string('-', Width) + "+";
            f.Append(border).Append(EraseLine).Append('\n');
            for (int row = 0; row < Height; row++)
            {
                f.Append('|');
                for (int col = 0; col < Width; col++)
                {
                    int i = (row * Width) + col;
                    sbyte owner = _owner[i];
                    if (owner == -1)
                    {
                        f.Append(' ');
                    }
                    else if (owner == -2)
                    {
                        f.Append("\u001b[1;33m$").Append(Reset);
                    }
                    else
                    {
                        f.Append(Colours[owner % Colours.Length]).Append(owner == _seat ? "\u001b[7m" : string.Empty).Append(_cells[i]).Append(Reset);
                    }
                }

                f.Append('|').Append(EraseLine).Append('\n');
            }

            f.Append(border).Append(EraseLine).Append('\n');
            string ping = status.PingMs < 0 ? "--" : status.PingMs.ToString(CultureInfo.InvariantCulture);
            f.Append(CultureInfo.InvariantCulture, $" frame {status.Frame,6}  confirmed {status.Confirmed,6}  ping {ping,4} ms  advantage {status.Advantage,3:+0;-0;0}  rollbacks/s {status.RollbacksPerSecond,5:0.0}  max depth {status.MaxDepth}")
                .Append(EraseLine).Append('\n');
            f.Append(" score");
            for (int p = 0; p < state.Players.Length; p++)
            {
                f.Append("  ").Append(Colours[p % Colours.Length]).Append(CultureInfo.InvariantCulture, $"P{p + 1}").Append(Reset)
                    .Append(CultureInfo.InvariantCulture, $" {state.Players[p].Score} (total {state.TotalScore[p]})");
            }

            f.Append(EraseLine).Append('\n');
            f.Append(' ').Append(messageIsAlarm ? "\u001b[1;37;41m" : "\u001b[1m").Append(message).Append(Reset).Append(EraseLine).Append('\n');
            f.Append(_help).Append(EraseLine).Append("\u001b[J");
            return f;
        }
    }
}
