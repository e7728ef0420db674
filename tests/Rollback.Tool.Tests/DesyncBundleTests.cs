using System;
using System.IO;
using System.Linq;
using Arena.Game;
using Rollback.Forensics;
using Xunit;

namespace Rollback.Tool.Tests
{
    /// <summary>The desync bundle folder: what the writer stores, what the reader gives back, and what it refuses.</summary>
    public class DesyncBundleTests : IClassFixture<ArenaRuns>
    {
        private readonly ArenaRuns _runs;

        public DesyncBundleTests(ArenaRuns runs)
        {
            _runs = runs;
        }

        [Fact]
        public void EverythingWrittenIsReadBack()
        {
            DesyncBundle bundle = DesyncBundle.Load(_runs.BundlePath);
            Assert.Equal(ArenaRuns.PerturbedFrame, bundle.Frame);
            Assert.Equal(_runs.Normal.ChecksumAfterPerturbedFrame, bundle.LocalChecksum);
            Assert.Equal(_runs.Perturbed.ChecksumAfterPerturbedFrame, bundle.RemoteChecksum);
            Assert.Equal("peer 0", bundle.LocalLabel);
            Assert.Equal("peer 1", bundle.RemoteLabel);
            Assert.Equal(typeof(ArenaState).FullName, bundle.StateTypeName);
            Assert.Equal(StateTypes.SchemaIdOf(typeof(ArenaState)), bundle.SchemaId);
            Assert.True(bundle.LocalSnapshot.SequenceEqual(_runs.Normal.StateAfterPerturbedFrame));
            Assert.True(bundle.RemoteSnapshot.SequenceEqual(_runs.Perturbed.StateAfterPerturbedFrame));
            Assert.True(bundle.AnchorSnapshot.SequenceEqual(_runs.Normal.AnchorSnapshot));
            Assert.Equal(ArenaRuns.AnchorFrame, bundle.AnchorFrame);
            Assert.Equal(ArenaRuns.AnchorFrame, bundle.Inputs.StartFrame);
            Assert.Equal(ArenaRuns.PerturbedFrame + 1, bundle.Inputs.EndFrame);
            for (int f = bundle.Inputs.StartFrame; f < bundle.Inputs.EndFrame; f++)
            {
                Assert.True(bundle.Inputs.Inputs<Pad>(f).SequenceEqual(_runs.Normal.Inputs.AsSpan(f * 2, 2)));
                Assert.Equal(_runs.Normal.Inputs[(f * 2) + 1].ToString(), bundle.InputText(f, 1));
            }

            Assert.Equal(new[] { "players=2", "seed=11" }, bundle.Settings.Select(s => s.Key + "=" + s.Value).ToArray());
            StateDifference only = Assert.Single(bundle.Differences);
            Assert.Equal("Players[1].Position.X", only.Path);
            Assert.Equal(_runs.Normal.Player1XAfterPerturbedFrame.ToString(), only.Left);
            Assert.Equal((_runs.Normal.Player1XAfterPerturbedFrame + PerturbedArenaRules.Nudge).ToString(), only.Right);
            Assert.Throws<InvalidOperationException>(() => bundle.Inputs.Inputs<long>(ArenaRuns.AnchorFrame));
        }

        [Fact]
        public void ReplayingTheInputsFromTheAnchorReproducesTheLocalState()
        {
            DesyncBundle bundle = DesyncBundle.Load(_runs.BundlePath);
            var session = new ReplaySession<ArenaState, Pad>(
                new ArenaRules(),
                ArenaRules.NewState,
                ReplayFile<Pad>.Create(2, bundle.AnchorFrame, bundle.AnchorSnapshot, MemoryMarshalCast(bundle), new ulong[bundle.Inputs.FrameCount]),
                verifyChecksums: false);
            ulong last = 0;
            session.FrameConfirmed += (in ConfirmedFrame<ArenaState, Pad> f) => last = f.Checksum;
            session.RunToEnd();
            Assert.Equal(bundle.LocalChecksum, last);
        }

        [Fact]
        public void TheSummaryNamesTheFrameTheMemberTheValuesAndTheInputs()
        {
            string summary = File.ReadAllText(Path.Combine(_runs.BundlePath, DesyncBundle.SummaryFileName));
            Assert.StartsWith($"DESYNC at frame {ArenaRuns.PerturbedFrame}\n", summary);
            Assert.Contains($"peer 1 checksum  0x{_runs.Perturbed.ChecksumAfterPerturbedFrame:x16}", summary);
            Assert.Matches($@"\n  Players\[1\]\.Position\.X  {System.Text.RegularExpressions.Regex.Escape(_runs.Normal.Player1XAfterPerturbedFrame.ToString())} +{System.Text.RegularExpressions.Regex.Escape((_runs.Normal.Player1XAfterPerturbedFrame + PerturbedArenaRules.Nudge).ToString())}\n", summary);
            Assert.Contains($"\n    {ArenaRuns.PerturbedFrame}  {_runs.Normal.Inputs[ArenaRuns.PerturbedFrame * 2],-8}  {_runs.Normal.Inputs[(ArenaRuns.PerturbedFrame * 2) + 1],-8}\n", summary);
            Assert.Contains("seed = 11", summary);
        }

        [Fact]
        public void ABundleWithoutTheRemoteSnapshotSaysSo()
        {
            DesyncBundle partial = DesyncBundle.Create<ArenaState, Pad>(
                ArenaRuns.PerturbedFrame, _runs.Normal.StateAfterPerturbedFrame, ReadOnlySpan<byte>.Empty, 1, 2,
                ArenaRuns.AnchorFrame, _runs.Normal.AnchorSnapshot, 2, _runs.Normal.Inputs.AsSpan(ArenaRuns.AnchorFrame * 2, 62), createState: ArenaRules.NewState);
            string folder = Path.Combine(_runs.Folder, "partial");
            partial.Save(folder);
            DesyncBundle loaded = DesyncBundle.Load(folder);
            Assert.False(loaded.HasRemoteSnapshot);
            Assert.Empty(loaded.Differences);
            Assert.Contains("remote snapshot was not received", File.ReadAllText(Path.Combine(folder, DesyncBundle.SummaryFileName)));
        }

        [Fact]
        public void ForeignMissingOrMismatchedFilesAreRefused()
        {
            Assert.Throws<DesyncBundleFormatException>(() => DesyncBundle.Load(Path.Combine(_runs.Folder, "no-such-bundle")));
            string empty = Path.Combine(_runs.Folder, "empty-folder");
            Directory.CreateDirectory(empty);
            Assert.Contains("has no bundle.rbdesync", Assert.Throws<DesyncBundleFormatException>(() => DesyncBundle.Load(empty)).Message);

            string swapped = Path.Combine(_runs.Folder, "swapped");
            DesyncBundle.Load(_runs.BundlePath).Save(swapped);
            File.Copy(Path.Combine(swapped, "local.snapshot"), Path.Combine(swapped, "remote.snapshot"), overwrite: true);
            Assert.Contains("remote.snapshot", Assert.Throws<DesyncBundleFormatException>(() => DesyncBundle.Load(swapped)).Message);

            string truncated = Path.Combine(_runs.Folder, "truncated-manifest");
            DesyncBundle.Load(_runs.BundlePath).Save(truncated);
            string manifest = Path.Combine(truncated, DesyncBundle.ManifestFileName);
            byte[] bytes = File.ReadAllBytes(manifest);
            File.WriteAllBytes(manifest, bytes.AsSpan(0, bytes.Length - 10).ToArray());
            Assert.Contains("truncated", Assert.Throws<DesyncBundleFormatException>(() => DesyncBundle.Load(truncated)).Message);

            var duel = new byte[] { 1, 2, 3 };
            Assert.Throws<SnapshotFormatException>(() => DesyncBundle.Create<ArenaState, Pad>(1, duel, duel, 0, 0, 0, duel, 2, ReadOnlySpan<Pad>.Empty));
        }

        private static Pad[] MemoryMarshalCast(DesyncBundle bundle)
        {
            var pads = new Pad[bundle.Inputs.FrameCount * 2];
            for (int f = 0; f < bundle.Inputs.FrameCount; f++)
            {
                bundle.Inputs.Inputs<Pad>(bundle.Inputs.StartFrame + f).CopyTo(pads.AsSpan(f * 2, 2));
            }

            return pads;
        }
    }
}
