using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollback.Forensics;
using Rollback.Generators.Tests.Shapes;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>
    /// Seeded property: take a populated state, copy it through its snapshot, change k randomly chosen independent
    /// members of the copy to random values; the difference list names exactly those k members, with the value each
    /// side holds, in member order.
    /// </summary>
    public class DifferencePropertyTests
    {
        private delegate StateDifference Mutation(Everything a, Everything b, Random random);

        private static string S(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static int Other(Random random, int current)
        {
            int value;
            do
            {
                value = random.Next(-1000, 1000);
            }
            while (value == current);
            return value;
        }

        // Each mutation changes one member of b no other mutation touches and returns the difference it expects,
        // with the values written out from the inputs (not read back from the report).
        private static readonly (int Order, Mutation Apply)[] Mutations =
        {
            (0, (a, b, r) => { b.B = (byte)(a.B + 1 + r.Next(100)); return new StateDifference("B", S(a.B), S(b.B)); }),
            (1, (a, b, r) => { b.S = (short)Other(r, a.S); return new StateDifference("S", S(a.S), S(b.S)); }),
            (2, (a, b, r) => { b.I = Other(r, a.I); return new StateDifference("I", S(a.I), S(b.I)); }),
            (3, (a, b, r) => { b.L = a.L + 1 + r.Next(1000); return new StateDifference("L", S(a.L), S(b.L)); }),
            (4, (a, b, r) => { b.C = (char)(a.C == 'z' ? 'y' : 'z'); return new StateDifference("C", "'" + a.C + "'", "'" + b.C + "'"); }),
            (5, (a, b, r) => { b.Flag = !a.Flag; return new StateDifference("Flag", a.Flag ? "true" : "false", b.Flag ? "true" : "false"); }),
            (6, (a, b, r) => { b.Team = a.Team == Team.Red ? Team.Blue : Team.Red; return new StateDifference("Team", a.Team == Team.Red ? "Red" : "Blue", b.Team == Team.Red ? "Red" : "Blue"); }),
            (7, (a, b, r) => { b.Money = a.Money + 0.25m; return new StateDifference("Money", a.Money.ToString(CultureInfo.InvariantCulture), b.Money.ToString(CultureInfo.InvariantCulture)); }),
            (8, (a, b, r) => { b.Point.X = Other(r, a.Point.X); return new StateDifference("Point.X", S(a.Point.X), S(b.Point.X)); }),
            (9, (a, b, r) => { b.MaybeInt = null; return new StateDifference("MaybeInt", S(a.MaybeInt!.Value), "null", DifferenceKind.Presence); }),
            (10, (a, b, r) => { b.Text = "t" + r.Next(1000); return new StateDifference("Text", "\"" + a.Text + "\"", "\"" + b.Text + "\""); }),
            (11, (a, b, r) => { b.Numbers![1] = Other(r, a.Numbers![1]); return new StateDifference("Numbers[1]", S(a.Numbers[1]), S(b.Numbers[1])); }),
            (12, (a, b, r) => { b.Fixed[2] = a.Fixed[2] + 1 + r.Next(50); return new StateDifference("Fixed[2]", S(a.Fixed[2]), S(b.Fixed[2])); }),
            (13, (a, b, r) => { int n = 1 + r.Next(3); for (int i = 0; i < n; i++) b.IntList!.Add(i); return new StateDifference("IntList.Count", "3", S(3 + n), DifferenceKind.Length); }),
            (14, (a, b, r) => { b.Hero!.Health = Other(r, a.Hero!.Health); return new StateDifference("Hero.Health", S(a.Hero.Health), S(b.Hero.Health)); }),
            (15, (a, b, r) => { b.Hero!.Inventory[3] = Other(r, a.Hero!.Inventory[3]); return new StateDifference("Hero.Inventory[3]", S(a.Hero.Inventory[3]), S(b.Hero.Inventory[3])); }),
            (16, (a, b, r) => { b.Core.Velocity.Y = Other(r, a.Core.Velocity.Y); return new StateDifference("Core.Velocity.Y", S(a.Core.Velocity.Y), S(b.Core.Velocity.Y)); }),
            (17, (a, b, r) => { b.Players![1] = new Player(); return new StateDifference("Players[1]", "null", "Player", DifferenceKind.Presence); }),
            (18, (a, b, r) => { b.Players![2]!.Name = "n" + r.Next(1000); return new StateDifference("Players[2].Name", "\"" + a.Players![2]!.Name + "\"", "\"" + b.Players[2]!.Name + "\""); }),
            (19, (a, b, r) => { b.Bodies![1].Alive = !a.Bodies![1].Alive; return new StateDifference("Bodies[1].Alive", a.Bodies[1].Alive ? "true" : "false", b.Bodies[1].Alive ? "true" : "false"); }),
            (20, (a, b, r) => { b.PlayerList![0]!.Position.X = Other(r, a.PlayerList![0]!.Position.X); return new StateDifference("PlayerList[0].Position.X", S(a.PlayerList[0]!.Position.X), S(b.PlayerList[0]!.Position.X)); }),
            (21, (a, b, r) => { b.BodyList!.Clear(); return new StateDifference("BodyList.Count", "1", "0", DifferenceKind.Length); }),
            (22, (a, b, r) => { b.Score = Other(r, a.Score); return new StateDifference("Score", S(a.Score), S(b.Score)); }),
            (23, (a, b, r) => { b.PrivateValue = Other(r, a.PrivateValue); return new StateDifference("_private", S(a.PrivateValue), S(b.PrivateValue)); }),
        };

        public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 40).Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(Seeds))]
        public void RandomStatesDifferingInKMembersListExactlyThoseK(int seed)
        {
            var random = new Random(seed);
            Everything a = ShapeFactory.Populated(1 + random.Next(50));
            var bytes = new byte[a.SnapshotSize];
            int written = a.Save(bytes);
            var b = new Everything();
            b.Restore(bytes.AsSpan(0, written));

            int k = random.Next(0, Mutations.Length + 1);
            var chosen = Mutations.OrderBy(_ => random.Next()).Take(k).OrderBy(m => m.Order).ToArray();
            var expected = chosen.Select(m => m.Apply(a, b, random)).ToArray();

            StateDifferenceList actual = a.Differences(b, maxCount: 100);
            Assert.Equal(expected, actual.ToArray());
            Assert.False(actual.IsTruncated);
            Assert.Equal(k == 0, a.FirstDifference(b) is null);

            // Bounded: the first m of the same list, and truncation exactly when more differ.
            if (k > 1)
            {
                int m = 1 + random.Next(k - 1);
                StateDifferenceList bounded = a.Differences(b, maxCount: m);
                Assert.Equal(expected.Take(m).ToArray(), bounded.ToArray());
                Assert.True(bounded.IsTruncated);
            }

            // The same list from the two snapshots' bytes.
            var other = new byte[b.SnapshotSize];
            int otherWritten = b.Save(other);
            Assert.Equal(expected, StateDifferences.FromSnapshots(bytes.AsSpan(0, written), other.AsSpan(0, otherWritten), () => new Everything(), 100).ToArray());
        }
    }
}
