using System;
using System.Collections.Generic;
using Rollback.Generators.Tests.Shapes;
using Xunit;

namespace Rollback.Generators.Tests
{
    public class RoundTripTests
    {
        private static byte[] SaveOf(IRollbackState state)
        {
            var buffer = new byte[state.SnapshotSize];
            Assert.Equal(buffer.Length, state.Save(buffer));
            return buffer;
        }

        [Fact]
        public void EveryMemberKindRoundTripsExactly()
        {
            Everything source = ShapeFactory.Populated(3);
            ((IRollbackCounters)source).SetCounters(120, 17, 4);
            byte[] bytes = SaveOf(source);

            var target = new Everything();
            target.Restore(bytes);

            Assert.Null(source.FirstDifference(target));
            Assert.Equal(source.Checksum(), target.Checksum());
            Assert.Equal((120, 17, 4), (target.Frame, target.StepNum, target.Episode));
            Assert.Equal("third", target.Players![2]!.Name);
            Assert.Null(target.Players[1]);
            Assert.Equal(new[] { 1, 2, 3 }, target.IntList);
            Assert.Equal(33, target.PrivateValue);
            Assert.Equal(37.5m, target.Money);
            Assert.Equal(0, target.Cache); // [RollbackIgnore] members are not restored
            Assert.Equal(SaveOf(source), SaveOf(target));
        }

        [Fact]
        public void RestoreKeepsInstancesWhenTheShapeMatches()
        {
            Everything state = ShapeFactory.Populated(1);
            byte[] bytes = SaveOf(state);
            int[] numbers = state.Numbers!;
            List<int> ints = state.IntList!;
            Player hero = state.Hero!;
            Player?[] players = state.Players!;
            Player first = state.Players![0]!;
            List<Player?> list = state.PlayerList!;
            string text = state.Text!;

            state.Numbers![0] = 1000;
            state.Hero!.Health = -5;
            state.IntList!.Add(77);
            state.PlayerList!.RemoveAt(1);
            state.Restore(bytes);

            Assert.Same(numbers, state.Numbers);
            Assert.Same(ints, state.IntList);
            Assert.Same(hero, state.Hero);
            Assert.Same(players, state.Players);
            Assert.Same(first, state.Players![0]);
            Assert.Same(list, state.PlayerList);
            Assert.Same(text, state.Text);
            Assert.Equal(1, state.Numbers![0]);
            Assert.Equal(90, state.Hero!.Health);
            Assert.Equal(3, state.IntList!.Count);
            Assert.Equal(2, state.PlayerList!.Count);
        }

        [Fact]
        public void RestoreHandlesLengthAndNullChanges()
        {
            Everything state = ShapeFactory.Populated(2);
            byte[] bytes = SaveOf(state);
            state.Numbers = new int[10];
            state.Players = null;
            state.Hero = null;
            state.BodyList = new List<Body>();
            state.Text = null;
            state.Restore(bytes);
            Assert.Null(ShapeFactory.Populated(2).FirstDifference(state));

            var empty = new Everything { Numbers = null, Hero = null };
            byte[] emptyBytes = SaveOf(empty);
            state.Restore(emptyBytes);
            Assert.Null(state.Numbers);
            Assert.Null(state.Hero);
            Assert.Null(empty.FirstDifference(state));
        }

        [Fact]
        public void ReadonlyArrayOfAnotherLengthIsAClearError()
        {
            var state = new Everything();
            byte[] bytes = SaveOf(state);
            var other = new Everything();
            typeof(Everything).GetField(nameof(Everything.Fixed))!.SetValue(other, new long[5]);
            var ex = Assert.Throws<SnapshotFormatException>(() => other.Restore(bytes));
            Assert.Contains("Fixed", ex.Message);
            Assert.Contains("readonly", ex.Message);
        }

        [Fact]
        public void TruncatedSnapshotThrowsBeforeAnyMemberIsOverwritten()
        {
            byte[] bytes = SaveOf(ShapeFactory.Populated(5));
            for (int cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 37))
            {
                Everything target = ShapeFactory.Populated(9);
                byte[] before = SaveOf(target);
                var ex = Assert.Throws<SnapshotFormatException>(() => target.Restore(bytes.AsSpan(0, cut)));
                Assert.Contains("truncated", ex.Message);
                Assert.Equal(before, SaveOf(target));
            }
        }

        [Fact]
        public void SnapshotOfAnotherTypeOrVersionIsRefused()
        {
            byte[] player = SaveOf(new Player());
            var target = ShapeFactory.Populated(4);
            byte[] before = SaveOf(target);
            var ex = Assert.Throws<SnapshotFormatException>(() => target.Restore(player));
            Assert.Contains("another state type or another version", ex.Message);
            Assert.Equal(before, SaveOf(target));

            byte[] garbage = new byte[64];
            new Random(1).NextBytes(garbage);
            Assert.Contains("not a Rollback snapshot", Assert.Throws<SnapshotFormatException>(() => target.Restore(garbage)).Message);

            // A derived state's snapshot does not restore into its base type, and the reverse.
            Assert.Throws<SnapshotFormatException>(() => new BaseState().Restore(SaveOf(new DerivedState())));
            Assert.Throws<SnapshotFormatException>(() => new DerivedState().Restore(SaveOf(new BaseState())));
        }

        [Fact]
        public void DestinationTooSmallIsAnArgumentError()
        {
            Everything state = ShapeFactory.Populated(1);
            var ex = Assert.ThrowsAny<ArgumentException>(() => state.Save(new byte[state.SnapshotSize - 1]));
            Assert.Contains("SnapshotSize", ex.Message);
        }

        [Fact]
        public void InheritedMembersAreSavedBaseFirst()
        {
            var source = new DerivedState { BaseValue = 3, DerivedValue = 4 };
            source.Items.Add(8);
            var target = new DerivedState();
            target.Restore(SaveOf(source));
            Assert.Equal((3, 4), (target.BaseValue, target.DerivedValue));
            Assert.Equal(new[] { 8 }, target.Items);
            target.BaseValue = 9;
            Assert.Equal("BaseValue", source.FirstDifference(target));
        }

        [Fact]
        public unsafe void FixedBuffersRoundTrip()
        {
            var source = new WithFixedBuffer { Count = 3 };
            for (int i = 0; i < 8; i++)
            {
                source.Cells[i] = i * i;
            }

            var target = new WithFixedBuffer();
            target.Restore(SaveOf(source));
            Assert.Equal(49, target.Cells[7]);
            Assert.Equal(3, target.Count);
            target.Cells[5] = -1;
            Assert.Equal("Cells[5]", source.FirstDifference(target));
        }

        [Fact]
        public void NestedAndGlobalNamespaceStatesWork()
        {
            var inner = new Outer.Inner { Value = 5 };
            var copy = new Outer.Inner();
            copy.Restore(SaveOf(inner));
            Assert.Equal(5, copy.Value);

            var global = new GlobalNamespaceState { Value = 6 };
            var globalCopy = new GlobalNamespaceState();
            globalCopy.Restore(SaveOf(global));
            Assert.Equal(6, globalCopy.Value);
        }

        [Fact]
        public void FirstDifferenceNamesNestedMemberPaths()
        {
            Everything a = ShapeFactory.Populated(1);
            Everything b = ShapeFactory.Populated(1);
            Assert.Null(a.FirstDifference(b));

            b.Players![2]!.Position.X = 77;
            Assert.Equal("Players[2].Position.X", a.FirstDifference(b));
            b = ShapeFactory.Populated(1);
            b.Core.Velocity.Y = 1;
            Assert.Equal("Core.Velocity.Y", a.FirstDifference(b));
            b = ShapeFactory.Populated(1);
            b.Bodies![1].Position.X = 0;
            Assert.Equal("Bodies[1].Position.X", a.FirstDifference(b));
            b = ShapeFactory.Populated(1);
            b.Numbers = new int[1];
            Assert.Equal("Numbers.Length", a.FirstDifference(b));
            b = ShapeFactory.Populated(1);
            ((IRollbackCounters)b).SetCounters(1, 0, 0);
            Assert.Equal("Frame", a.FirstDifference(b));
        }

        [Fact]
        public void AStructStateIsNestedStateOnly()
        {
            var body = new Body { Alive = true };
            Assert.Equal((0, 0, 0), (body.Frame, body.StepNum, body.Episode));
            var ex = Assert.Throws<NotSupportedException>(() => ((IRollbackCounters)body).SetCounters(1, 1, 0));
            Assert.Contains("class", ex.Message);
            var copy = new Body();
            byte[] bytes = SaveOf(body);
            copy.Restore(bytes);
            Assert.True(copy.Alive);
        }

        [Fact]
        public void PolymorphicInstanceInAStateMemberIsRefused()
        {
            var holder = new PolymorphicHolder { Item = new DerivedState() };
            var ex = Assert.Throws<InvalidOperationException>(() => holder.Save(new byte[holder.SnapshotSize]));
            Assert.Contains("Item", ex.Message);
        }
    }

    [RollbackState]
    public partial class PolymorphicHolder
    {
        public BaseState? Item;
    }
}
