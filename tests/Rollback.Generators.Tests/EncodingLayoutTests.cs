using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using Rollback.Generators.Tests.Shapes;
using Rollback.Snapshots;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>
    /// Pins the byte layout the README documents (header, counters, members in order, base first; raw
    /// unmanaged values, length-prefixed arrays, lists and strings, a presence byte per nested object),
    /// built here by hand, independently of the generated code and of how it groups its writes.
    /// </summary>
    public class EncodingLayoutTests
    {
        [Fact]
        public void A_derived_state_is_header_counters_base_members_then_its_own()
        {
            var state = new DerivedState { BaseValue = -7, DerivedValue = 0x01020304 };
            state.Items.AddRange(new[] { 5, 6 });

            var body = new Layout()
                .Int(0).Int(0).Int(0)        // Frame, StepNum, Episode
                .Int(-7).Int(0x01020304)     // BaseValue, then DerivedValue
                .Int(2).Int(5).Int(6);       // Items: count, elements

            AssertLayout(state, body);
        }

        [Fact]
        public void Fixed_size_runs_strings_arrays_and_nested_objects_keep_the_documented_layout()
        {
            var hero = new Player { Position = new Vec2i { X = 1, Y = -2 }, Health = 90, Name = "Ada", Inventory = new[] { 7, 8, 9 } };
            var world = new Squad { Tick = 12, Hero = hero, Units = new List<Player?> { null, hero } };

            Layout Player(Layout l) => l
                .Int(1).Int(-2).Int(90)              // Position (raw struct), Health: one fixed-size run
                .Int(3).Chars("Ada")                 // Name: length, UTF-16
                .Int(3).Int(7).Int(8).Int(9);        // Inventory: length, elements

            var body = new Layout().Int(0).Int(0).Int(0).Int(12);
            body = Player(body.Byte(1));             // Hero: present
            body = body.Int(2).Byte(0);              // Units: count, a null
            body = Player(body.Byte(1));             // then a present unit

            AssertLayout(world, body);
        }

        private static void AssertLayout(IRollbackState state, Layout body)
        {
            byte[] expectedBody = body.ToArray();
            var saved = new byte[state.SnapshotSize];
            int written = state.Save(saved);

            Assert.Equal(SnapshotEncoding.HeaderSize + expectedBody.Length, written);
            Assert.Equal(SnapshotEncoding.Magic, BinaryPrimitives.ReadUInt32LittleEndian(saved));
            Assert.Equal(expectedBody.Length, BinaryPrimitives.ReadInt32LittleEndian(saved.AsSpan(12)));
            Assert.Equal(expectedBody, saved.AsSpan(SnapshotEncoding.HeaderSize, written - SnapshotEncoding.HeaderSize).ToArray());
        }

        private sealed class Layout
        {
            private readonly List<byte> _bytes = new List<byte>();

            public Layout Int(int value)
            {
                var b = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(b, value);
                _bytes.AddRange(b);
                return this;
            }

            public Layout Byte(byte value)
            {
                _bytes.Add(value);
                return this;
            }

            public Layout Chars(string text)
            {
                _bytes.AddRange(Encoding.Unicode.GetBytes(text));
                return this;
            }

            public byte[] ToArray() => _bytes.ToArray();
        }
    }
}
