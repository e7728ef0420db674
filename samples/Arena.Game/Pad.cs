namespace Arena.Game
{
    /// <summary>One player's input for one frame: a direction and a dash button. Unmanaged, 3 bytes.</summary>
    public struct Pad
    {
        /// <summary>Horizontal direction, -1, 0 or 1.</summary>
        public sbyte X;

        /// <summary>Vertical direction, -1, 0 or 1.</summary>
        public sbyte Y;

        /// <summary>Dash: a burst of speed with a cooldown.</summary>
        public bool Dash;

        /// <summary>Creates a pad.</summary>
        public Pad(sbyte x, sbyte y, bool dash)
        {
            X = x;
            Y = y;
            Dash = dash;
        }

        /// <summary>The pad as a short text for exports, e.g. <c>+1-1D</c>.</summary>
        public override string ToString() =>
            (X > 0 ? "+1" : X < 0 ? "-1" : "0") + (Y > 0 ? "+1" : Y < 0 ? "-1" : "0") + (Dash ? "D" : string.Empty);
    }
}
