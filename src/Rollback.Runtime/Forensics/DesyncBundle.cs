using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using Rollback.IO;

namespace Rollback.Forensics
{
    /// <summary>
    /// Everything needed to investigate one desync, written as a folder: the local and remote snapshots of the
    /// frame whose checksums differ, the oldest kept snapshot (the anchor) and the confirmed inputs from it up to
    /// that frame (enough to replay), the session settings, the state type's name and schema id, the differing
    /// members when known, and a human-readable <c>summary.txt</c>.
    /// </summary>
    /// <remarks>
    /// Folder layout: <c>bundle.rbdesync</c> (the manifest: magic <c>RBDESYNC</c>, format version, payload length,
    /// XxHash3 of the payload, then the payload: little-endian integers, length-prefixed UTF-8 texts and arrays),
    /// <c>local.snapshot</c>, <c>remote.snapshot</c> (when the remote state was received), <c>anchor.snapshot</c> (raw
    /// snapshot bytes, each with its own header and a hash in the manifest), <c>summary.txt</c>. <see cref="Load"/>
    /// refuses missing, truncated, corrupt, foreign and other-version files with <see cref="DesyncBundleFormatException"/>.
    /// </remarks>
    public sealed partial class DesyncBundle
    {
        /// <summary>The format version this library writes and reads.</summary>
        public const int FormatVersion = 1;

        /// <summary>The manifest's file name inside the bundle folder.</summary>
        public const string ManifestFileName = "bundle.rbdesync";

        /// <summary>The summary's file name inside the bundle folder.</summary>
        public const string SummaryFileName = "summary.txt";

        private const string LocalFile = "local.snapshot";
        private const string RemoteFile = "remote.snapshot";
        private const string AnchorFile = "anchor.snapshot";
        internal static readonly CheckedFile Format = new CheckedFile(
            "RBDESYNC", FormatVersion, ManifestFileName, "desync bundle manifest", (message, inner) => inner is null ? new DesyncBundleFormatException(message) : new DesyncBundleFormatException(message, inner));

        private readonly BundleManifest _manifest;
        private readonly byte[] _local;
        private readonly byte[]? _remote;
        private readonly byte[] _anchor;

        private DesyncBundle(BundleManifest manifest, byte[] local, byte[]? remote, byte[] anchor)
        {
            _manifest = manifest;
            _local = local;
            _remote = remote;
            _anchor = anchor;
            Inputs = new InputLog(manifest.InputTypeName, manifest.InputSize, manifest.PlayerCount, manifest.InputStartFrame, manifest.Inputs);
            Settings = manifest.SettingKeys.Zip(manifest.SettingValues, (k, v) => new KeyValuePair<string, string>(k, v)).ToArray();
            Differences = Enumerable.Range(0, manifest.DifferencePaths.Length)
                .Select(i => new StateDifference(manifest.DifferencePaths[i], manifest.DifferenceLeft[i], manifest.DifferenceRight[i], (DifferenceKind)manifest.DifferenceKinds[i]))
                .ToArray();
        }

        /// <summary>The frame whose confirmed checksums differ (the snapshots are the states those checksums were computed from).</summary>
        public int Frame => _manifest.Frame;

        /// <summary>The local peer's checksum of <see cref="Frame"/>.</summary>
        public ulong LocalChecksum => _manifest.LocalChecksum;

        /// <summary>The remote peer's checksum of <see cref="Frame"/>.</summary>
        public ulong RemoteChecksum => _manifest.RemoteChecksum;

        /// <summary>Who the local side is (for example <c>peer 0</c>).</summary>
        public string LocalLabel => _manifest.LocalLabel;

        /// <summary>Who the remote side is (for example <c>peer 1</c>).</summary>
        public string RemoteLabel => _manifest.RemoteLabel;

        /// <summary>The full name of the state type.</summary>
        public string StateTypeName => _manifest.StateTypeName;

        /// <summary>The schema id of the state type (from the snapshots' headers).</summary>
        public ulong SchemaId => _manifest.SchemaId;

        /// <summary>The local snapshot.</summary>
        public ReadOnlySpan<byte> LocalSnapshot => _local;

        /// <summary>Whether the remote peer's snapshot is in the bundle (it is sent after the checksums disagree).</summary>
        public bool HasRemoteSnapshot => _remote is not null;

        /// <summary>The remote snapshot (empty when <see cref="HasRemoteSnapshot"/> is false).</summary>
        public ReadOnlySpan<byte> RemoteSnapshot => _remote;

        /// <summary>The frame of <see cref="AnchorSnapshot"/>: the state before that frame was simulated.</summary>
        public int AnchorFrame => _manifest.AnchorFrame;

        /// <summary>The oldest kept snapshot: replaying <see cref="Inputs"/> from it reproduces the local state.</summary>
        public ReadOnlySpan<byte> AnchorSnapshot => _anchor;

        /// <summary>The confirmed inputs from <see cref="AnchorFrame"/> on.</summary>
        public InputLog Inputs { get; }

        /// <summary>Each input as text (its <c>ToString</c> when the type overrides it, else hex).</summary>
        /// <param name="frame">A frame held by <see cref="Inputs"/>.</param>
        /// <param name="player">A player index.</param>
        /// <returns>The text.</returns>
        public string InputText(int frame, int player)
        {
            int index = ((frame - Inputs.StartFrame) * Inputs.PlayerCount) + player;
            return index >= 0 && index < _manifest.InputTexts.Length && Inputs.Contains(frame) ? _manifest.InputTexts[index] : Inputs.Hex(frame, player);
        }

        /// <summary>The session settings, as the session described them.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

        /// <summary>The differing members, local values left and remote values right (empty when not computed).</summary>
        public IReadOnlyList<StateDifference> Differences { get; }

        /// <summary>Whether more members differed than <see cref="Differences"/> lists.</summary>
        public bool DifferencesTruncated => _manifest.DifferencesTruncated;

        /// <summary>
        /// Assembles a bundle. Call <see cref="Save"/> to write it. The differences are computed from the two
        /// snapshots with <paramref name="createState"/> when both are given.
        /// </summary>
        /// <typeparam name="TState">The state type.</typeparam>
        /// <typeparam name="TInput">One player's input.</typeparam>
        /// <param name="frame">The frame whose checksums differ.</param>
        /// <param name="localSnapshot">The local state of that frame.</param>
        /// <param name="remoteSnapshot">The remote state of that frame, or an empty span when not (yet) received.</param>
        /// <param name="localChecksum">The local checksum.</param>
        /// <param name="remoteChecksum">The remote checksum.</param>
        /// <param name="anchorFrame">The frame of <paramref name="anchorSnapshot"/>.</param>
        /// <param name="anchorSnapshot">The oldest kept snapshot.</param>
        /// <param name="playerCount">Players (inputs per frame).</param>
        /// <param name="inputs">Confirmed inputs from <paramref name="anchorFrame"/> on, frame-major.</param>
        /// <param name="settings">The session settings, as key/value text.</param>
        /// <param name="createState">Creates an empty state for computing the differences, or null to skip them.</param>
        /// <param name="localLabel">Who the local side is.</param>
        /// <param name="remoteLabel">Who the remote side is.</param>
        /// <returns>The bundle.</returns>
        /// <exception cref="SnapshotFormatException">A snapshot is not a snapshot of <typeparamref name="TState"/>.</exception>
        public static DesyncBundle Create<TState, TInput>(
            int frame,
            ReadOnlySpan<byte> localSnapshot,
            ReadOnlySpan<byte> remoteSnapshot,
            ulong localChecksum,
            ulong remoteChecksum,
            int anchorFrame,
            ReadOnlySpan<byte> anchorSnapshot,
            int playerCount,
            ReadOnlySpan<TInput> inputs,
            IEnumerable<KeyValuePair<string, string>>? settings = null,
            Func<TState>? createState = null,
            string localLabel = "local",
            string remoteLabel = "remote")
            where TState : class, IRollbackState
            where TInput : unmanaged
        {
            ulong schema = StateTypes.SchemaIdOfSnapshot(localSnapshot);
            if (!remoteSnapshot.IsEmpty && StateTypes.SchemaIdOfSnapshot(remoteSnapshot) != schema)
            {
                throw new SnapshotFormatException("The remote snapshot was written by another state type or version than the local one.");
            }

            if (StateTypes.SchemaIdOfSnapshot(anchorSnapshot) != schema)
            {
                throw new SnapshotFormatException("The anchor snapshot was written by another state type or version than the local one.");
            }

            StateDifferenceList? differences = createState is not null && !remoteSnapshot.IsEmpty
                ? StateDifferences.FromSnapshots(localSnapshot, remoteSnapshot, createState)
                : null;
            InputLog log = InputLog.Create(playerCount, anchorFrame, inputs);
            bool overridesText = OverridesToString(typeof(TInput));
            var texts = new string[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                texts[i] = overridesText ? inputs[i].ToString() ?? string.Empty : log.Hex(anchorFrame + (i / playerCount), i % playerCount);
            }

            var pairs = (settings ?? Array.Empty<KeyValuePair<string, string>>()).ToArray();
            var manifest = new BundleManifest
            {
                Frame = frame,
                LocalChecksum = localChecksum,
                RemoteChecksum = remoteChecksum,
                LocalLabel = localLabel ?? "local",
                RemoteLabel = remoteLabel ?? "remote",
                StateTypeName = typeof(TState).FullName ?? typeof(TState).Name,
                SchemaId = schema,
                AnchorFrame = anchorFrame,
                HasRemoteSnapshot = !remoteSnapshot.IsEmpty,
                LocalSnapshotHash = XxHash3.HashToUInt64(localSnapshot),
                RemoteSnapshotHash = XxHash3.HashToUInt64(remoteSnapshot),
                AnchorSnapshotHash = XxHash3.HashToUInt64(anchorSnapshot),
                InputTypeName = log.InputTypeName,
                InputSize = log.InputSize,
                PlayerCount = playerCount,
                InputStartFrame = anchorFrame,
                Inputs = log.Bytes.ToArray(),
                InputTexts = texts,
                SettingKeys = pairs.Select(p => p.Key).ToArray(),
                SettingValues = pairs.Select(p => p.Value).ToArray(),
                DifferencePaths = differences?.Select(d => d.Path).ToArray() ?? Array.Empty<string>(),
                DifferenceLeft = differences?.Select(d => d.Left).ToArray() ?? Array.Empty<string>(),
                DifferenceRight = differences?.Select(d => d.Right).ToArray() ?? Array.Empty<string>(),
                DifferenceKinds = differences?.Select(d => (int)d.Kind).ToArray() ?? Array.Empty<int>(),
                DifferencesTruncated = differences?.IsTruncated ?? false,
            };
            return new DesyncBundle(manifest, localSnapshot.ToArray(), remoteSnapshot.IsEmpty ? null : remoteSnapshot.ToArray(), anchorSnapshot.ToArray());
        }

        /// <summary>Writes the bundle into <paramref name="folder"/> (created when missing; the bundle's files are overwritten).</summary>
        /// <param name="folder">The bundle folder.</param>
        /// <returns>The full path of the folder.</returns>
        public string Save(string folder)
        {
            if (string.IsNullOrEmpty(folder))
            {
                throw new ArgumentException("A bundle needs a folder.", nameof(folder));
            }

            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, LocalFile), _local);
            string remotePath = Path.Combine(folder, RemoteFile);
            if (_remote is not null)
            {
                File.WriteAllBytes(remotePath, _remote);
            }
            else if (File.Exists(remotePath))
            {
                File.Delete(remotePath);
            }

            File.WriteAllBytes(Path.Combine(folder, AnchorFile), _anchor);
            File.WriteAllBytes(Path.Combine(folder, ManifestFileName), ManifestBytes());
            File.WriteAllText(Path.Combine(folder, SummaryFileName), BundleSummary.Write(this), new UTF8Encoding(false));
            return Path.GetFullPath(folder);
        }

        /// <summary>Reads a bundle folder.</summary>
        /// <param name="folder">The folder <see cref="Save"/> wrote.</param>
        /// <returns>The bundle.</returns>
        /// <exception cref="DesyncBundleFormatException">The folder or a file is missing, truncated, corrupt, foreign or of another version.</exception>
        public static DesyncBundle Load(string folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new DesyncBundleFormatException($"No desync bundle at {folder}: the folder does not exist.");
            }

            string manifestPath = Path.Combine(folder, ManifestFileName);
            if (!File.Exists(manifestPath))
            {
                throw new DesyncBundleFormatException($"{folder} is not a desync bundle: it has no {ManifestFileName}.");
            }

            BundleManifest manifest = ReadManifest(File.ReadAllBytes(manifestPath));
            byte[] local = ReadSnapshot(folder, LocalFile, manifest.LocalSnapshotHash);
            byte[]? remote = manifest.HasRemoteSnapshot ? ReadSnapshot(folder, RemoteFile, manifest.RemoteSnapshotHash) : null;
            byte[] anchor = ReadSnapshot(folder, AnchorFile, manifest.AnchorSnapshotHash);
            return new DesyncBundle(manifest, local, remote, anchor);
        }

        /// <summary>Whether <paramref name="folder"/> looks like a bundle (has a manifest file).</summary>
        /// <param name="folder">A path.</param>
        /// <returns>True when it is a folder holding a bundle manifest.</returns>
        public static bool IsBundle(string folder) => Directory.Exists(folder) && File.Exists(Path.Combine(folder, ManifestFileName));

        private byte[] ManifestBytes() => Format.Write(_manifest.Encode());

        internal static BundleManifest ReadManifest(ReadOnlySpan<byte> bytes)
        {
            BundleManifest manifest = Format.Read(bytes, BundleManifest.Decode);
            int differences = manifest.DifferencePaths.Length;
            bool consistent = manifest.PlayerCount >= 1 && manifest.InputSize >= 1 && manifest.InputStartFrame >= 0
                && (long)manifest.PlayerCount * manifest.InputSize <= int.MaxValue
                && manifest.Inputs.Length % ((long)manifest.PlayerCount * manifest.InputSize) == 0
                && (manifest.InputTexts.Length == 0 || (long)manifest.InputTexts.Length * manifest.InputSize == manifest.Inputs.Length)
                && manifest.SettingKeys.Length == manifest.SettingValues.Length
                && manifest.DifferenceLeft.Length == differences && manifest.DifferenceRight.Length == differences && manifest.DifferenceKinds.Length == differences
                && Array.TrueForAll(manifest.DifferenceKinds, kind => kind >= (int)DifferenceKind.Value && kind <= (int)DifferenceKind.Type);
            if (!consistent)
            {
                throw Format.Unreadable("it is corrupt (its inputs, settings or differences do not add up)");
            }

            return manifest;
        }

        private static byte[] ReadSnapshot(string folder, string name, ulong hash)
        {
            string path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                throw new DesyncBundleFormatException($"The desync bundle {folder} is incomplete: {name} is missing.");
            }

            byte[] bytes = File.ReadAllBytes(path);
            if (XxHash3.HashToUInt64(bytes) != hash)
            {
                throw new DesyncBundleFormatException($"The desync bundle {folder} is corrupt: {name} is truncated or is not the snapshot its manifest names.");
            }

            return bytes;
        }

        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "When trimming removed an input type's ToString override, the inputs are written as hex bytes instead.")]
        private static bool OverridesToString(Type inputType) =>
            inputType.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType == inputType;
    }
}
