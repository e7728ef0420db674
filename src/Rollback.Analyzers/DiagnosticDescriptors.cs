using Microsoft.CodeAnalysis;

namespace Rollback.Analyzers
{
    /// <summary>
    /// Every determinism diagnostic. IDs are stable (RB2001..RB2099; RB1xxx belongs to the
    /// <c>[RollbackState]</c> generator). Each has a page under docs/diagnostics/.
    /// </summary>
    /// <remarks>
    /// Every message ends with the placeholder <c>{1}</c> (or the last argument), which is empty for
    /// code declared as simulation code and names the call chain for code reached transitively.
    /// </remarks>
    internal static class DiagnosticDescriptors
    {
        /// <summary>Category of every determinism rule.</summary>
        public const string Category = "Determinism";

        /// <summary>Prefix of every help link; the page is <c>{ID}.md</c>.</summary>
        public const string HelpBase = "https://github.com/rollback-dotnet/rollback/blob/main/docs/diagnostics/";

        public const string WallClockId = "RB2001";
        public const string RandomnessId = "RB2002";
        public const string FloatingPointId = "RB2003";
        public const string HashOrderId = "RB2004";
        public const string ConcurrencyId = "RB2005";
        public const string EnvironmentId = "RB2006";
        public const string StaticStateId = "RB2007";
        public const string CultureId = "RB2008";
        public const string BannedApiId = "RB2009";
        public const string OutsideStateId = "RB2010";
        public const string ReflectionOrderId = "RB2011";

        /// <summary>The generator's "not partial" diagnostic, which the partial code fix handles.</summary>
        public const string NotPartialId = "RB1001";

        public static readonly DiagnosticDescriptor WallClock = new DiagnosticDescriptor(
            WallClockId,
            "Wall clock or timer in simulation code",
            "'{0}' reads the wall clock or a timer, which differs between peers and between a frame and its replay; derive time from the state's Frame counter instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Simulation code must be a pure function of the state and the inputs. The wall clock, Stopwatch, TimeProvider and timers give every peer, and every re-simulation after a rollback, a different value.",
            helpLinkUri: HelpBase + WallClockId + ".md");

        public static readonly DiagnosticDescriptor Randomness = new DiagnosticDescriptor(
            RandomnessId,
            "Randomness outside the state",
            "'{0}' draws random numbers from outside the state, so peers and replays see different values; use a Rollback.DeterministicRandom field in the state instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "System.Random, RandomNumberGenerator and Guid.NewGuid are not part of the snapshot: a rollback cannot rewind them, and their algorithm or seed differs between processes. Keep a DeterministicRandom inside the [RollbackState] type.",
            helpLinkUri: HelpBase + RandomnessId + ".md");

        public static readonly DiagnosticDescriptor FloatingPoint = new DiagnosticDescriptor(
            FloatingPointId,
            "Floating point in simulation code",
            "{0} uses floating point, whose results can differ between CPUs, JIT modes and compilers; use Rollback.Fixed64 (or FixedVector2) instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "float, double, Half, Math/MathF on floating types and the System.Numerics vector types are not bit-for-bit reproducible across machines. decimal and integer arithmetic are deterministic and are not flagged.",
            helpLinkUri: HelpBase + FloatingPointId + ".md");

        public static readonly DiagnosticDescriptor HashOrder = new DiagnosticDescriptor(
            HashOrderId,
            "Hash-order dependence in simulation code",
            "{0} depends on hash codes that differ between processes; iterate a sorted copy (OrderBy with an ordinal comparer), key by an int or enum, or use SortedDictionary/SortedSet instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Dictionary, HashSet, ConcurrentDictionary and Hashtable enumerate in hash order. string hashes are randomized per process and the default object hash depends on allocation, so the order (and GetHashCode itself) differs between peers.",
            helpLinkUri: HelpBase + HashOrderId + ".md");

        public static readonly DiagnosticDescriptor Concurrency = new DiagnosticDescriptor(
            ConcurrencyId,
            "Concurrency in simulation code",
            "{0} runs work concurrently or asynchronously, so the order of effects depends on the scheduler; step the simulation synchronously on one thread instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Task.Run, Parallel, Thread, ThreadPool, PLINQ, async methods and await let the thread scheduler decide the order of side effects, which differs between peers and between a frame and its replay.",
            helpLinkUri: HelpBase + ConcurrencyId + ".md");

        public static readonly DiagnosticDescriptor Environment = new DiagnosticDescriptor(
            EnvironmentId,
            "Environment or I/O in simulation code",
            "'{0}' reads the machine, the environment, files, the console or the network, which differ between peers and replays; pass the data in as input or keep it in the state instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Files, directories, console input, environment variables, machine facts, sockets and HTTP are outside the state and the inputs: peers read different values and a replay reads them again.",
            helpLinkUri: HelpBase + EnvironmentId + ".md");

        public static readonly DiagnosticDescriptor StaticState = new DiagnosticDescriptor(
            StaticStateId,
            "Hidden mutable static state in simulation code",
            "{0} is mutable static state that snapshots do not contain, so a rollback cannot rewind it; move it into the [RollbackState] type, or make it readonly or const{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A non-readonly static field or static auto-property lives outside the state. A rollback restores the state but not the static, so the replay diverges from the first simulation.",
            helpLinkUri: HelpBase + StaticStateId + ".md");

        public static readonly DiagnosticDescriptor Culture = new DiagnosticDescriptor(
            CultureId,
            "Culture-dependent text in simulation code",
            "{0} depends on the current culture, which differs between machines; pass CultureInfo.InvariantCulture or use an ordinal StringComparison/StringComparer instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Formatting, parsing, comparing and sorting text with the current culture gives different results on machines with different regional settings.",
            helpLinkUri: HelpBase + CultureId + ".md");

        public static readonly DiagnosticDescriptor BannedApi = new DiagnosticDescriptor(
            BannedApiId,
            "API banned in simulation code",
            "'{0}' is banned in simulation code by RollbackBannedApis.txt{1}{2}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The project lists this API in an AdditionalFiles item named RollbackBannedApis.txt. The message given there says what to use instead.",
            helpLinkUri: HelpBase + BannedApiId + ".md");

        public static readonly DiagnosticDescriptor OutsideState = new DiagnosticDescriptor(
            OutsideStateId,
            "State outside the snapshot",
            "{0}, which the snapshot does not contain, so a rollback does not rewind it and the replay starts from a different value; keep it in the [RollbackState] type instead{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "The simulation object (the ISimulation implementation) and the objects it holds are not part of any snapshot, and neither are [RollbackIgnore] members. Writing them while stepping, or counting in a [RollbackIgnore] member (Combo++), makes state that a rollback cannot restore.",
            helpLinkUri: HelpBase + OutsideStateId + ".md");

        public static readonly DiagnosticDescriptor ReflectionOrder = new DiagnosticDescriptor(
            ReflectionOrderId,
            "Reflection order in simulation code",
            "{0} returns members in an order the runtime does not guarantee, so iterating or indexing it can differ between runtimes and builds; list the members explicitly, or sort them by name with an ordinal comparer first{1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Type.GetFields, GetProperties, GetMethods, GetMembers and similar APIs document no order. Code that iterates their result, or picks an element by index, behaves differently when the order changes.",
            helpLinkUri: HelpBase + ReflectionOrderId + ".md");
    }
}
