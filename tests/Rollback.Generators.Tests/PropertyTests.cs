using System;
using System.Collections.Generic;
using CsCheck;
using Rollback.Generators.Tests.Shapes;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>Seeded property tests over random states (CsCheck; failures print a reproducible seed).</summary>
    public class PropertyTests
    {
        private static readonly Gen<Player?> GenPlayer =
            Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.String[0, 6], Gen.Int.Array[0, 5])
               .Select((x, y, hp, name, inv) => new Player { Position = new Vec2i { X = x, Y = y }, Health = hp, Name = name, Inventory = inv })
               .Null(0.2);

        private static readonly Gen<Body> GenBody =
            Gen.Select(Gen.Int, Gen.Int, Gen.Bool).Select((x, y, alive) => new Body { Position = new Vec2i { X = x, Y = y }, Velocity = new Vec2i { X = y, Y = x }, Alive = alive });

        private static readonly Gen<Everything> GenState =
            Gen.Select(
                Gen.Select(Gen.Byte, Gen.Short, Gen.Int, Gen.Long, Gen.Char, Gen.Bool, Gen.Select(Gen.Bool, Gen.Int).Select((has, x) => has ? (int?)x : null), Gen.String.Null(0.2)),
                Gen.Select(Gen.Int.Array[0, 8].Null(0.2), Gen.Int.List[0, 8].Null(0.2), GenPlayer, GenBody, GenPlayer.Array[0, 4].Null(0.2)),
                Gen.Select(GenBody.Array[0, 4].Null(0.2), GenPlayer.List[0, 4].Null(0.2), GenBody.List[0, 4].Null(0.2), Gen.Int, Gen.Long.Array[3], Gen.Decimal))
            .Select((p, c, s) =>
            {
                var e = new Everything
                {
                    B = p.Item1, S = p.Item2, I = p.Item3, L = p.Item4, C = p.Item5, Flag = p.Item6, MaybeInt = p.Item7, Text = p.Item8,
                    Numbers = c.Item1, IntList = c.Item2, Hero = c.Item3, Core = c.Item4, Players = c.Item5,
                    Bodies = s.Item1, PlayerList = s.Item2, BodyList = s.Item3, Score = s.Item4, Money = s.Item6,
                    Team = (p.Item3 & 1) == 0 ? Team.Red : Team.Blue,
                };
                Array.Copy(s.Item5, e.Fixed, 3);
                return e;
            });

        private static byte[] SaveOf(IRollbackState state)
        {
            var bytes = new byte[state.SnapshotSize];
            state.Save(bytes);
            return bytes;
        }

        [Fact]
        public void RandomStatesRoundTripExactly() =>
            GenState.Sample(state =>
            {
                byte[] bytes = SaveOf(state);
                var copy = ShapeFactory.Populated(99);
                copy.Restore(bytes);
                return state.FirstDifference(copy) is null && bytes.AsSpan().SequenceEqual(SaveOf(copy)) && state.Checksum() == copy.Checksum();
            }, iter: 300, seed: "0000ROLLBACK");

        [Fact]
        public void EqualStatesHaveEqualChecksums() =>
            GenState.Sample(state =>
            {
                var twin = new Everything();
                twin.Restore(SaveOf(state));
                return twin.Checksum() == state.Checksum();
            }, iter: 300);

        // Each mutation changes exactly one member; the checksum must change and the comparison must name it.
        private static readonly (string Path, Action<Everything> Mutate)[] Mutations =
        {
            ("B", e => e.B++), ("S", e => e.S++), ("I", e => e.I++), ("L", e => e.L ^= 1L << 40), ("C", e => e.C++),
            ("Flag", e => e.Flag = !e.Flag), ("Team", e => e.Team = e.Team == Team.Red ? Team.Blue : Team.Red),
            ("Money", e => e.Money += 0.01m), ("Point.Y", e => e.Point.Y++), ("MaybeInt", e => e.MaybeInt = e.MaybeInt is null ? 0 : null),
            ("MaybePoint", e => e.MaybePoint = null), ("Text", e => e.Text += "!"), ("Numbers[1]", e => e.Numbers![1]++),
            ("Numbers.Length", e => e.Numbers = new int[7]), ("Fixed[2]", e => e.Fixed[2]++), ("IntList[2]", e => e.IntList![2]++),
            ("IntList.Count", e => e.IntList!.Add(1)), ("Hero.Health", e => e.Hero!.Health++), ("Hero.Inventory[3]", e => e.Hero!.Inventory[3]++),
            ("Hero", e => e.Hero = null), ("Core.Alive", e => e.Core.Alive = !e.Core.Alive), ("Players[1]", e => e.Players![1] = new Player()),
            ("Players[0].Name", e => e.Players![0]!.Name = "x"), ("Bodies[0].Velocity.X", e => e.Bodies![0].Velocity.X++),
            ("PlayerList[1].Position.X", e => e.PlayerList![1]!.Position.X++), ("PlayerList.Count", e => e.PlayerList!.Add(null)),
            ("BodyList[0].Position.Y", e => e.BodyList![0] = new Body { Alive = true, Position = new Vec2i { Y = 5 } }),
            ("Score", e => e.Score++), ("Hidden", e => typeof(Everything).GetField("Hidden", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(e, 5)),
            ("_private", e => e.PrivateValue++),
        };

        [Fact]
        public void ChangingAnySingleMemberChangesTheChecksumAndIsNamed()
        {
            var checksums = new HashSet<ulong>();
            foreach (var (path, mutate) in Mutations)
            {
                Everything original = ShapeFactory.Populated(5);
                Everything changed = ShapeFactory.Populated(5);
                mutate(changed);
                Assert.NotEqual(original.Checksum(), changed.Checksum());
                Assert.Equal(path, original.FirstDifference(changed));
                checksums.Add(changed.Checksum());
            }

            Assert.Equal(Mutations.Length, checksums.Count);
        }

        [Fact]
        public void IgnoredMembersDoNotChangeTheChecksum()
        {
            Everything a = ShapeFactory.Populated(5);
            Everything b = ShapeFactory.Populated(5);
            b.Cache = 12345;
            Assert.Equal(a.Checksum(), b.Checksum());
            Assert.Null(a.FirstDifference(b));
        }

        [Fact]
        public void ChecksumIsStableAcrossRunsAndProcesses()
        {
            // Pinned value: the checksum is XxHash3 of the canonical bytes, so it never depends on the process.
            var state = new Player { Position = new Vec2i { X = 1, Y = 2 }, Health = 3, Name = "n", Inventory = new[] { 4, 5 } };
            Assert.Equal(PinnedPlayerChecksum, state.Checksum());
        }

        internal const ulong PinnedPlayerChecksum = 9918213876368244440UL;
    }
}
