using Rollback.Network;

namespace Rollback
{
    /// <summary>What <see cref="SequenceWindow.Accept"/> decided about a header sequence number.</summary>
    internal enum SequenceVerdict
    {
        /// <summary>Not seen before and within the window: take the datagram.</summary>
        New = 0,

        /// <summary>Already received (a network duplicate or a replay).</summary>
        Duplicate = 1,

        /// <summary>Older than the window, or implausibly far ahead of the newest one.</summary>
        Stale = 2,
    }

    /// <summary>
    /// The header sequence numbers received from one endpoint (a sliding window, as in DTLS replay protection): a number
    /// newer than any before is taken and slides the window; an older one inside the window is taken once; a repeat, or
    /// one older than the window, is rejected. Reordering within the window costs nothing.
    /// </summary>
    internal sealed class SequenceWindow
    {
        /// <summary>How many sequence numbers behind the newest one are still taken.</summary>
        public const int Size = 512;

        /// <summary>A number more than this ahead of the newest one is rejected (a forged or corrupted header).</summary>
        public const uint MaxJump = 1u << 15;

        private readonly ulong[] _bits = new ulong[Size / 64];
        private uint _newest;
        private bool _any;

        /// <summary>The newest sequence number taken so far.</summary>
        public uint Newest => _newest;

        /// <summary>Checks <paramref name="sequence"/> and, when it is new, records it.</summary>
        /// <param name="sequence">The received header sequence number.</param>
        /// <returns>The verdict.</returns>
        public SequenceVerdict Accept(uint sequence)
        {
            if (!_any)
            {
                _any = true;
                _newest = sequence;
                Mark(sequence);
                return SequenceVerdict.New;
            }

            if (Protocol.IsNewer(sequence, _newest))
            {
                uint jump = sequence - _newest;
                if (jump > MaxJump)
                {
                    return SequenceVerdict.Stale;
                }

                if (jump >= Size)
                {
                    System.Array.Clear(_bits, 0, _bits.Length);
                }
                else
                {
                    for (uint s = _newest + 1; s != sequence; s++)
                    {
                        Clear(s);
                    }
                }

                _newest = sequence;
                Mark(sequence);
                return SequenceVerdict.New;
            }

            uint age = _newest - sequence;
            if (age >= Size)
            {
                return SequenceVerdict.Stale;
            }

            if (IsMarked(sequence))
            {
                return SequenceVerdict.Duplicate;
            }

            Mark(sequence);
            return SequenceVerdict.New;
        }

        /// <summary>Forgets everything (the endpoint restarted its numbering with a new handshake).</summary>
        public void Reset()
        {
            System.Array.Clear(_bits, 0, _bits.Length);
            _any = false;
            _newest = 0;
        }

        private bool IsMarked(uint s) => (_bits[(s % Size) / 64] & (1UL << (int)(s % 64))) != 0;

        private void Mark(uint s) => _bits[(s % Size) / 64] |= 1UL << (int)(s % 64);

        private void Clear(uint s) => _bits[(s % Size) / 64] &= ~(1UL << (int)(s % 64));
    }
}
