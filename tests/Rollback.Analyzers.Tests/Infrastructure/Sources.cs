namespace Rollback.Analyzers.Tests
{
    internal static class Sources
    {
        /// <summary>A state, an input and a simulation whose Step body is <paramref name="body"/>.</summary>
        public static string Simulation(string body) => @"
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollback;

[RollbackState]
public partial class Arena
{
    public int Score;
    public DeterministicRandom Rng = new DeterministicRandom(7);
}

public struct Pad { public int X; }

public sealed class Rules : ISimulation<Arena, Pad>
{
    public void Step(Arena s, ReadOnlySpan<Pad> inputs)
    {
" + body + @"
    }

    public bool IsEpisodeOver(Arena s) => false;
    public void ResetEpisode(Arena s) { }
}
";
    }
}
