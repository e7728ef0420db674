using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>
    /// A game's assembly, loaded to decode its files: finds the state type by the schema id stored in a snapshot,
    /// and the simulation (<see cref="ISimulation{TState, TInput}"/> with a parameterless constructor) that steps it.
    /// </summary>
    public sealed class GameAssembly
    {
        private GameAssembly(Assembly assembly, string path)
        {
            Assembly = assembly;
            Path = path;
        }

        /// <summary>The loaded assembly.</summary>
        public Assembly Assembly { get; }

        /// <summary>The file it was loaded from.</summary>
        public string Path { get; }

        /// <summary>Loads a game assembly; its dependencies are resolved from its folder.</summary>
        /// <param name="path">The .dll path.</param>
        /// <returns>The loaded assembly.</returns>
        /// <exception cref="ReportInputException">The file is missing or is not a .NET assembly.</exception>
        public static GameAssembly Load(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new ReportInputException($"The game assembly {path} does not exist.");
            }

            string folder = System.IO.Path.GetDirectoryName(full)!;
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                string candidate = System.IO.Path.Combine(folder, name.Name + ".dll");
                return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
            };

            try
            {
                return new GameAssembly(Assembly.LoadFrom(full), full);
            }
            catch (BadImageFormatException ex)
            {
                throw new ReportInputException($"{path} is not a .NET assembly.", ex);
            }
            catch (FileLoadException ex)
            {
                throw new ReportInputException($"{path} cannot be loaded: {ex.Message}", ex);
            }
        }

        /// <summary>
        /// Opens a replay recorded by this game: finds the simulation whose input type the replay was recorded with
        /// and whose state type matches the schema id of the replay's initial snapshot.
        /// </summary>
        /// <param name="path">The replay file.</param>
        /// <returns>The runner and the replay's content.</returns>
        /// <exception cref="ReportInputException">The file is missing, not a replay, damaged, or not of this game.</exception>
        public (IGameRunner Runner, ReplayData Replay) OpenReplay(string path)
        {
            if (!File.Exists(path))
            {
                throw new ReportInputException($"The replay file {path} does not exist.");
            }

            string? firstError = null;
            foreach ((Type simulation, Type state, Type input) in Simulations())
            {
                var runner = (IGameRunner)Activator.CreateInstance(typeof(GameRunner<,>).MakeGenericType(state, input), simulation)!;
                ReplayData replay;
                try
                {
                    replay = runner.LoadReplay(path);
                }
                catch (ReplayFormatException ex)
                {
                    firstError ??= ex.Message;
                    continue;
                }

                ulong schema;
                try
                {
                    schema = StateTypes.SchemaIdOfSnapshot(replay.InitialSnapshot);
                }
                catch (SnapshotFormatException ex)
                {
                    throw new ReportInputException($"{path}: the replay's initial snapshot is damaged: {ex.Message}", ex);
                }

                if (schema == StateTypes.SchemaIdOf(state))
                {
                    return (runner, replay);
                }

                firstError ??= $"the replay's state has schema 0x{schema:x16}, but {state.Name} in {System.IO.Path.GetFileName(Path)} has 0x{StateTypes.SchemaIdOf(state):x16} (another version of the game)";
            }

            throw new ReportInputException($"{path}: {firstError ?? $"{System.IO.Path.GetFileName(Path)} has no simulation class (ISimulation<TState, TInput> with a parameterless constructor)"}");
        }

        private Type[] LoadableTypes()
        {
            try
            {
                return Assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                return ex.Types.Where(t => t is not null).ToArray()!;
            }
        }

        /// <summary>The assembly and the game assemblies it references (state types may live in a separate assembly).</summary>
        private Assembly[] StateAssemblies()
        {
            var assemblies = new System.Collections.Generic.List<Assembly> { Assembly };
            foreach (AssemblyName name in Assembly.GetReferencedAssemblies())
            {
                string n = name.Name ?? string.Empty;
                if (n.StartsWith("System", StringComparison.Ordinal) || n.StartsWith("Microsoft", StringComparison.Ordinal)
                    || n == "netstandard" || n == "mscorlib" || n == "Rollback.Runtime" || n.StartsWith("xunit", StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    assemblies.Add(Assembly.Load(name));
                }
                catch (Exception ex) when (ex is FileNotFoundException || ex is FileLoadException || ex is BadImageFormatException)
                {
                    // A reference that is not deployed beside the game cannot hold its state type.
                }
            }

            return assemblies.ToArray();
        }

        private (Type Simulation, Type State, Type Input)[] Simulations() =>
            LoadableTypes()
                .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && t.GetConstructor(Type.EmptyTypes) is not null)
                .SelectMany(t => t.GetInterfaces()
                    .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISimulation<,>))
                    .Select(i => (t, i.GetGenericArguments()[0], i.GetGenericArguments()[1])))
                .ToArray();

        /// <summary>The state type whose schema id is the one in <paramref name="snapshot"/>'s header.</summary>
        /// <param name="snapshot">A snapshot.</param>
        /// <returns>The type.</returns>
        /// <exception cref="ReportInputException">No state type of the assembly matches.</exception>
        public Type StateTypeOf(ReadOnlySpan<byte> snapshot)
        {
            ulong schema;
            try
            {
                schema = StateTypes.SchemaIdOfSnapshot(snapshot);
            }
            catch (SnapshotFormatException ex)
            {
                throw new ReportInputException("The file holds no valid snapshot: " + ex.Message, ex);
            }

            Type? type = StateAssemblies().Select(a => StateTypes.FindBySchemaId(a, schema)).FirstOrDefault(t => t is not null);
            if (type is null)
            {
                string known = string.Join(", ", StateAssemblies().SelectMany(StateTypes.In).Select(t => $"{t.Name} (0x{StateTypes.SchemaIdOf(t):x16})"));
                throw new ReportInputException(
                    $"No state type in {System.IO.Path.GetFileName(Path)} has schema 0x{schema:x16} (the file was written by another game or another version of its state; the assembly has: {(known.Length == 0 ? "no [RollbackState] types" : known)}).");
            }

            return type;
        }

        /// <summary>A runner for the simulation that steps the state type of <paramref name="snapshot"/>.</summary>
        /// <param name="snapshot">A snapshot of the game's state.</param>
        /// <returns>The runner.</returns>
        /// <exception cref="ReportInputException">The state type or its simulation is not in the assembly.</exception>
        public IGameRunner RunnerFor(ReadOnlySpan<byte> snapshot)
        {
            Type state = StateTypeOf(snapshot);
            foreach ((Type simulation, Type s, Type input) in Simulations())
            {
                if (s == state)
                {
                    return (IGameRunner)Activator.CreateInstance(typeof(GameRunner<,>).MakeGenericType(state, input), simulation)!;
                }
            }

            throw new ReportInputException($"{System.IO.Path.GetFileName(Path)} has no public simulation class with a parameterless constructor that implements ISimulation<{state.Name}, …>.");
        }
    }
}
