using System.Collections.Generic;
using System.Globalization;

namespace Rollback
{
    /// <content>Desyncs: a checksum mismatch starts the snapshot exchange that ends in <see cref="DesyncReported"/>.</content>
    public sealed partial class PeerSession<TState, TInput>
    {
        private void OnMismatch(in PeerDesync desync)
        {
            DesyncDetected?.Invoke(in desync);
            if (desync.RemotePlayer >= 0 && _owner[desync.RemotePlayer] >= 0)
            {
                _desync.OnMismatch(_connections[_owner[desync.RemotePlayer]], in desync, _clock());
            }
        }

        /// <summary>The settings a desync bundle records, as invariant text.</summary>
        private static KeyValuePair<string, string>[] SettingsText(PeerSessionOptions<TInput> o) => new[]
        {
            Setting("players", o.PlayerCount),
            new KeyValuePair<string, string>("session id", o.SessionId.ToString("x16", CultureInfo.InvariantCulture)),
            Setting("input delay", o.InputDelay),
            Setting("prediction window", o.PredictionWindow),
            Setting("checksum interval", o.ChecksumInterval),
            Setting("frames per second", o.FramesPerSecond),
            Setting("frame count", o.FrameCount),
            Setting("episodes", o.Episodes),
        };

        private static KeyValuePair<string, string> Setting(string name, int value) =>
            new KeyValuePair<string, string>(name, value.ToString(CultureInfo.InvariantCulture));
    }
}
