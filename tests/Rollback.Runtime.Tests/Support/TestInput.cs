using System.Runtime.InteropServices;

namespace Rollback.Runtime.Tests.Support
{
    /// <summary>A small unmanaged input: buttons and a move axis.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TestInput
    {
        public byte Buttons;
        public sbyte Move;

        public TestInput(byte buttons, sbyte move)
        {
            Buttons = buttons;
            Move = move;
        }

        public override string ToString() => $"({Buttons},{Move})";
    }
}
