namespace RollbackGame
{
    /// <summary>One player's input for one frame: an unmanaged struct, sent over the network as its bytes.</summary>
    public struct GameInput
    {
        /// <summary>Horizontal direction: -1, 0 or 1.</summary>
        public sbyte X;

        /// <summary>Vertical direction: -1, 0 or 1.</summary>
        public sbyte Y;

        /// <summary>Creates an input.</summary>
        public GameInput(sbyte x, sbyte y)
        {
            X = x;
            Y = y;
        }
    }
}
