using System;
using System.Collections.Generic;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests.P2P;

/// <summary>
/// Two <see cref="PeerConnection"/>s facing each other over a seeded simulated network, with a virtual clock of
/// 10 ms per tick: what a session does with them, minus the session (every delivered message is recorded).
/// </summary>
internal sealed class ConnectionPair
{
    public const int MsPerTick = 10;

    private readonly byte[] _buffer = new byte[Protocol.MaxDatagramSize + 64];

    public ConnectionPair(ulong seed, LinkConditions? link = null, ulong configA = 1, ulong configB = 1, bool bInitiates = true, PeerTimingOptions? timing = null)
    {
        Network = new SimulatedNetwork(2, seed, link);
        timing ??= new PeerTimingOptions();
        StatsA = new NetworkStatistics();
        StatsB = new NetworkStatistics();
        var settingsA = new ConnectionSettings(77, 0, configA, 4, 2, 100, timing);
        var settingsB = new ConnectionSettings(77, 1, configB, 4, 2, 100, timing);
        A = new PeerConnection(0, Network.AddressOf(1), new[] { 1 }, isSpectator: !bInitiates, initiates: true, expectedSender: 1, settingsA, new Outbox(Network[0], StatsA));
        B = new PeerConnection(0, Network.AddressOf(0), new[] { 0 }, isSpectator: false, initiates: bInitiates, expectedSender: 0, settingsB, new Outbox(Network[1], StatsB));
    }

    public SimulatedNetwork Network { get; }

    /// <summary>Endpoint 0's connection to endpoint 1.</summary>
    public PeerConnection A { get; private set; }

    /// <summary>Endpoint 1's connection to endpoint 0.</summary>
    public PeerConnection B { get; private set; }

    public NetworkStatistics StatsA { get; }

    public NetworkStatistics StatsB { get; }

    public long Tick { get; private set; }

    public long Now => Tick * MsPerTick;

    /// <summary>Whether endpoint 1 ticks and reads (false: a peer that has not started yet, or stopped).</summary>
    public bool BAlive { get; set; } = true;

    public List<(MessageType Type, Reception What, DropReason Drop)> ReceivedByA { get; } = new();

    public List<(MessageType Type, Reception What, DropReason Drop)> ReceivedByB { get; } = new();

    public List<ConnectionAlarm> AlarmsA { get; } = new();

    public List<ConnectionAlarm> AlarmsB { get; } = new();

    /// <summary>Replaces endpoint 1's connection with a fresh one (a restarted process: new nonce, sequence from 0).</summary>
    public void RestartB(ulong config = 1)
    {
        var settings = new ConnectionSettings(77, 1, config, 4, 2, 100, new PeerTimingOptions());
        B = new PeerConnection(0, Network.AddressOf(0), new[] { 0 }, isSpectator: false, initiates: B.Initiates, expectedSender: 0, settings, new Outbox(Network[1], StatsB));
    }

    public void Run(int ticks, int frameA = 0, int frameB = 0)
    {
        for (int t = 0; t < ticks; t++)
        {
            Drain(0, A, ReceivedByA);
            Record(AlarmsA, A.Tick(Now, frameA));
            if (BAlive)
            {
                Drain(1, B, ReceivedByB);
                Record(AlarmsB, B.Tick(Now, frameB));
            }
            else
            {
                while (Network[1].TryReceive(_buffer, out _, out _))
                {
                }
            }

            Tick++;
            Network.Advance();
        }
    }

    /// <summary>Moves the clock and the network one tick without ticking the connections (for callers that drive them).</summary>
    public void AdvanceClock()
    {
        Tick++;
        Network.Advance();
    }

    /// <summary>Delivers one hand-made datagram to endpoint <paramref name="to"/> as if sent by the other.</summary>
    public (Reception What, DropReason Drop) Inject(int to, ReadOnlySpan<byte> datagram)
    {
        PeerConnection c = to == 0 ? A : B;
        Assert.Equal(DecodeStatus.Ok, ProtocolCodec.Decode(datagram, 77, out ProtocolMessage m));
        Reception what = c.Receive(m, datagram.Length, Now, out DropReason drop);
        return (what, drop);
    }

    private static void Record(List<ConnectionAlarm> list, ConnectionAlarm alarm)
    {
        if (alarm != ConnectionAlarm.None)
        {
            list.Add(alarm);
        }
    }

    private void Drain(int endpoint, PeerConnection c, List<(MessageType, Reception, DropReason)> log)
    {
        while (Network[endpoint].TryReceive(_buffer, out int length, out PeerAddress _))
        {
            if (ProtocolCodec.Decode(_buffer.AsSpan(0, length), 77, out ProtocolMessage m) != DecodeStatus.Ok)
            {
                continue;
            }

            Reception what = c.Receive(m, length, Now, out DropReason drop);
            log.Add((m.Type, what, what == Reception.Dropped ? drop : default));
        }
    }
}
