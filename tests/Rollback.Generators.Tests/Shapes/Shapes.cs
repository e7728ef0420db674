using System.Collections.Generic;
using Rollback;

namespace Rollback.Generators.Tests.Shapes
{
    public enum Team : byte { Red, Blue }

    public struct Vec2i
    {
        public int X;
        public int Y;
    }

    [RollbackState]
    public partial struct Body
    {
        public Vec2i Position;
        public Vec2i Velocity;
        public bool Alive;
    }

    [RollbackState]
    public partial class Player
    {
        public Vec2i Position;
        public int Health { get; set; }
        public string Name = "p";
        public int[] Inventory = new int[4];
    }

    [RollbackState]
    public partial class Everything
    {
        public byte B;
        public short S;
        public int I;
        public long L;
        public char C;
        public bool Flag;
        public Team Team;
        public decimal Money;
        public Vec2i Point;
        public int? MaybeInt;
        public Vec2i? MaybePoint;
        public string? Text;
        public int[]? Numbers;
        public readonly long[] Fixed = new long[3];
        public List<int>? IntList;
        public Player? Hero;
        public Body Core;
        public Player?[]? Players;
        public Body[]? Bodies;
        public List<Player?>? PlayerList;
        public List<Body>? BodyList;
        public int Score { get; set; }
        protected int Hidden;
        private int _private;

        [RollbackIgnore]
        public int Cache;

        public int Derived => I * 2;

        public int PrivateValue { get => _private; set => _private = value; }
    }

    /// <summary>A small state with a nested object and a list of them (for the layout tests).</summary>
    [RollbackState]
    public partial class Squad
    {
        public int Tick;
        public Player? Hero;
        public List<Player?>? Units;
    }

    [RollbackState]
    public partial class BaseState
    {
        public int BaseValue;
    }

    [RollbackState]
    public partial class DerivedState : BaseState
    {
        public int DerivedValue;
        public List<int> Items = new List<int>();
    }

    [RollbackState]
    public unsafe partial struct WithFixedBuffer
    {
        public fixed int Cells[8];
        public int Count;
    }

    public partial class Outer
    {
        [RollbackState]
        public partial class Inner
        {
            public int Value;
        }
    }
}

[Rollback.RollbackState]
public partial class GlobalNamespaceState
{
    public int Value;
}
