using System.Runtime.InteropServices;

namespace Rollback
{
    /// <summary>The configuration hash peers compare in the handshake.</summary>
    internal static class PeerSessionConfig
    {
        public static ulong Hash<TInput>(PeerSessionOptions<TInput> options, int inputSize)
            where TInput : unmanaged
        {
            ulong h = SessionHash.Start;
            h = SessionHash.Add(h, (ulong)options.PlayerCount);
            h = SessionHash.Add(h, (ulong)inputSize);
            h = SessionHash.Add(h, (ulong)options.FrameCount);
            h = SessionHash.Add(h, (ulong)options.Episodes);
            h = SessionHash.Add(h, options.GameHash);
            TInput defaultInput = options.DefaultInput;
            foreach (byte b in MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref defaultInput, 1)))
            {
                h = SessionHash.Add(h, b);
            }

            return h;
        }
    }
}
