using System;
using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>Called for each stepped frame: return false to stop.</summary>
    /// <param name="frame">The frame just stepped.</param>
    /// <param name="episode">Its episode.</param>
    /// <param name="stepNum">Its step within the episode.</param>
    /// <param name="checksum">The checksum of the state after it.</param>
    /// <returns>Whether to go on.</returns>
    public delegate bool FrameVisitor(int frame, int episode, int stepNum, ulong checksum);

    /// <summary>
    /// Runs a game's simulation, found in its assembly, without the caller knowing its types: replays, reruns from
    /// a snapshot, compares snapshots member by member.
    /// </summary>
    public interface IGameRunner
    {
        /// <summary>The state type.</summary>
        Type StateType { get; }

        /// <summary>The input type.</summary>
        Type InputType { get; }

        /// <summary>The simulation class.</summary>
        Type SimulationType { get; }

        /// <summary>Reads a replay file recorded with this game's input type.</summary>
        /// <param name="path">The replay file.</param>
        /// <returns>Its content.</returns>
        /// <exception cref="ReplayFormatException">The file is not a replay of this input type.</exception>
        ReplayData LoadReplay(string path);

        /// <summary>Restores <paramref name="initialSnapshot"/> and steps <paramref name="frameCount"/> frames of <paramref name="inputs"/>.</summary>
        /// <param name="initialSnapshot">The snapshot to start from (its frame must be the inputs' first frame).</param>
        /// <param name="inputs">The inputs.</param>
        /// <param name="frameCount">Frames to step (at most the inputs held).</param>
        /// <param name="visitor">Called after each frame; null to just run.</param>
        /// <returns>The snapshot of the state after the last frame stepped.</returns>
        byte[] Run(byte[] initialSnapshot, InputLog inputs, int frameCount, FrameVisitor? visitor);

        /// <summary>
        /// Steps two independent copies side by side with the same inputs and returns the first frame after which
        /// they differ, with the differing members, or null when they agree: a simulation that is not deterministic
        /// in one process shows up here.
        /// </summary>
        /// <param name="initialSnapshot">The snapshot to start from.</param>
        /// <param name="inputs">The inputs.</param>
        /// <param name="frameCount">Frames to step.</param>
        /// <returns>The frame and differences, or null.</returns>
        (int Frame, StateDifferenceList Differences)? FindNondeterminism(byte[] initialSnapshot, InputLog inputs, int frameCount);

        /// <summary>The members that differ between two snapshots of the state type.</summary>
        /// <param name="left">The first snapshot.</param>
        /// <param name="right">The second snapshot.</param>
        /// <returns>The differences.</returns>
        StateDifferenceList Differences(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);

        /// <summary>An input as text: its <c>ToString</c> when the input type overrides it, else hex.</summary>
        /// <param name="raw">The input's bytes.</param>
        /// <returns>The text.</returns>
        string InputText(ReadOnlySpan<byte> raw);
    }
}
