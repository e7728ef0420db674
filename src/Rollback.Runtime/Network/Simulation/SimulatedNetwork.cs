using System;
using System.Collections.Generic;

namespace Rollback.Network.Simulation
{
    /// <summary>
    /// A seeded, deterministic, in-process network on a virtual clock measured in ticks (one tick = one simulated
    /// frame). It hands out an <see cref="IDatagramTransport"/> per peer and applies per-link latency, jitter, loss,
    /// duplication and reordering, partitions over tick ranges, and stalled peers (a peer that stops ticking).
    /// </summary>
    /// <remarks>
    /// <para>Time only moves in <see cref="Advance()"/>: no sleeping, no wall clock. A datagram sent at tick
    /// <c>t</c> with a delay of <c>d</c> ticks is put into the destination's receive queue when the clock reaches
    /// <c>t + d</c> (immediately when <c>d</c> is 0). Datagrams due at the same tick arrive in the order they were
    /// sent.</para>
    /// <para>Randomness comes from one SplitMix64 stream per directed link, derived from the random seed and the link, plus
    /// a stateless hash for jitter windows: the same seed and the same sequence of sends give the same deliveries on
    /// every platform, and traffic on one link never changes what happens on another.</para>
    /// <para>A stalled peer (<see cref="AddStall"/>) models a background browser tab or a debugger break: the harness
    /// should not tick it while <see cref="IsStalled(int)"/> is true; its endpoint refuses to send and receives
    /// nothing, while datagrams addressed to it keep arriving in its receive queue and are all there when it resumes.</para>
    /// <para>After warm-up (once the packet pool, the in-flight heap and the receive queues have grown to the traffic's
    /// high-water mark) sending, advancing and receiving allocate nothing. Not thread-safe.</para>
    /// </remarks>
    public sealed class SimulatedNetwork
    {
        /// <summary>The default <see cref="MaxDatagramSize"/>.</summary>
        public const int DefaultMaxDatagramSize = 2048;

        private readonly ulong _seed;
        private readonly int _peerCount;
        private readonly SimulatedEndpoint[] _endpoints;
        private readonly Link[] _links;
        private readonly List<TickRange> _partitions = new List<TickRange>();
        private readonly List<TickRange> _stalls = new List<TickRange>();
        // Datagram buffers, recycled on delivery or loss. Prefilled so that sessions measured for allocation over the
        // simulated network see none from it either: a new in-flight peak late in a run would otherwise allocate.
        private const int PrefilledBuffers = 64;
        private readonly Stack<byte[]> _pool = new Stack<byte[]>(1024);
        private Packet[] _heap = new Packet[64];
        private int _heapCount;
        private long _nextSeq;
        private long _now;
        private int _receiveQueueCapacity = 4096;
        private NetworkCounters _total;

        /// <summary>Creates a network of <paramref name="peerCount"/> peers, every link perfect until told otherwise.</summary>
        /// <param name="peerCount">Number of endpoints, at least 1.</param>
        /// <param name="seed">The random seed of every random decision.</param>
        /// <param name="conditions">Conditions for every directed link between distinct peers; null for perfect links.</param>
        /// <param name="maxDatagramSize">Largest datagram accepted by <see cref="SimulatedEndpoint.TrySend"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException">A count or size is out of range.</exception>
        public SimulatedNetwork(int peerCount, ulong seed, LinkConditions? conditions = null, int maxDatagramSize = DefaultMaxDatagramSize)
        {
            if (peerCount < 1 || peerCount > 1024)
            {
                throw new ArgumentOutOfRangeException(nameof(peerCount), peerCount, "Between 1 and 1024 peers.");
            }

            if (maxDatagramSize < 1 || maxDatagramSize > 65536)
            {
                throw new ArgumentOutOfRangeException(nameof(maxDatagramSize), maxDatagramSize, "Between 1 and 65536 bytes.");
            }

            _seed = seed;
            _peerCount = peerCount;
            MaxDatagramSize = maxDatagramSize;
            for (int i = 0; i < PrefilledBuffers * peerCount; i++)
            {
                _pool.Push(new byte[maxDatagramSize]);
            }

            _links = new Link[peerCount * peerCount];
            for (int from = 0; from < peerCount; from++)
            {
                for (int to = 0; to < peerCount; to++)
                {
                    ulong linkSeed = NetworkRandom.Mix(seed ^ NetworkRandom.Mix(((ulong)(uint)from << 32) | (uint)to));
                    _links[(from * peerCount) + to] = new Link(linkSeed);
                }
            }

            _endpoints = new SimulatedEndpoint[peerCount];
            for (int i = 0; i < peerCount; i++)
            {
                _endpoints[i] = new SimulatedEndpoint(this, i);
            }

            if (conditions is not null)
            {
                SetAllLinks(conditions);
            }
        }

        /// <summary>The random seed given at construction.</summary>
        public ulong Seed => _seed;

        /// <summary>Number of peers.</summary>
        public int PeerCount => _peerCount;

        /// <summary>The virtual clock, in ticks since the network was created.</summary>
        public long Now => _now;

        /// <summary>Largest datagram a send accepts.</summary>
        public int MaxDatagramSize { get; }

        /// <summary>
        /// Most datagrams a receive queue holds (the socket buffer of a real host); more are dropped and counted in
        /// <see cref="NetworkCounters.DroppedOverflow"/>. Default 4096.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
        public int ReceiveQueueCapacity
        {
            get => _receiveQueueCapacity;
            set
            {
                if (value < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "At least 1.");
                }

                _receiveQueueCapacity = value;
            }
        }

        /// <summary>Copies in flight (sent, neither delivered nor dropped).</summary>
        public int InFlight => _heapCount;

        /// <summary>Counters over every link.</summary>
        public NetworkCounters Counters => _total;

        /// <summary>The endpoint of peer <paramref name="peer"/>.</summary>
        /// <param name="peer">The peer index.</param>
        /// <returns>Its endpoint.</returns>
        public SimulatedEndpoint this[int peer] => _endpoints[CheckPeer(peer)];

        /// <summary>The address of peer <paramref name="peer"/>: <see cref="PeerAddress.FromId"/> of its index.</summary>
        /// <param name="peer">The peer index.</param>
        /// <returns>The address.</returns>
        public PeerAddress AddressOf(int peer) => PeerAddress.FromId((ulong)CheckPeer(peer));

        /// <summary>The peer index of an address, or -1 when it is not a peer of this network.</summary>
        /// <param name="address">An address.</param>
        /// <returns>The index or -1.</returns>
        public int PeerOf(in PeerAddress address) =>
            address.Kind == PeerAddressKind.Id && address.High < (ulong)_peerCount ? (int)address.High : -1;

        /// <summary>Counters of the directed link from <paramref name="from"/> to <paramref name="to"/>.</summary>
        /// <param name="from">Sending peer.</param>
        /// <param name="to">Receiving peer.</param>
        /// <returns>The counters.</returns>
        public NetworkCounters LinkCounters(int from, int to) => _links[LinkIndex(from, to)].Counters;

        /// <summary>Sets the conditions of one directed link.</summary>
        /// <param name="from">Sending peer.</param>
        /// <param name="to">Receiving peer.</param>
        /// <param name="conditions">The conditions (copied).</param>
        /// <exception cref="ArgumentNullException"><paramref name="conditions"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A peer index or a condition is out of range.</exception>
        public void SetLink(int from, int to, LinkConditions conditions)
        {
            if (conditions is null)
            {
                throw new ArgumentNullException(nameof(conditions));
            }

            conditions.Validate();
            _links[LinkIndex(from, to)].Apply(conditions);
        }

        /// <summary>Sets the conditions of both directions between two peers.</summary>
        /// <param name="a">A peer.</param>
        /// <param name="b">Another peer.</param>
        /// <param name="conditions">The conditions (copied).</param>
        public void SetLinkBothWays(int a, int b, LinkConditions conditions)
        {
            SetLink(a, b, conditions);
            SetLink(b, a, conditions);
        }

        /// <summary>Sets the conditions of every directed link between distinct peers (a peer's link to itself stays perfect).</summary>
        /// <param name="conditions">The conditions (copied).</param>
        public void SetAllLinks(LinkConditions conditions)
        {
            for (int from = 0; from < _peerCount; from++)
            {
                for (int to = 0; to < _peerCount; to++)
                {
                    if (from != to)
                    {
                        SetLink(from, to, conditions);
                    }
                }
            }
        }

        /// <summary>
        /// Drops every datagram sent from <paramref name="from"/> to <paramref name="to"/> at a tick in
        /// [<paramref name="startTick"/>, <paramref name="endTick"/>). Datagrams already in flight still arrive.
        /// </summary>
        /// <param name="from">Sending peer, or -1 for any.</param>
        /// <param name="to">Receiving peer, or -1 for any.</param>
        /// <param name="startTick">First partitioned tick.</param>
        /// <param name="endTick">First tick after the partition.</param>
        public void AddPartition(int from, int to, long startTick, long endTick)
        {
            CheckPeerOrAny(from);
            CheckPeerOrAny(to);
            CheckRange(startTick, endTick);
            _partitions.Add(new TickRange(from, to, startTick, endTick));
        }

        /// <summary>Partitions both directions between two peers for [<paramref name="startTick"/>, <paramref name="endTick"/>).</summary>
        /// <param name="a">A peer.</param>
        /// <param name="b">Another peer.</param>
        /// <param name="startTick">First partitioned tick.</param>
        /// <param name="endTick">First tick after the partition.</param>
        public void AddPartitionBothWays(int a, int b, long startTick, long endTick)
        {
            AddPartition(a, b, startTick, endTick);
            AddPartition(b, a, startTick, endTick);
        }

        /// <summary>Cuts a peer off from every other peer, both ways, for [<paramref name="startTick"/>, <paramref name="endTick"/>).</summary>
        /// <param name="peer">The peer.</param>
        /// <param name="startTick">First partitioned tick.</param>
        /// <param name="endTick">First tick after the partition.</param>
        public void Isolate(int peer, long startTick, long endTick)
        {
            AddPartition(peer, -1, startTick, endTick);
            AddPartition(-1, peer, startTick, endTick);
        }

        /// <summary>Whether datagrams sent from <paramref name="from"/> to <paramref name="to"/> at <paramref name="tick"/> are dropped by a partition.</summary>
        /// <param name="from">Sending peer.</param>
        /// <param name="to">Receiving peer.</param>
        /// <param name="tick">A tick.</param>
        /// <returns>Whether the link is cut.</returns>
        public bool IsPartitioned(int from, int to, long tick)
        {
            for (int i = 0; i < _partitions.Count; i++)
            {
                TickRange p = _partitions[i];
                if ((p.From < 0 || p.From == from) && (p.To < 0 || p.To == to) && tick >= p.Start && tick < p.End)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Stalls a peer for [<paramref name="startTick"/>, <paramref name="endTick"/>): it stops ticking (the harness
        /// checks <see cref="IsStalled(int)"/>), cannot send, and receives nothing; datagrams to it queue up and are
        /// all receivable when it resumes.
        /// </summary>
        /// <param name="peer">The peer.</param>
        /// <param name="startTick">First stalled tick.</param>
        /// <param name="endTick">First tick after the stall.</param>
        public void AddStall(int peer, long startTick, long endTick)
        {
            CheckPeer(peer);
            CheckRange(startTick, endTick);
            _stalls.Add(new TickRange(peer, peer, startTick, endTick));
        }

        /// <summary>Whether <paramref name="peer"/> is stalled now.</summary>
        /// <param name="peer">The peer.</param>
        /// <returns>Whether the harness should skip ticking it.</returns>
        public bool IsStalled(int peer) => IsStalled(peer, _now);

        /// <summary>Whether <paramref name="peer"/> is stalled at <paramref name="tick"/>.</summary>
        /// <param name="peer">The peer.</param>
        /// <param name="tick">A tick.</param>
        /// <returns>Whether it is stalled.</returns>
        public bool IsStalled(int peer, long tick)
        {
            for (int i = 0; i < _stalls.Count; i++)
            {
                TickRange s = _stalls[i];
                if (s.From == peer && tick >= s.Start && tick < s.End)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Moves the clock one tick forward and delivers every datagram due by then.</summary>
        public void Advance() => Advance(1);

        /// <summary>Moves the clock <paramref name="ticks"/> ticks forward, delivering datagrams tick by tick.</summary>
        /// <param name="ticks">Ticks to advance, at least 0.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticks"/> is negative.</exception>
        public void Advance(int ticks)
        {
            if (ticks < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(ticks), ticks, "Time only moves forward.");
            }

            for (int i = 0; i < ticks; i++)
            {
                _now++;
                DeliverDue();
            }
        }

        internal bool Send(int from, in PeerAddress to, ReadOnlySpan<byte> datagram)
        {
            if (IsStalled(from, _now))
            {
                _total._refusedStalled++;
                return false;
            }

            if (datagram.Length > MaxDatagramSize)
            {
                _total._refusedOversized++;
                return false;
            }

            int dest = PeerOf(to);
            _total._sent++;
            _total._bytesSent += datagram.Length;
            if (dest < 0)
            {
                _total._droppedUnroutable++;
                return true;
            }

            ref Link link = ref _links[(from * _peerCount) + dest];
            link.Counters._sent++;
            link.Counters._bytesSent += datagram.Length;
            long linkSeq = link.NextLinkSeq++;

            if (IsPartitioned(from, dest, _now))
            {
                link.Counters._droppedPartition++;
                _total._droppedPartition++;
                return true;
            }

            if (link.Random.Chance(link.Loss))
            {
                link.Counters._droppedLoss++;
                _total._droppedLoss++;
                return true;
            }

            int copies = 1;
            if (link.Random.Chance(link.Duplicate))
            {
                copies = 2;
                link.Counters._duplicated++;
                _total._duplicated++;
            }

            bool immediate = false;
            for (int c = 0; c < copies; c++)
            {
                int delay = DelayOf(ref link);
                immediate |= delay == 0;
                byte[] data = Rent();
                datagram.CopyTo(data);
                Push(new Packet
                {
                    DeliverTick = _now + delay,
                    Seq = _nextSeq++,
                    LinkSeq = linkSeq,
                    Data = data,
                    Length = datagram.Length,
                    From = from,
                    To = dest,
                });
            }

            if (immediate)
            {
                DeliverDue();
            }

            return true;
        }

        internal bool Receive(int peer, Span<byte> buffer, out int length, out PeerAddress from)
        {
            length = 0;
            from = default;
            SimulatedEndpoint endpoint = _endpoints[peer];
            if (endpoint.Queue.Count == 0 || IsStalled(peer, _now))
            {
                return false;
            }

            Packet p = endpoint.Queue.Dequeue();
            int n = Math.Min(p.Length, buffer.Length);
            p.Data.AsSpan(0, n).CopyTo(buffer);
            length = n;
            from = PeerAddress.FromId((ulong)p.From);
            Return(p.Data);
            _links[(p.From * _peerCount) + peer].Counters._received++;
            _total._received++;
            return true;
        }

        private int DelayOf(ref Link link)
        {
            long delay = link.Latency;
            if (link.Jitter > 0)
            {
                int span = (2 * link.Jitter) + 1;
                int offset;
                if (link.JitterWindow > 0)
                {
                    long window = _now / link.JitterWindow;
                    offset = NetworkRandom.Below(NetworkRandom.Mix(link.JitterSeed + ((ulong)window * 0x9E3779B97F4A7C15UL)), span) - link.Jitter;
                }
                else
                {
                    offset = link.Random.NextInt(span) - link.Jitter;
                }

                delay += offset;
            }

            if (link.Random.Chance(link.Reorder))
            {
                delay += 1 + link.Random.NextInt(link.ReorderExtra);
            }

            return delay < 0 ? 0 : (int)Math.Min(delay, int.MaxValue);
        }

        private void DeliverDue()
        {
            while (_heapCount > 0 && _heap[0].DeliverTick <= _now)
            {
                Packet p = Pop();
                ref Link link = ref _links[(p.From * _peerCount) + p.To];
                SimulatedEndpoint endpoint = _endpoints[p.To];
                if (endpoint.Queue.Count >= _receiveQueueCapacity)
                {
                    link.Counters._droppedOverflow++;
                    _total._droppedOverflow++;
                    Return(p.Data);
                    continue;
                }

                if (p.LinkSeq < link.HighestDelivered)
                {
                    link.Counters._reordered++;
                    _total._reordered++;
                }
                else
                {
                    link.HighestDelivered = p.LinkSeq;
                }

                link.Counters._delivered++;
                link.Counters._bytesDelivered += p.Length;
                _total._delivered++;
                _total._bytesDelivered += p.Length;
                endpoint.Queue.Enqueue(p);
            }
        }

        private byte[] Rent() => _pool.Count > 0 ? _pool.Pop() : new byte[MaxDatagramSize];

        private void Return(byte[] data) => _pool.Push(data);

        private void Push(in Packet packet)
        {
            if (_heapCount == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            int i = _heapCount++;
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!Before(packet, _heap[parent]))
                {
                    break;
                }

                _heap[i] = _heap[parent];
                i = parent;
            }

            _heap[i] = packet;
        }

        private Packet Pop()
        {
            Packet top = _heap[0];
            Packet last = _heap[--_heapCount];
            _heap[_heapCount] = default;
            if (_heapCount > 0)
            {
                int i = 0;
                while (true)
                {
                    int child = (2 * i) + 1;
                    if (child >= _heapCount)
                    {
                        break;
                    }

                    if (child + 1 < _heapCount && Before(_heap[child + 1], _heap[child]))
                    {
                        child++;
                    }

                    if (!Before(_heap[child], last))
                    {
                        break;
                    }

                    _heap[i] = _heap[child];
                    i = child;
                }

                _heap[i] = last;
            }

            return top;
        }

        private static bool Before(in Packet a, in Packet b) =>
            a.DeliverTick < b.DeliverTick || (a.DeliverTick == b.DeliverTick && a.Seq < b.Seq);

        private int CheckPeer(int peer)
        {
            if ((uint)peer >= (uint)_peerCount)
            {
                throw new ArgumentOutOfRangeException(nameof(peer), peer, "No such peer.");
            }

            return peer;
        }

        private void CheckPeerOrAny(int peer)
        {
            if (peer != -1)
            {
                CheckPeer(peer);
            }
        }

        private static void CheckRange(long startTick, long endTick)
        {
            if (endTick < startTick)
            {
                throw new ArgumentOutOfRangeException(nameof(endTick), endTick, "The range ends before it starts.");
            }
        }

        private int LinkIndex(int from, int to) => (CheckPeer(from) * _peerCount) + CheckPeer(to);

        internal struct Packet
        {
            public long DeliverTick;
            public long Seq;
            public long LinkSeq;
            public byte[] Data;
            public int Length;
            public int From;
            public int To;
        }

        private readonly struct TickRange
        {
            public readonly int From;
            public readonly int To;
            public readonly long Start;
            public readonly long End;

            public TickRange(int from, int to, long start, long end)
            {
                From = from;
                To = to;
                Start = start;
                End = end;
            }
        }

        private struct Link
        {
            public NetworkRandom Random;
            public readonly ulong JitterSeed;
            public int Latency;
            public int Jitter;
            public int JitterWindow;
            public ulong Loss;
            public ulong Duplicate;
            public ulong Reorder;
            public int ReorderExtra;
            public long NextLinkSeq;
            public long HighestDelivered;
            public NetworkCounters Counters;

            public Link(ulong seed)
            {
                this = default;
                Random = new NetworkRandom(seed);
                JitterSeed = NetworkRandom.Mix(seed ^ 0x5DEECE66DUL);
                ReorderExtra = 2;
                HighestDelivered = -1;
            }

            public void Apply(LinkConditions c)
            {
                Latency = c.LatencyTicks;
                Jitter = c.JitterTicks;
                JitterWindow = c.JitterRedrawTicks;
                Loss = NetworkRandom.Threshold(c.LossProbability);
                Duplicate = NetworkRandom.Threshold(c.DuplicateProbability);
                Reorder = NetworkRandom.Threshold(c.ReorderProbability);
                ReorderExtra = c.ReorderExtraTicks;
            }
        }
    }
}
