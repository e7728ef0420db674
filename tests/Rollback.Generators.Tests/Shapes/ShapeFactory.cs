using System.Collections.Generic;

namespace Rollback.Generators.Tests.Shapes
{
    /// <summary>Builds fully populated states for the round-trip tests.</summary>
    internal static class ShapeFactory
    {
        public static Everything Populated(int seed = 1)
        {
            var e = new Everything
            {
                B = (byte)(seed + 1),
                S = (short)(seed * 3),
                I = seed * 7,
                L = seed * 1_000_000_007L,
                C = (char)('a' + (seed % 26)),
                Flag = seed % 2 == 0,
                Team = seed % 2 == 0 ? Team.Red : Team.Blue,
                Money = 12.5m * seed,
                Point = new Vec2i { X = seed, Y = -seed },
                MaybeInt = seed,
                MaybePoint = new Vec2i { X = 2, Y = 3 },
                Text = "text-" + seed,
                Numbers = new[] { seed, seed + 1, seed + 2 },
                IntList = new List<int> { 1, 2, seed },
                Hero = new Player { Position = new Vec2i { X = 5, Y = 6 }, Health = 90, Name = "hero", Inventory = new[] { 1, 2, 3, 4 } },
                Core = new Body { Position = new Vec2i { X = 1, Y = 1 }, Velocity = new Vec2i { X = 2, Y = 2 }, Alive = true },
                Players = new Player?[] { new Player { Health = 10 }, null, new Player { Health = 30, Name = "third" } },
                Bodies = new[] { new Body { Alive = true }, new Body { Position = new Vec2i { X = 9 } } },
                PlayerList = new List<Player?> { new Player { Health = 1 }, new Player { Health = 2 } },
                BodyList = new List<Body> { new Body { Alive = true } },
                Score = 42 + seed,
                Cache = 99,
            };
            e.Fixed[0] = seed;
            e.Fixed[2] = -seed;
            e.PrivateValue = seed * 11;
            return e;
        }
    }
}
