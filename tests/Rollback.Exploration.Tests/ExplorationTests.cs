using System;
using Rollback.Exploration.Tests.Core;
using Xunit;
using Xunit.Abstractions;

namespace Rollback.Exploration.Tests
{
    public class ExplorationTests
    {
        private readonly ITestOutputHelper _output;

        public ExplorationTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Probe()
        {
            int runs = int.Parse(Environment.GetEnvironmentVariable("PROBE_RUNS") ?? "40");
            BatchSummary s = Explorer.Run(ExplorationSpace.All, 1, runs, (i, r) =>
            {
                if (!r.Passed)
                {
                    _output.WriteLine($"run {i}: " + r.Describe());
                }
            });
            _output.WriteLine(s.ToString());
        }
    }
}
