using System;
using System.Linq;
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
            ulong seed = ulong.Parse(Environment.GetEnvironmentVariable("PROBE_SEED") ?? "1");
            if (Environment.GetEnvironmentVariable("PROBE_EACH") == "1")
            {
                foreach (Dimension d in Enum.GetValues<Dimension>())
                {
                    BatchSummary one = Explorer.Run(ExplorationSpace.Only(d), seed, runs);
                    _output.WriteLine(d + ": " + one);
                }

                return;
            }

            var space = Environment.GetEnvironmentVariable("PROBE_ALL") == "1" ? ExplorationSpace.All : ExplorationSpace.Passing;
            string? without = Environment.GetEnvironmentVariable("PROBE_WITHOUT");
            if (without is not null)
            {
                space = new ExplorationSpace(Enum.GetValues<Dimension>().Where(d => !without.Split(',').Contains(d.ToString())));
            }
            BatchSummary s = Explorer.Run(space, seed, runs);
            _output.WriteLine(s.ToString());
            foreach (var kv in s.FirstOfKind)
            {
                RunReport min = Shrinker.Shrink(kv.Value);
                _output.WriteLine(Shrinker.Message(kv.Value, min));
            }
        }
    }
}
