using System;
using System.Collections.Generic;

namespace Rollback.Forensics
{
    public sealed partial class DesyncBundle
    {
        /// <summary>
        /// Assembles a bundle from a running engine, for a session that learns a confirmed frame's checksums differ:
        /// the local snapshot after <paramref name="frame"/>, the oldest snapshot the engine still keeps from which
        /// every confirmed input up to <paramref name="frame"/> is still buffered (the anchor), and those inputs.
        /// </summary>
        /// <typeparam name="TState">The state type.</typeparam>
        /// <typeparam name="TInput">One player's input.</typeparam>
        /// <param name="engine">The local engine.</param>
        /// <param name="frame">The confirmed frame whose checksums differ.</param>
        /// <param name="remoteSnapshot">The remote state after that frame, or empty when not received yet.</param>
        /// <param name="remoteChecksum">The remote checksum of that frame.</param>
        /// <param name="createState">Creates an empty state to compute the differences, or null to skip them.</param>
        /// <param name="settings">The session settings, as key/value text.</param>
        /// <param name="localLabel">Who the local side is.</param>
        /// <param name="remoteLabel">Who the remote side is.</param>
        /// <returns>The bundle; call <see cref="Save"/> to write it.</returns>
        /// <exception cref="InvalidOperationException">The frame is not confirmed, or its snapshot is no longer kept.</exception>
        public static DesyncBundle FromEngine<TState, TInput>(
            RollbackEngine<TState, TInput> engine,
            int frame,
            ReadOnlySpan<byte> remoteSnapshot,
            ulong remoteChecksum,
            Func<TState>? createState = null,
            IEnumerable<KeyValuePair<string, string>>? settings = null,
            string localLabel = "local",
            string remoteLabel = "remote")
            where TState : class, IRollbackState
            where TInput : unmanaged
        {
            if (engine is null)
            {
                throw new ArgumentNullException(nameof(engine));
            }

            if (frame > engine.LastConfirmedFrame)
            {
                throw new InvalidOperationException($"Frame {frame} is not confirmed yet (last confirmed: {engine.LastConfirmedFrame}).");
            }

            if (!engine.TryGetSnapshot(frame + 1, out ReadOnlySpan<byte> after, out ulong localChecksum))
            {
                throw new InvalidOperationException($"The state after frame {frame} (snapshot of frame {frame + 1}) is no longer kept by the engine.");
            }

            byte[] local = after.ToArray();
            int players = engine.PlayerCount;
            var inputs = new List<TInput>();
            int anchor = frame + 1;
            var frameInputs = new TInput[players];
            while (anchor - 1 >= engine.StartFrame && engine.TryGetSnapshot(anchor - 1, out _, out _) && ConfirmedInputs(engine, anchor - 1, frameInputs))
            {
                anchor--;
                inputs.InsertRange(0, frameInputs);
            }

            engine.TryGetSnapshot(anchor, out ReadOnlySpan<byte> anchorBytes, out _);
            byte[] anchorSnapshot = anchorBytes.ToArray();
            return Create(frame, local, remoteSnapshot, localChecksum, remoteChecksum, anchor, anchorSnapshot, players, inputs.ToArray(), settings, createState, localLabel, remoteLabel);
        }

        private static bool ConfirmedInputs<TState, TInput>(RollbackEngine<TState, TInput> engine, int frame, TInput[] into)
            where TState : class, IRollbackState
            where TInput : unmanaged
        {
            for (int p = 0; p < into.Length; p++)
            {
                if (!engine.TryGetConfirmedInput(p, frame, out into[p]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
