using System;
using Rollback.Network;

namespace Rollback.LiteNetLib
{
    /// <summary>A fixed ring of preallocated datagram slots: enqueue copies in, dequeue copies out, nothing allocates.</summary>
    internal sealed class DatagramQueue
    {
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly PeerAddress[] _senders;
        private int _head;
        private int _count;

        public DatagramQueue(int capacity, int maxDatagramSize)
        {
            _slots = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new byte[maxDatagramSize];
            }

            _lengths = new int[capacity];
            _senders = new PeerAddress[capacity];
        }

        public int Count => _count;

        public int MaxDatagramSize => _slots[0].Length;

        public bool TryEnqueue(ReadOnlySpan<byte> datagram, in PeerAddress from)
        {
            if (_count == _slots.Length || datagram.Length > MaxDatagramSize)
            {
                return false;
            }

            int tail = (_head + _count) % _slots.Length;
            datagram.CopyTo(_slots[tail]);
            _lengths[tail] = datagram.Length;
            _senders[tail] = from;
            _count++;
            return true;
        }

        /// <summary>Takes the oldest datagram; one longer than <paramref name="buffer"/> is dropped (length 0 returned as false).</summary>
        public bool TryDequeue(Span<byte> buffer, out int length, out PeerAddress from)
        {
            while (_count > 0)
            {
                int slot = _head;
                _head = (_head + 1) % _slots.Length;
                _count--;
                if (_lengths[slot] <= buffer.Length)
                {
                    length = _lengths[slot];
                    from = _senders[slot];
                    _slots[slot].AsSpan(0, length).CopyTo(buffer);
                    return true;
                }
            }

            length = 0;
            from = default;
            return false;
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}
