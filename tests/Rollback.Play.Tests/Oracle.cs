using System.Collections.Generic;
using System.IO;
using Arena.Game;
using Arena.Play;
using Rollback;

namespace Rollback.Play.Tests
{
    /// <summary>
    /// One replica of the arena stepped once, in-process, with the true inputs every seat logged (the pad each bot
    /// committed and the frame it applied to), exported in the game's format. Every process's export must equal it.
    /// </summary>
    public static class Oracle
    {
        public static byte[] Export(IReadOnlyList<string> inputLogs, int frames)
        {
            int players = inputLogs.Count;
            var pads = new List<Pad>[players];
            for (int p = 0; p < players; p++)
            {
                pads[p] = InputLog.Load(inputLogs[p]);
            }

            var session = new LocalSession<ArenaState, Pad>(new ArenaPlayRules(), () => ArenaSetup.NewState(players), players);
            var text = new StringWriter { NewLine = "\n" };
            using (CsvExporter<ArenaState, Pad> csv = ExportFormat.Attach(session, text, players))
            {
                var inputs = new Pad[players];
                for (int f = 0; f < frames; f++)
                {
                    for (int p = 0; p < players; p++)
                    {
                        inputs[p] = f < pads[p].Count ? pads[p][f] : default;
                    }

                    session.AdvanceFrame(inputs);
                }
            }

            return System.Text.Encoding.UTF8.GetBytes(text.ToString());
        }
    }
}
