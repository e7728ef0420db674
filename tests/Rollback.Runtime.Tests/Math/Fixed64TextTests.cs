using System;
using System.Globalization;
using System.Numerics;
using System.Threading;
using Xunit;
using static Rollback.Runtime.Tests.DeterministicMath.MathTestHelpers;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    public class Fixed64TextTests
    {
        [Theory]
        [InlineData("0", 0L)]
        [InlineData("1", 1L << 32)]
        [InlineData("-1", -(1L << 32))]
        [InlineData("+2", 2L << 32)]
        [InlineData("0.5", 1L << 31)]
        [InlineData("-0.5", -(1L << 31))]
        [InlineData(".25", 1L << 30)]
        [InlineData("3.", 3L << 32)]
        [InlineData("1e-3", 4294967L)]          // 4294967.296 -> 4294967
        [InlineData("1E+3", 1000L << 32)]
        [InlineData("2.5e1", 25L << 32)]
        [InlineData("-2147483648", long.MinValue)]
        [InlineData("2147483647.99999999976716935634613037109375", long.MaxValue)]
        [InlineData("0.00000000023283064365386962890625", 1L)]      // exactly 2^-32
        [InlineData("0.000000000116415321826934814453125", 1L)]     // exactly 2^-33: tie, away from zero
        [InlineData("-0.000000000116415321826934814453125", -1L)]
        [InlineData("0.000000000116415321826934814453124", 0L)]
        [InlineData("1e-40", 0L)]
        [InlineData("0e999999999999", 0L)]
        [InlineData("000123.4500", 530213712691L)]  // 123.45 * 2^32 = 530213712691.2
        public void Parse_rounds_exactly(string text, long raw)
        {
            Assert.Equal(raw, Fixed64.Parse(text).RawValue);
            Assert.True(Fixed64.TryParse(text, out Fixed64 parsed));
            Assert.Equal(raw, parsed.RawValue);
            Assert.Equal(raw, Fixed64.Parse(text.AsSpan()).RawValue);
        }

        [Theory]
        [InlineData("")]
        [InlineData("-")]
        [InlineData(".")]
        [InlineData("e5")]
        [InlineData("1e")]
        [InlineData("1e+")]
        [InlineData(" 1")]
        [InlineData("1 ")]
        [InlineData("1,5")]
        [InlineData("1.2.3")]
        [InlineData("0x10")]
        [InlineData("--1")]
        [InlineData("NaN")]
        [InlineData("∞")]
        public void Parse_rejects_malformed_text(string text)
        {
            Assert.Throws<FormatException>(() => Fixed64.Parse(text));
            Assert.False(Fixed64.TryParse(text, out Fixed64 value));
            Assert.Equal(Fixed64.Zero, value);
        }

        [Theory]
        [InlineData("2147483648")]
        [InlineData("-2147483648.0000000002")]
        [InlineData("2147483647.9999999999")]
        [InlineData("1e10")]
        [InlineData("1e999999999999")]
        [InlineData("-99999999999999999999999")]
        public void Parse_reports_overflow(string text)
        {
            Assert.Throws<OverflowException>(() => Fixed64.Parse(text));
            Assert.False(Fixed64.TryParse(text, out _));
        }

        [Fact]
        public void Parse_null()
        {
            Assert.Throws<ArgumentNullException>(() => Fixed64.Parse(null!));
            Assert.False(Fixed64.TryParse((string?)null, out _));
        }

        [Theory]
        [InlineData(0L, "0")]
        [InlineData(1L << 32, "1")]
        [InlineData(-(1L << 31), "-0.5")]
        [InlineData(1L, "0.0000000002")]
        [InlineData(-1L, "-0.0000000002")]
        [InlineData(long.MinValue, "-2147483648")]
        [InlineData(long.MaxValue, "2147483647.9999999998")]
        [InlineData(13493037705L, "3.1415926537")]
        [InlineData(1L << 30, "0.25")]
        public void ToString_is_shortest_round_trip_text(long raw, string expected)
        {
            Assert.Equal(expected, Fixed64.FromRaw(raw).ToString());
        }

        [Fact]
        public void ToString_and_Parse_round_trip_for_seeded_values()
        {
            var random = new Random(2001);
            for (int i = 0; i < 100_000; i++)
            {
                long raw = i < EdgeRaws.Length ? EdgeRaws[i] : RandomRaw(random);
                Fixed64 value = Fixed64.FromRaw(raw);
                string text = value.ToString();
                Assert.Equal(raw, Fixed64.Parse(text).RawValue);

                // Shortest: dropping the last fractional digit (rounded) must not round-trip.
                int dot = text.IndexOf('.');
                if (dot >= 0)
                {
                    int digits = text.Length - dot - 1;
                    Assert.InRange(digits, 1, 10);
                    Assert.NotEqual('0', text[text.Length - 1]);
                }

                // The text is the nearest decimal with that many digits: |text - value| <= half a unit in the last digit.
                BigInteger scale = BigInteger.Pow(10, dot < 0 ? 0 : text.Length - dot - 1);
                BigInteger textScaled = BigInteger.Parse(text.Replace(".", string.Empty), CultureInfo.InvariantCulture);
                BigInteger diff = BigInteger.Abs((textScaled << 32) - ((BigInteger)raw * scale)); // in units of 2^-32 / scale
                Assert.True(diff * 2 <= Two32, $"{text} is not the nearest decimal for raw {raw}");
            }
        }

        [Fact]
        public void Text_is_culture_invariant()
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                Assert.Equal("-1.25", Fixed64.Parse("-1.25").ToString());
                Assert.Equal("(1.5, -2)", new FixedVector2(Fixed64.Parse("1.5"), -2).ToString());
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }
    }
}
