using System.Globalization;
using System.Text;

namespace Rollback.Benchmarks.Roslyn
{
    /// <summary>Generates C# source for the generator and analyzer benchmarks.</summary>
    internal static class SourceFactory
    {
        /// <summary>One file with <paramref name="count"/> <c>[RollbackState]</c> types of a dozen members each (value, nested, array, list, string).</summary>
        public static string StateTypes(int count)
        {
            var sb = new StringBuilder();
            sb.AppendLine("using System.Collections.Generic;");
            sb.AppendLine("using Rollback;");
            sb.AppendLine("namespace Game.States");
            sb.AppendLine("{");
            sb.AppendLine("    public enum Mode : byte { Idle, Run, Jump }");
            sb.AppendLine("    public struct Cell { public int Kind; public int Owner; }");
            for (int i = 0; i < count; i++)
            {
                string n = i.ToString(CultureInfo.InvariantCulture);
                sb.Append("    [RollbackState]\n");
                sb.Append("    public partial class Item").Append(n).Append(" { public int Id; public Fixed64 Weight; public int[] Stats = new int[4]; }\n");
                sb.Append("    [RollbackState]\n");
                sb.Append("    public partial class State").Append(n).Append('\n');
                sb.Append("    {\n");
                sb.Append("        public int Tick;\n");
                sb.Append("        public long Seed;\n");
                sb.Append("        public bool Paused;\n");
                sb.Append("        public Mode Mode;\n");
                sb.Append("        public Fixed64 Gravity;\n");
                sb.Append("        public FixedVector2 Camera;\n");
                sb.Append("        public Cell Origin;\n");
                sb.Append("        public string Name = \"s").Append(n).Append("\";\n");
                sb.Append("        public int[] Scores = new int[4];\n");
                sb.Append("        public Cell[] Grid = new Cell[16];\n");
                sb.Append("        public List<int> Events = new List<int>();\n");
                sb.Append("        public List<Item").Append(n).Append("> Items = new List<Item").Append(n).Append(">();\n");
                sb.Append("        public Item").Append(n).Append("? Held;\n");
                sb.Append("        public DeterministicRandom Rng = new DeterministicRandom(").Append(n).Append(");\n");
                sb.Append("    }\n");
            }

            sb.AppendLine("}");
            return sb.ToString();
        }

        /// <summary>A file with no state type: the one the "unrelated edit" changes.</summary>
        public static string Helpers(int edit) =>
            "namespace Game.Util\n{\n    public static class Helpers\n    {\n        public static int Twice(int x) => x * 2;\n        public static int Edited => "
            + edit.ToString(CultureInfo.InvariantCulture) + ";\n    }\n}\n";

        /// <summary>
        /// One module of a simulation project (about 250 lines): a state with a nested unit type, an input, the
        /// <c>ISimulation</c> rules calling physics, combat and scoring helpers (reached transitively), plus
        /// presentation code outside the simulation that uses <c>double</c>, the clock and a <c>Dictionary</c> —
        /// which the analyzers must look at and leave alone. Every <paramref name="violationEvery"/>-th module also
        /// has a floating-point use and a wall-clock read inside simulation helpers (planted, so the analyzers
        /// have something to report).
        /// </summary>
        public static string SimulationModule(int index, int violationEvery = 10)
        {
            string n = index.ToString(CultureInfo.InvariantCulture);
            bool planted = index % violationEvery == 0;
            var sb = new StringBuilder(12_000);
            sb.Append(@"using System;
using System.Collections.Generic;
using System.Globalization;
using Rollback;

namespace Game.Module").Append(n).Append(@"
{
    [RollbackState]
    public partial class Unit
    {
        public int Id;
        public FixedVector2 Position;
        public FixedVector2 Velocity;
        public int Health = 100;
        public int Team;
        public int Cooldown;
        public int[] Buffs = new int[4];
    }

    [RollbackState]
    public partial class World
    {
        public List<Unit> Units = new List<Unit>();
        public int[] Scores = new int[4];
        public FixedVector2 Wind;
        public int Hits;
        public DeterministicRandom Rng = new DeterministicRandom(").Append(n).Append(@");
    }

    public struct Command
    {
        public sbyte X;
        public sbyte Y;
        public bool Fire;
        public bool Dash;
    }

    public sealed class Rules : ISimulation<World, Command>
    {
        public const int Steps = 900;

        public void Step(World world, ReadOnlySpan<Command> inputs)
        {
            Spawner.EnsureUnits(world, inputs.Length);
            for (int i = 0; i < world.Units.Count; i++)
            {
                Unit unit = world.Units[i];
                Command command = inputs[unit.Team % inputs.Length];
                Physics.Accelerate(unit, command);
                Physics.Integrate(unit, world.Wind);
                Physics.ClampToArena(unit);
                if (command.Fire)
                {
                    Combat.Fire(world, unit);
                }
            }

            Combat.ResolveCollisions(world);
            Scoring.Update(world);
            world.Wind = Weather.NextWind(world);
        }

        public bool IsEpisodeOver(World world) => world.StepNum >= Steps || Scoring.Leader(world) >= 50;

        public void ResetEpisode(World world)
        {
            world.Units.Clear();
            Array.Clear(world.Scores, 0, world.Scores.Length);
            world.Hits = 0;
            world.Wind = FixedVector2.Zero;
        }
    }

    internal static class Spawner
    {
        public static void EnsureUnits(World world, int players)
        {
            while (world.Units.Count < players * 4)
            {
                int id = world.Units.Count;
                Fixed64 x = world.Rng.NextFixed(Fixed64.FromInt(10), Fixed64.FromInt(90));
                Fixed64 y = world.Rng.NextFixed(Fixed64.FromInt(10), Fixed64.FromInt(90));
                world.Units.Add(new Unit { Id = id, Team = id % players, Position = new FixedVector2(x, y) });
            }
        }
    }

    internal static class Physics
    {
        private static readonly Fixed64 Acceleration = Fixed64.FromRatio(1, 4);
        private static readonly Fixed64 Friction = Fixed64.FromRatio(15, 16);
        private static readonly Fixed64 MaxSpeed = Fixed64.FromInt(3);
        private static readonly Fixed64 Size = Fixed64.FromInt(100);

        public static void Accelerate(Unit unit, Command command)
        {
            var direction = new FixedVector2(Fixed64.FromInt(Math.Sign(command.X)), Fixed64.FromInt(Math.Sign(command.Y)));
            if (command.Dash && unit.Cooldown == 0 && direction != FixedVector2.Zero)
            {
                unit.Velocity = direction.Normalized() * MaxSpeed;
                unit.Cooldown = 20;
            }
            else
            {
                unit.Velocity = (unit.Velocity + (direction * Acceleration)) * Friction;
            }

            unit.Velocity = Limit(unit.Velocity, MaxSpeed);
            if (unit.Cooldown > 0)
            {
                unit.Cooldown--;
            }
        }

        public static void Integrate(Unit unit, FixedVector2 wind)
        {
            unit.Position += unit.Velocity + (wind * Fixed64.FromRatio(1, 8));
");
            if (planted)
            {
                sb.Append(@"            double drag = 0.99 * (double)unit.Cooldown;
            if (drag > 10.0)
            {
                unit.Cooldown = (int)Math.Floor(drag / 2.0);
            }
");
            }

            sb.Append(@"        }

        public static void ClampToArena(Unit unit)
        {
            Fixed64 x = FixedMath.Clamp(unit.Position.X, Fixed64.Zero, Size);
            Fixed64 y = FixedMath.Clamp(unit.Position.Y, Fixed64.Zero, Size);
            if (x != unit.Position.X)
            {
                unit.Velocity = new FixedVector2(-unit.Velocity.X, unit.Velocity.Y);
            }

            if (y != unit.Position.Y)
            {
                unit.Velocity = new FixedVector2(unit.Velocity.X, -unit.Velocity.Y);
            }

            unit.Position = new FixedVector2(x, y);
        }

        public static FixedVector2 Limit(FixedVector2 v, Fixed64 max)
        {
            Fixed64 lengthSquared = v.LengthSquared();
            if (lengthSquared <= max * max)
            {
                return v;
            }

            return v.Normalized() * max;
        }

        public static Fixed64 Distance(Unit a, Unit b) => FixedMath.Sqrt((a.Position - b.Position).LengthSquared());
    }

    internal static class Combat
    {
        private static readonly Fixed64 Reach = Fixed64.FromInt(6);

        public static void Fire(World world, Unit shooter)
        {
            Unit? target = Nearest(world, shooter);
            if (target is null || Physics.Distance(shooter, target) > Reach)
            {
                return;
            }

            int damage = 5 + (shooter.Buffs[0] % 3);
            target.Health -= damage;
            world.Hits++;
            if (target.Health <= 0)
            {
                world.Scores[shooter.Team % world.Scores.Length]++;
                target.Health = 100;
                target.Position = new FixedVector2(Fixed64.FromInt(50), Fixed64.FromInt(50));
            }
        }

        public static Unit? Nearest(World world, Unit from)
        {
            Unit? best = null;
            Fixed64 bestDistance = Fixed64.MaxValue;
            foreach (Unit other in world.Units)
            {
                if (other.Team == from.Team)
                {
                    continue;
                }

                Fixed64 d = (other.Position - from.Position).LengthSquared();
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = other;
                }
            }

            return best;
        }

        public static void ResolveCollisions(World world)
        {
            for (int i = 0; i < world.Units.Count; i++)
            {
                for (int j = i + 1; j < world.Units.Count; j++)
                {
                    Unit a = world.Units[i];
                    Unit b = world.Units[j];
                    FixedVector2 delta = b.Position - a.Position;
                    if (delta.LengthSquared() < Fixed64.FromInt(4))
                    {
                        FixedVector2 push = delta * Fixed64.Half;
                        a.Position -= push;
                        b.Position += push;
                    }
                }
            }
        }
    }

    internal static class Scoring
    {
        public static void Update(World world)
        {
            int alive = 0;
            foreach (Unit unit in world.Units)
            {
                if (unit.Health > 50)
                {
                    alive++;
                }
            }

            world.Scores[0] += alive > 6 ? 1 : 0;
");
            if (planted)
            {
                sb.Append(@"            if (DateTime.Now.Millisecond == 0)
            {
                world.Hits++;
            }
");
            }

            sb.Append(@"        }

        public static int Leader(World world)
        {
            int best = 0;
            for (int i = 0; i < world.Scores.Length; i++)
            {
                best = Math.Max(best, world.Scores[i]);
            }

            return best;
        }
    }

    internal static class Weather
    {
        public static FixedVector2 NextWind(World world)
        {
            Fixed64 angle = world.Rng.NextFixed(Fixed64.Zero, Fixed64.TwoPi);
            return new FixedVector2(FixedMath.Cos(angle), FixedMath.Sin(angle)) * Fixed64.FromRatio(1, 10);
        }
    }

    /// <summary>Presentation: not simulation code, so doubles, the clock and hash order are fine here.</summary>
    public sealed class View
    {
        private readonly Dictionary<string, double> _labels = new Dictionary<string, double>();
        private DateTime _lastDraw;

        public double Zoom { get; set; } = 1.5;

        public string Describe(World world)
        {
            _lastDraw = DateTime.Now;
            double total = 0;
            foreach (Unit unit in world.Units)
            {
                double x = (double)unit.Position.X.RawValue / 4294967296.0;
                total += x * Zoom;
                _labels[""unit"" + unit.Id.ToString(CultureInfo.InvariantCulture)] = x;
            }

            foreach (KeyValuePair<string, double> label in _labels)
            {
                total += label.Value;
            }

            return total.ToString(""F2"", CultureInfo.InvariantCulture) + "" at "" + _lastDraw.ToString(""O"", CultureInfo.InvariantCulture);
        }
    }
}
");
            return sb.ToString();
        }
    }
}
