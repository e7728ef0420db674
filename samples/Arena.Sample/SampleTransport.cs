using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Rollback.Network;
#if ROLLBACK_LITENETLIB
using Rollback.LiteNetLib;
#endif

namespace Arena.Sample
{
    /// <summary>
    /// The <c>--transport</c> option: <c>simulated</c> (the seeded network, the default), <c>udp</c> (<see cref="UdpTransport"/>
    /// on 127.0.0.1, the same as <c>--udp</c>) or <c>litenetlib</c> (the Rollback.LiteNetLib package on 127.0.0.1). A build
    /// of these sources without Rollback.LiteNetLib (no <c>ROLLBACK_LITENETLIB</c> symbol) refuses <c>litenetlib</c> clearly.
    /// </summary>
    public static class SampleTransport
    {
        /// <summary>The seeded simulated network.</summary>
        public const string Simulated = "simulated";

        /// <summary>System.Net.Sockets UDP on loopback.</summary>
        public const string Udp = "udp";

        /// <summary>LiteNetLib's unreliable channel on loopback.</summary>
        public const string LiteNetLib = "litenetlib";

        private static readonly List<IDisposable> Opened = new List<IDisposable>();

        /// <summary>The chosen transport.</summary>
        public static string Kind { get; private set; } = Simulated;

        /// <summary>Whether this build can run over LiteNetLib.</summary>
        public static bool HasLiteNetLib =>
#if ROLLBACK_LITENETLIB
            true;
#else
            false;
#endif

        /// <summary>Parses the option's value; returns whether the choice is a real network (as <c>--udp</c>).</summary>
        /// <param name="value">simulated, udp or litenetlib.</param>
        /// <returns>True for a real network on loopback.</returns>
        /// <exception cref="ArgumentException">An unknown transport, or litenetlib in a build without it.</exception>
        public static bool Choose(string value)
        {
            string kind = value.ToLowerInvariant();
            if (kind != Simulated && kind != Udp && kind != LiteNetLib)
            {
                throw new ArgumentException($"--transport takes {Simulated}, {Udp} or {LiteNetLib}, not '{value}'.");
            }

            if (kind == LiteNetLib && !HasLiteNetLib)
            {
                throw new ArgumentException("--transport litenetlib: this build does not include Rollback.LiteNetLib.");
            }

            Kind = kind;
            return kind != Simulated;
        }

        /// <summary>
        /// Opens one LiteNetLib transport per endpoint on 127.0.0.1 and connects every pair before returning, as a game's
        /// lobby would: the match clock starts once the mesh is up.
        /// </summary>
        /// <param name="transports">Filled with the transports.</param>
        /// <param name="addresses">Filled with their addresses.</param>
        public static void OpenLiteNetLibMesh(IDatagramTransport[] transports, PeerAddress[] addresses)
        {
#if ROLLBACK_LITENETLIB
            var mesh = new LiteNetLibTransport[transports.Length];
            for (int i = 0; i < mesh.Length; i++)
            {
                mesh[i] = LiteNetLibTransport.StartLoopback("arena-sample");
                Opened.Add(mesh[i]);
                transports[i] = mesh[i];
                addresses[i] = mesh[i].LocalAddress;
            }

            var wall = Stopwatch.StartNew();
            bool connected = false;
            while (!connected)
            {
                if (wall.Elapsed > TimeSpan.FromSeconds(15))
                {
                    throw new TimeoutException("the LiteNetLib peers did not connect within 15 s");
                }

                connected = true;
                for (int i = 0; i < mesh.Length; i++)
                {
                    mesh[i].Poll();
                    for (int p = i + 1; p < mesh.Length; p++)
                    {
                        if (!mesh[i].IsConnected(addresses[p]) || !mesh[p].IsConnected(addresses[i]))
                        {
                            connected = false;
                            mesh[i].Connect(addresses[p]);
                        }
                    }
                }

                Thread.Sleep(2);
            }
#else
            throw new InvalidOperationException("This build does not include Rollback.LiteNetLib.");
#endif
        }

        /// <summary>Closes every transport this class opened.</summary>
        public static void CloseAll()
        {
            foreach (IDisposable transport in Opened)
            {
                transport.Dispose();
            }

            Opened.Clear();
        }
    }
}
