using System;
using System.Linq;
using Rollback.Forensics;
using Rollback.Generators.Tests.Shapes;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>The generated difference listing: paths, invariant values, lengths, presence, bounds, snapshots.</summary>
    public class DifferenceTests
    {
        private static Everything Copy(Everything source)
        {
            var buffer = new byte[source.SnapshotSize];
            int written = source.Save(buffer);
            var copy = new Everything();
            copy.Restore(buffer.AsSpan(0, written));
            return copy;
        }

        [Fact]
        public void EqualStatesHaveNoDifferences()
        {
            Everything a = ShapeFactory.Populated(3);
            StateDifferenceList list = a.Differences(Copy(a));
            Assert.True(list.IsEmpty);
            Assert.False(list.IsTruncated);
        }

        [Fact]
        public void EveryDifferingMemberIsListedInMemberOrderWithBothValues()
        {
            Everything a = ShapeFactory.Populated(2);
            Everything b = Copy(a);
            b.I = 1234;
            b.Point.Y = 77;
            b.Hero!.Name = "villain";
            b.Players![2]!.Health = 31;
            b.Score = -5;
            string[] lines = a.Differences(b).Select(d => d.ToString()).ToArray();
            Assert.Equal(
                new[]
                {
                    "I: 14 vs 1234",
                    "Point.Y: -2 vs 77",
                    "Hero.Name: \"hero\" vs \"villain\"",
                    "Players[2].Health: 30 vs 31",
                    "Score: 44 vs -5",
                },
                lines);
            Assert.Equal("I", a.FirstDifference(b));
        }

        [Fact]
        public void LengthAndPresenceChangesAreReportedAsSuch()
        {
            Everything a = ShapeFactory.Populated(1);
            Everything b = Copy(a);
            b.Numbers = new[] { 1, 2, 3, 4, 5 };   // was {1, 2, 3}: two longer, same prefix
            b.IntList!.RemoveAt(2);                // count 3 -> 2
            b.Text = null;
            b.MaybeInt = null;
            b.Players![1] = new Player();
            b.Hero = null;
            StateDifferenceList list = a.Differences(b);
            Assert.Contains(new StateDifference("Numbers.Length", "3", "5", DifferenceKind.Length), list);
            Assert.Contains(new StateDifference("IntList.Count", "3", "2", DifferenceKind.Length), list);
            Assert.Contains(new StateDifference("Text", "\"text-1\"", "null", DifferenceKind.Presence), list);
            Assert.Contains(new StateDifference("MaybeInt", "1", "null", DifferenceKind.Presence), list);
            Assert.Contains(new StateDifference("Players[1]", "null", "Player", DifferenceKind.Presence), list);
            Assert.Contains(new StateDifference("Hero", "Player", "null", DifferenceKind.Presence), list);
            Assert.Equal(6, list.Count);
        }

        [Fact]
        public void ValuesAreFormattedInvariantly()
        {
            var a = new Duel();
            var b = new Duel();
            a.Speed = Fixed64.FromRatio(5, 2);
            b.Speed = Fixed64.FromRatio(-1, 4);
            b.Position = new FixedVector2(Fixed64.Zero, Fixed64.FromRatio(3, 8));
            b.Stance = Stance.Jumping;
            b.Banner = "say \"hi\"\n";
            a.Drift = 0.1;
            b.Drift = -0.0;
            b.Key = 'q';
            b.Roster.Add(new Player { Health = 3 });
            StateDifferenceList list = a.Differences(b);
            Assert.Equal(
                new[]
                {
                    "Speed: 2.5 vs -0.25",
                    "Position.Y: 0 vs 0.375",
                    "Stance: Idle vs Jumping",
                    "Banner: \"go\" vs \"say \\\"hi\\\"\\n\"",
                    "Drift: 0.1 vs -0",
                    "Key: 'k' vs 'q'",
                    "Roster.Count: 0 vs 1",
                },
                list.Select(d => d.ToString()).ToArray());
        }

        [Fact]
        public void CountersAreComparedFirst()
        {
            var a = new Duel();
            var b = new Duel();
            ((IRollbackCounters)b).SetCounters(5, 2, 1);
            b.Stance = Stance.Running;
            Assert.Equal(new[] { "Frame", "StepNum", "Episode", "Stance" }, a.Differences(b).Select(d => d.Path).ToArray());
        }

        [Fact]
        public void TheCountIsBoundedAndTruncationIsReported()
        {
            Everything a = ShapeFactory.Populated(1);
            Everything b = Copy(a);
            b.B++; b.S++; b.I++; b.L++; b.Score++;
            StateDifferenceList bounded = a.Differences(b, maxCount: 3);
            Assert.Equal(new[] { "B", "S", "I" }, bounded.Select(d => d.Path).ToArray());
            Assert.True(bounded.IsTruncated);
            StateDifferenceList all = a.Differences(b, maxCount: 5);
            Assert.Equal(5, all.Count);
            Assert.False(all.IsTruncated);
            Assert.Throws<ArgumentOutOfRangeException>(() => a.Differences(b, maxCount: 0));
        }

        [Fact]
        public void DifferencesFromSnapshotBytesMatchDifferencesOfTheStates()
        {
            Everything a = ShapeFactory.Populated(4);
            Everything b = Copy(a);
            b.Core.Velocity.X = 9;
            b.BodyList!.Add(new Body { Alive = false });
            byte[] left = new byte[a.SnapshotSize];
            byte[] right = new byte[b.SnapshotSize];
            a.Save(left);
            b.Save(right);
            StateDifferenceList fromBytes = StateDifferences.FromSnapshots(left, right, () => new Everything());
            Assert.Equal(a.Differences(b).ToArray(), fromBytes.ToArray());
            Assert.Equal(new[] { "Core.Velocity.X: 2 vs 9", "BodyList.Count: 1 vs 2" }, fromBytes.Select(d => d.ToString()).ToArray());
            Assert.Equal(fromBytes.ToArray(), StateDifferences.FromSnapshots(typeof(Everything), left, right).ToArray());
        }

        [Fact]
        public void SnapshotsOfAnotherTypeOrTruncatedOnesAreRefused()
        {
            var duel = new Duel();
            byte[] duelBytes = new byte[duel.SnapshotSize];
            duel.Save(duelBytes);
            Everything a = ShapeFactory.Populated(1);
            byte[] bytes = new byte[a.SnapshotSize];
            a.Save(bytes);
            Assert.Throws<SnapshotFormatException>(() => StateDifferences.FromSnapshots(bytes, duelBytes, () => new Everything()));
            Assert.Throws<SnapshotFormatException>(() => StateDifferences.FromSnapshots(bytes, bytes.AsSpan(0, bytes.Length - 3), () => new Everything()));
        }

        [Fact]
        public void StateTypesAreFoundBySchemaId()
        {
            var duel = new Duel();
            byte[] bytes = new byte[duel.SnapshotSize];
            duel.Save(bytes);
            ulong schema = StateTypes.SchemaIdOfSnapshot(bytes);
            Assert.Equal(StateTypes.SchemaIdOf(typeof(Duel)), schema);
            Assert.Equal(typeof(Duel), StateTypes.FindBySchemaId(typeof(Duel).Assembly, schema));
            Assert.Null(StateTypes.FindBySchemaId(typeof(Duel).Assembly, schema ^ 1));
            Assert.Throws<SnapshotFormatException>(() => StateTypes.SchemaIdOfSnapshot(new byte[20]));
        }

        [Fact]
        public void NestedStructStatesAndBaseMembersAreWalked()
        {
            var a = new DerivedState { BaseValue = 1, DerivedValue = 2 };
            var b = new DerivedState { BaseValue = 3, DerivedValue = 2 };
            b.Items.Add(4);
            Assert.Equal(new[] { "BaseValue: 1 vs 3", "Items.Count: 0 vs 1" }, a.Differences(b).Select(d => d.ToString()).ToArray());
        }

        [Fact]
        public void FixedBuffersAreComparedByIndex()
        {
            var a = new WithFixedBuffer();
            var b = new WithFixedBuffer();
            unsafe
            {
                b.Cells[5] = 8;
            }

            Assert.Equal(new[] { "Cells[5]: 0 vs 8" }, a.Differences(b).Select(d => d.ToString()).ToArray());
        }
    }
}
