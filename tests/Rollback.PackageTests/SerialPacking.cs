using Xunit;

// Every test here packs src/Rollback.Runtime into the local feed: running two packs of one project at once would
// race on its obj folder, so the tests of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
