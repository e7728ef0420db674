using System.Collections.Generic;

namespace Rollback.Network.Tests.P2P;

/// <summary>The receive window of header sequence numbers, against a plain set as the model.</summary>
public class SequenceWindowTests
{
    [Theory]
    [InlineData(1UL, 0u)]
    [InlineData(2UL, 4_294_967_000u)] // wraps around during the run
    [InlineData(3UL, 123_456u)]
    public void EveryNumberIsTakenOnce_ReorderedWithinTheWindow_RejectedWhenOlder(ulong seed, uint start)
    {
        var rng = new TestRandom(seed);
        var window = new SequenceWindow();
        var seen = new HashSet<uint>();
        uint newest = start;
        bool any = false;
        for (int i = 0; i < 20000; i++)
        {
            // Mostly fresh numbers, some reordered or repeated ones, a few very old ones.
            int roll = rng.Next(100);
            uint s = roll < 60 ? newest + (uint)rng.Next(1, 4)
                : roll < 90 ? newest - (uint)rng.Next(0, 40)
                : newest - (uint)rng.Next(SequenceWindow.Size - 10, SequenceWindow.Size + 600);
            SequenceVerdict verdict = window.Accept(s);
            bool newer = !any || Protocol.IsNewer(s, newest);
            uint age = newest - s;
            SequenceVerdict expected = newer ? SequenceVerdict.New
                : age >= SequenceWindow.Size ? SequenceVerdict.Stale
                : seen.Contains(s) ? SequenceVerdict.Duplicate
                : SequenceVerdict.New;
            Assert.Equal(expected, verdict);
            if (verdict == SequenceVerdict.New)
            {
                seen.Add(s);
                if (newer)
                {
                    newest = s;
                    any = true;
                }
            }
        }
    }

    [Fact]
    public void AJumpFarAhead_IsRejected_AndDoesNotMoveTheWindow()
    {
        var window = new SequenceWindow();
        Assert.Equal(SequenceVerdict.New, window.Accept(100));
        Assert.Equal(SequenceVerdict.Stale, window.Accept(100 + SequenceWindow.MaxJump + 1));
        Assert.Equal(SequenceVerdict.New, window.Accept(101));
        Assert.Equal(101u, window.Newest);
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var window = new SequenceWindow();
        window.Accept(5000);
        window.Reset();
        Assert.Equal(SequenceVerdict.New, window.Accept(0));
        Assert.Equal(SequenceVerdict.Duplicate, window.Accept(0));
    }
}
