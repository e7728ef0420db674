using System;
using System.Collections.Generic;

namespace Rollback.Tool
{
    /// <summary>The parsed command line: the command, its positional arguments and options.</summary>
    internal sealed class CommandLine
    {
        public string Command { get; private set; } = string.Empty;

        public List<string> Arguments { get; } = new List<string>();

        public string? Assembly { get; private set; }

        public string? Output { get; private set; }

        public bool Quiet { get; private set; }

        public static CommandLine Parse(string[] args)
        {
            var line = new CommandLine();
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                switch (a)
                {
                    case "--assembly":
                    case "-a":
                        line.Assembly = Value(args, ref i, a);
                        break;
                    case "-o":
                    case "--output":
                        line.Output = Value(args, ref i, a);
                        break;
                    case "-q":
                    case "--quiet":
                        line.Quiet = true;
                        break;
                    case "-h":
                    case "--help":
                        line.Command = "help";
                        break;
                    case "--version":
                        line.Command = "version";
                        break;
                    default:
                        if (a.StartsWith("-", StringComparison.Ordinal) && a.Length > 1)
                        {
                            throw new UsageException($"unknown option {a}");
                        }

                        if (line.Command.Length == 0)
                        {
                            line.Command = a;
                        }
                        else if (line.Command != "help" && line.Command != "version")
                        {
                            line.Arguments.Add(a);
                        }

                        break;
                }
            }

            return line;
        }

        private static string Value(string[] args, ref int i, string option)
        {
            if (i + 1 >= args.Length || (args[i + 1].StartsWith("-", StringComparison.Ordinal) && args[i + 1].Length > 1))
            {
                throw new UsageException($"{option} needs a value");
            }

            return args[++i];
        }
    }

    /// <summary>A command line that cannot be run; the message is shown with the usage hint.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
