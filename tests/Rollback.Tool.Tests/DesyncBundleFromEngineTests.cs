using System;
using System.Linq;
using Arena.Game;
using Rollback.Forensics;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>A bundle taken from a running engine: the recent frame, the oldest usable snapshot and the inputs since.</summary>
    public class DesyncBundleFromEngineTests
    {
        [Theory]
        [InlineData(1UL, 120, 3)]
        [InlineData(2UL, 300, 1)]
        [InlineData(3UL, 47, 5)]
        public void TheBundleReplaysToTheLocalStateAndNamesTheRemoteDifference(ulong seed, int frames, int back)
        {
            // An engine that keeps a prediction window's worth of snapshots, as a peer's does.
            var engine = new RollbackEngine<ArenaState, Pad>(new ArenaRules(), ArenaRules.NewState, new RollbackOptions<Pad> { PlayerCount = 2, PredictionWindow = 8 });
            var bots = new[] { new Bot(seed, 0), new Bot(seed, 1) };
            for (int f = 0; f < frames; f++)
            {
                engine.AdvanceFrame(new[] { bots[0].Next(), bots[1].Next() });
            }

            int frame = engine.LastConfirmedFrame - back;
            Assert.True(engine.TryGetSnapshot(frame + 1, out ReadOnlySpan<byte> localBytes, out _));
            ArenaState remote = ArenaRules.NewState();
            remote.Restore(localBytes);
            remote.Bumps += 3;
            remote.TotalScore[1] = -1;
            var remoteBytes = new byte[remote.SnapshotSize];
            remote.Save(remoteBytes);

            DesyncBundle bundle = DesyncBundle.FromEngine(engine, frame, remoteBytes, remote.Checksum(), ArenaRules.NewState);
            Assert.Equal(frame, bundle.Frame);
            Assert.True(bundle.AnchorFrame < frame, $"anchor {bundle.AnchorFrame} should be before frame {frame}");
            Assert.Equal(frame + 1, bundle.Inputs.EndFrame);
            Assert.Equal(new[] { "TotalScore[1]", "Bumps" }, bundle.Differences.Select(d => d.Path).ToArray());

            // Replaying the bundle's inputs from its anchor reproduces the local checksum.
            var pads = new Pad[bundle.Inputs.FrameCount * 2];
            for (int f = 0; f < bundle.Inputs.FrameCount; f++)
            {
                bundle.Inputs.Inputs<Pad>(bundle.AnchorFrame + f).CopyTo(pads.AsSpan(f * 2, 2));
            }

            var replay = new ReplaySession<ArenaState, Pad>(
                new ArenaRules(),
                ArenaRules.NewState,
                ReplayFile<Pad>.Create(2, bundle.AnchorFrame, bundle.AnchorSnapshot, pads, new ulong[bundle.Inputs.FrameCount]),
                verifyChecksums: false);
            ulong last = 0;
            replay.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) => last = f.Checksum;
            replay.RunToEnd();
            Assert.Equal(bundle.LocalChecksum, last);
            Assert.NotEqual(bundle.RemoteChecksum, last);
            Assert.Throws<InvalidOperationException>(() => DesyncBundle.FromEngine(engine, engine.LastConfirmedFrame + 5, remoteBytes, 0));
        }
    }
}
