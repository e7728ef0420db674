namespace Rollback.Network.Tests;

/// <summary>SplitMix64 for tests: a seed replays identically on every platform.</summary>
internal sealed class TestRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => (int)((NextULong() >> 33) % (ulong)max);

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public void Fill(System.Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)NextULong();
        }
    }
}
