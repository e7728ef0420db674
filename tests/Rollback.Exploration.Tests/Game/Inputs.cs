using System.Runtime.InteropServices;

namespace Rollback.Exploration.Tests.Game
{
    /// <summary>A 1-byte input.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 1)]
    public struct Input1
    {
        /// <summary>The byte.</summary>
        public byte B0;
    }

    /// <summary>A 4-byte input.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 4)]
    public struct Input4
    {
        /// <summary>The value.</summary>
        public uint Bits;
    }

    /// <summary>A 16-byte input.</summary>
    public unsafe struct Input16
    {
        /// <summary>The bytes.</summary>
        public fixed byte Bytes[16];
    }

    /// <summary>A 64-byte input.</summary>
    public unsafe struct Input64
    {
        /// <summary>The bytes.</summary>
        public fixed byte Bytes[64];
    }

    /// <summary>A 256-byte input.</summary>
    public unsafe struct Input256
    {
        /// <summary>The bytes.</summary>
        public fixed byte Bytes[256];
    }

    /// <summary>A 1,024-byte input (the largest the protocol carries).</summary>
    public unsafe struct Input1024
    {
        /// <summary>The bytes.</summary>
        public fixed byte Bytes[1024];
    }
}
