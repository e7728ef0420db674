using System;
using System.Globalization;

namespace Arena.Sample
{
    /// <summary>Command-line options of the sample.</summary>
    public sealed class SampleOptions
    {
        public const string Usage =
            "usage: dotnet run --project samples/Arena.Sample -c Release -- [--frames N] [--seed N] [--check-distance N] [--out DIR]";

        public int Frames { get; private set; } = 3000;

        public ulong Seed { get; private set; } = 1;

        public int CheckDistance { get; private set; } = 2;

        public string OutputDirectory { get; private set; } = "out";

        public bool Help { get; private set; }

        public static SampleOptions Parse(string[] args)
        {
            var options = new SampleOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
                switch (name)
                {
                    case "--frames": options.Frames = PositiveInt(name, Value()); break;
                    case "--seed": options.Seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--check-distance": options.CheckDistance = PositiveInt(name, Value()); break;
                    case "--out": options.OutputDirectory = Value(); break;
                    case "-h":
                    case "--help": options.Help = true; break;
                    default: throw new ArgumentException($"Unknown option '{name}'.");
                }
            }

            return options;
        }

        private static int PositiveInt(string name, string text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            {
                throw new ArgumentException($"{name} must be a positive integer, got '{text}'.");
            }

            return value;
        }
    }
}
