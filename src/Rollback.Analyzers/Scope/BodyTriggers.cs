using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Rollback.Analyzers.Scope
{
    /// <summary>
    /// A syntactic necessary condition for a body of simulation code to hold anything a rule looks for or any
    /// call into the project: built once per compilation, checked on the tokens of a body before it is bound.
    /// A body with none of these tokens is not bound at all, which is where the analyzers' build cost goes.
    /// </summary>
    /// <remarks>
    /// Every rule matches an expression whose type or member it knows. Such an expression is written with the
    /// member's name, or the type's name or keyword, or comes from a member of the project whose declared type
    /// mentions the type (whose name is then a trigger), or from a library member listed here. Calls into the
    /// project name the method, property or type; implicit calls (operators, conversions, indexers,
    /// enumerators, Dispose, Deconstruct) need a value of a type of the project that declares them, and the
    /// names of members of such types are triggers too.
    /// </remarks>
    internal sealed class BodyTriggers
    {
        /// <summary>Library types whose values the rules look at; members of the project typed with them are triggers.</summary>
        private static readonly string[] s_interestingTypes =
        {
            "System.Half", "System.Numerics.Vector2", "System.Numerics.Vector3", "System.Numerics.Vector4", "System.Numerics.Matrix3x2",
            "System.Numerics.Matrix4x4", "System.Numerics.Quaternion", "System.Numerics.Plane", "System.Numerics.Complex",
            "System.Runtime.InteropServices.NFloat",
            "System.Diagnostics.Stopwatch", "System.TimeProvider", "System.Threading.Timer", "System.Timers.Timer", "System.Threading.PeriodicTimer",
            "System.Random", "System.Security.Cryptography.RandomNumberGenerator", "System.Diagnostics.Process",
            "System.IO.FileSystemInfo", "System.IO.FileStream", "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.TextReader",
            "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1",
            "System.Threading.Thread", "System.Linq.ParallelQuery`1",
            "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1", "System.Collections.Concurrent.ConcurrentDictionary`2",
            "System.Collections.Hashtable", "System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableHashSet`1",
            "System.Collections.Frozen.FrozenDictionary`2", "System.Collections.Frozen.FrozenSet`1",
            "System.Collections.Generic.SortedSet`1", "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedList`2",
            "System.Text.StringBuilder", "System.Globalization.CultureInfo", "System.Type", "System.Reflection.MemberInfo", "System.Reflection.Assembly",
            "System.Reflection.TypeInfo", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.Delegate", "System.Tuple",
        };

        /// <summary>Member and type names of the library that a rule matches, or that return a value a rule matches.</summary>
        private static readonly string[] s_names =
        {
            // wall clock, randomness
            "Now", "UtcNow", "Today", "TickCount", "TickCount64", "Delay", "CancelAfter", "Stopwatch", "TimeProvider", "Timer", "PeriodicTimer",
            "Random", "RandomNumberGenerator", "NewGuid", "CreateVersion7", "GetRandomFileName", "Guid",
            // floating point
            "Half", "Single", "Double", "Math", "MathF", "Vector", "Vector2", "Vector3", "Vector4", "Matrix3x2", "Matrix4x4", "Quaternion",
            "Plane", "Complex", "NFloat", "BitConverter", "Average", "TotalSeconds", "TotalMilliseconds", "TotalMinutes", "TotalHours", "TotalDays",
            "TotalMicroseconds", "TotalNanoseconds", "NextDouble", "NextSingle", "ToDouble", "ToSingle", "Int64BitsToDouble", "Int32BitsToSingle",
            // hashes and hash order
            "GetHashCode", "HashCode", "RuntimeHelpers", "GetEnumerator", "CopyTo", "Keys", "Values", "Dictionary", "HashSet", "ConcurrentDictionary",
            "Hashtable", "ImmutableDictionary", "ImmutableHashSet", "ToHashSet", "ToDictionary", "ToImmutableDictionary", "ToImmutableHashSet",
            "ToFrozenSet", "ToFrozenDictionary", "ToLookup", "GroupBy", "Distinct", "Union", "Intersect", "Except", "ToLookup",
            // concurrency
            "Task", "ValueTask", "Parallel", "Thread", "ThreadPool", "TaskFactory", "ParallelEnumerable", "AsParallel", "Run", "ContinueWith",
            "WhenAll", "WhenAny", "Yield", "Factory", "StartNew", "ConfigureAwait", "FromResult", "CompletedTask",
            // environment, machine facts, I/O
            "Environment", "GC", "GCSettings", "File", "Directory", "FileInfo", "DirectoryInfo", "FileSystemInfo", "FileStream", "DriveInfo",
            "FileSystemWatcher", "Path", "Console", "AppContext", "AppDomain", "Process", "RuntimeInformation", "Dns", "WebClient", "WebRequest",
            "Registry", "RegistryKey", "StreamReader", "StreamWriter", "ProcessorCount", "WorkingSet",
            // culture
            "ToString", "Parse", "TryParse", "Format", "Join", "Concat", "Append", "AppendFormat", "AppendLine", "Insert", "StringBuilder",
            "CurrentCulture", "CurrentCultureIgnoreCase", "CurrentUICulture", "CultureInfo", "Convert", "Sort", "Comparer", "StringComparer", "SortedSet", "SortedDictionary",
            "SortedList", "Compare", "CompareTo", "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "ToUpper", "ToLower", "String", "Char",
            // reflection
            "GetType", "Type", "GetFields", "GetProperties", "GetMethods", "GetMembers", "GetEvents", "GetConstructors", "GetNestedTypes",
            "GetInterfaces", "GetCustomAttributes", "GetRuntimeFields", "GetRuntimeProperties", "GetRuntimeMethods", "GetRuntimeEvents",
            "DeclaredFields", "DeclaredProperties", "DeclaredMethods", "DeclaredMembers", "DeclaredEvents", "DeclaredConstructors", "GetTypes",
            "ExportedTypes", "DefinedTypes", "GetExportedTypes", "GetDefaultMembers", "Assembly", "dynamic",
            "FindMembers", "FindInterfaces", "GetEnumNames", "GetGenericArguments", "ImplementedInterfaces", "GetDeclaredMethods",
            "DeclaredNestedTypes", "GetForwardedTypes", "CustomAttributes", "Attribute",
            // machine facts
            "IntPtr", "UIntPtr", "nint", "nuint", "IsSupported", "IsHardwareAccelerated", "IsLittleEndian", "CurrentThread",
            "ManagedThreadId", "TimeZoneInfo", "Debugger", "MemoryFailPoint", "Vector128", "Vector256", "Vector512",
            // dropped tasks
            "_",
        };

        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _callNames = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _sourceRuleNames = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _constructedTypes = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _staticInitTypes = new HashSet<string>(StringComparer.Ordinal);
        private readonly bool _bindEverything;

        private BodyTriggers(bool bindEverything)
        {
            _bindEverything = bindEverything;
        }

        /// <summary>Number of distinct trigger names (for diagnostics of the analyzers themselves).</summary>
        public int NameCount => _names.Count;

        public static BodyTriggers Create(Compilation compilation, IReadOnlyList<INamedTypeSymbol> sourceTypes, SimulationMarkers markers, AnalyzerOptions options, Func<SyntaxTree, bool> generated, CancellationToken cancellationToken)
        {
            var triggers = new BodyTriggers(bindEverything: !AddBannedNames(options, cancellationToken, out List<string> banned));
            triggers._names.UnionWith(s_names);
            triggers._names.UnionWith(banned);
            var interesting = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)
            {
                compilation.GetSpecialType(SpecialType.System_Single),
                compilation.GetSpecialType(SpecialType.System_Double),
                compilation.GetSpecialType(SpecialType.System_String),
            };

            foreach (string name in s_interestingTypes)
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    interesting.Add(type);
                }
            }

            triggers.AddNetworkTypeNames(compilation);
            triggers.AddSourceNames(sourceTypes, interesting, markers, Rules.HeldObjects.Get(compilation, markers), generated, cancellationToken);
            triggers._callNames.ExceptWith(triggers._names);
            return triggers;
        }

        /// <summary>Names from RollbackBannedApis.txt; false when a namespace is banned (then every body is bound).</summary>
        private static bool AddBannedNames(AnalyzerOptions options, CancellationToken cancellationToken, out List<string> names)
        {
            names = new List<string>();
            foreach (AdditionalText file in options.AdditionalFiles)
            {
                if (!string.Equals(Path.GetFileName(file.Path), "RollbackBannedApis.txt", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                SourceText? text = file.GetText(cancellationToken);
                if (text is null)
                {
                    continue;
                }

                foreach (TextLine line in text.Lines)
                {
                    string id = line.ToString().Trim();
                    int separator = id.IndexOf(';');
                    id = separator >= 0 ? id.Substring(0, separator).Trim() : id;
                    if (id.Length < 3 || id[1] != ':')
                    {
                        continue;
                    }

                    if (id[0] == 'N')
                    {
                        return false;
                    }

                    int paren = id.IndexOf('(');
                    string path = paren >= 0 ? id.Substring(2, paren - 2) : id.Substring(2);
                    foreach (string part in path.Split('.', '`', '#'))
                    {
                        if (part.Length > 0)
                        {
                            names.Add(part == "ctor" ? string.Empty : part);
                        }
                    }

                    if (id[0] == 'T')
                    {
                        return false; // a banned type's members are not listed: bind every body
                    }
                }
            }

            return true;
        }

        private void AddNetworkTypeNames(Compilation compilation)
        {
            INamespaceSymbol? net = null;
            foreach (INamespaceSymbol ns in compilation.GlobalNamespace.GetNamespaceMembers())
            {
                if (ns.Name == "System")
                {
                    foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
                    {
                        if (child.Name == "Net")
                        {
                            net = child;
                        }
                    }
                }
            }

            if (net is null)
            {
                return;
            }

            foreach (INamespaceSymbol child in net.GetNamespaceMembers())
            {
                if (child.Name is "Sockets" or "Http" or "NetworkInformation")
                {
                    foreach (INamedTypeSymbol type in child.GetTypeMembers())
                    {
                        _names.Add(type.Name);
                    }
                }
            }
        }

        private void AddSourceNames(IReadOnlyList<INamedTypeSymbol> sourceTypes, HashSet<ITypeSymbol> interesting, SimulationMarkers markers, Rules.HeldObjects held, Func<SyntaxTree, bool> generated, CancellationToken cancellationToken)
        {
            // Types of the project that are called into implicitly (operators, conversions, indexers, enumerators ...).
            foreach (INamedTypeSymbol type in sourceTypes)
            {
                _constructedTypes.Add(type.Name);
                bool implicitCalls = false;
                bool staticInit = false;
                foreach (ISymbol member in type.GetMembers())
                {
                    switch (member)
                    {
                        case IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion }:
                        case IMethodSymbol { Name: "GetEnumerator" or "Dispose" or "DisposeAsync" or "Deconstruct" or "GetAwaiter" or "Add" }:
                        case IPropertySymbol { IsIndexer: true }:
                            implicitCalls = true;
                            break;
                        case IMethodSymbol { MethodKind: MethodKind.StaticConstructor }:
                            staticInit = true;
                            break;
                        case IFieldSymbol { IsStatic: true, IsConst: false } field when HasInitializer(field, cancellationToken):
                            staticInit = true;
                            break;
                        case IPropertySymbol { IsStatic: true } property when HasInitializer(property, cancellationToken):
                            staticInit = true;
                            break;
                    }
                }

                if (implicitCalls)
                {
                    interesting.Add(type);
                    AddSourceName(type.Name);
                }

                if (staticInit)
                {
                    _staticInitTypes.Add(type.Name);
                }
            }

            foreach (INamedTypeSymbol type in sourceTypes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool simulationObject = markers.IsSimulationType(type) || held.IsHeld(type) || held.IsSimulationBase(type) || held.IsStaticallyHeld(type); // its fields outlive a rollback
                foreach (ISymbol member in type.GetMembers())
                {
                    if (member.IsImplicitlyDeclared || !IsDeclaredByHand(member, generated))
                    {
                        continue;
                    }

                    switch (member)
                    {
                        case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.DelegateInvoke } method:
                            _callNames.Add(method.Name); // a call into the project (a rule trigger only if the name is one too)
                            break;
                        case IMethodSymbol:
                            break; // constructors, operators, accessors: reached through their type or member
                        case IPropertySymbol property:
                            if (!IsAutoProperty(property, cancellationToken) || property.IsStatic || markers.IsIgnored(property) || Mentions(property.Type, interesting, 0))
                            {
                                AddSourceName(property.Name);
                            }

                            break;
                        case IEventSymbol @event:
                            AddSourceName(@event.Name);
                            break;
                        case IFieldSymbol { IsConst: false } field:
                            if ((field.IsStatic && (!field.IsReadOnly || !field.Type.IsValueType)) ||
                                (simulationObject && !field.IsStatic) ||
                                markers.IsIgnored(field) ||
                                Mentions(field.Type, interesting, 0))
                            {
                                AddSourceName(field.Name);
                            }

                            break;
                    }

                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } m && Mentions(m.ReturnType, interesting, 0))
                    {
                        AddSourceName(m.Name);
                    }
                }
            }
        }

        private void AddSourceName(string name)
        {
            _names.Add(name);
            _sourceRuleNames.Add(name);
        }

        /// <summary>Whether one declaration of the member is outside generated code (generated bodies are never analyzed).</summary>
        private static bool IsDeclaredByHand(ISymbol member, Func<SyntaxTree, bool> generated)
        {
            foreach (Location location in member.Locations)
            {
                if (location.SourceTree is { } tree && !generated(tree))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasInitializer(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
            {
                SyntaxNode node = reference.GetSyntax(cancellationToken);
                if (node is VariableDeclaratorSyntax { Initializer: not null } || node is PropertyDeclarationSyntax { Initializer: not null })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors })
                {
                    return false;
                }

                foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>Whether the type is, or is built from (arrays, type arguments, tuples), one of the interesting types.</summary>
        private static bool Mentions(ITypeSymbol type, HashSet<ITypeSymbol> interesting, int depth)
        {
            if (depth > 6)
            {
                return false;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    return Mentions(array.ElementType, interesting, depth + 1);
                case INamedTypeSymbol named:
                    if (interesting.Contains(named.OriginalDefinition) || named.TypeKind == TypeKind.Delegate)
                    {
                        return true;
                    }

                    for (INamedTypeSymbol? t = named.BaseType; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType)
                    {
                        if (interesting.Contains(t.OriginalDefinition))
                        {
                            return true;
                        }
                    }

                    foreach (ITypeSymbol argument in named.TypeArguments)
                    {
                        if (Mentions(argument, interesting, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                case IDynamicTypeSymbol:
                    return true;
                default:
                    return type.SpecialType == SpecialType.System_Object;
            }
        }

        private static readonly HashSet<string> s_keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "float", "double", "string", "object", "async", "await", "with", "from", "typeof", "lock", "dynamic",
        };

        /// <summary>
        /// What the text of a body (with its declaration) may hold: nothing a rule or the call graph needs, only calls
        /// into the project (their positions are added to <paramref name="calls"/>), or something that needs the body
        /// bound. Scans the source text, not the syntax tree, so that a body that is skipped costs no syntax nodes
        /// either; words in comments and strings can only make it bind more, never less.
        /// </summary>
        public BodyNeed Scan(SyntaxNode node, List<int> calls)
        {
            calls.Clear();
            if (_bindEverything)
            {
                return BodyNeed.Bind;
            }

            SourceText text = node.SyntaxTree.GetText();
            TextSpan span = node.Span;
            int end = span.End;
            string previousWord = string.Empty;
            int i = span.Start;
            var word = new System.Text.StringBuilder(32);
            while (i < end)
            {
                char c = text[i];
                if (char.IsLetter(c) || c == '_' || c == '@')
                {
                    int start = i;
                    word.Clear();
                    while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '@'))
                    {
                        if (text[i] != '@')
                        {
                            word.Append(text[i]);
                        }

                        i++;
                    }

                    string w = word.ToString();
                    bool declaresName = IsDeclaredName(text, start, i, end, previousWord);
                    if (!declaresName && (_names.Contains(w) || s_keywords.Contains(w) || w.EndsWith("Async", StringComparison.Ordinal)) && !IsHarmlessUse(w, text, start, i, end, previousWord))
                    {
                        return BodyNeed.Bind;
                    }

                    if (_constructedTypes.Contains(w) && previousWord == "new")
                    {
                        return BodyNeed.Bind;
                    }

                    if (w == "new" && NextNonSpace(text, i, end) == '(')
                    {
                        return BodyNeed.Bind; // new(): the type is not written, it may be one of the project's
                    }

                    if (!declaresName && _callNames.Contains(w))
                    {
                        calls.Add(start); // resolved by name when every such word is a plain call (see CallResolver)
                    }
                    else if (_staticInitTypes.Contains(w) && i < end && text[i] == '.')
                    {
                        calls.Add(start); // "Type." runs the type's static initialization: resolved with the call after it
                    }

                    previousWord = w;
                    continue;
                }

                if (char.IsDigit(c))
                {
                    // 1.5, 1e3, 2f, 3d (but not 1.5m, 0x1F, 10L)
                    bool hex = c == '0' && i + 1 < end && (text[i + 1] == 'x' || text[i + 1] == 'X' || text[i + 1] == 'b' || text[i + 1] == 'B');
                    bool floating = false;
                    while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || (text[i] == '.' && i + 1 < end && char.IsDigit(text[i + 1]))))
                    {
                        char d = text[i];
                        if (!hex && (d == '.' || d == 'e' || d == 'E' || d == 'f' || d == 'F' || d == 'd' || d == 'D'))
                        {
                            floating = true;
                        }

                        if (!hex && (d == 'm' || d == 'M'))
                        {
                            floating = false; // decimal literal
                            i++;
                            break;
                        }

                        i++;
                    }

                    if (floating)
                    {
                        return BodyNeed.Bind;
                    }

                    previousWord = string.Empty;
                    continue;
                }

                if (c == '$' && i + 1 < end && (text[i + 1] == '"' || text[i + 1] == '@'))
                {
                    return BodyNeed.Bind; // an interpolated string
                }

                if (c == '"' && IsNextToPlus(text, i, span.Start, end))
                {
                    return BodyNeed.Bind; // "score: " + n
                }

                if (!char.IsWhiteSpace(c))
                {
                    previousWord = c == '.' ? previousWord : string.Empty;
                }

                i++;
            }

            return calls.Count > 0 ? BodyNeed.Calls : BodyNeed.None;
        }

        /// <summary>
        /// Uses of a trigger word that cannot be what the rules look for: <c>from</c> not followed by a range variable
        /// (an identifier named <c>from</c>, not a query), <c>with</c> not followed by <c>{</c>, and Rollback's own
        /// <c>Fixed64.Half</c> (not <c>System.Half</c>) when the project declares no <c>Fixed64</c> of its own.
        /// </summary>
        private bool IsHarmlessUse(string word, SourceText text, int start, int afterWord, int end, string previousWord)
        {
            switch (word)
            {
                case "from":
                    char next = NextNonSpace(text, afterWord, end);
                    return !(char.IsLetter(next) || next == '_' || next == '@');
                case "with":
                    return NextNonSpace(text, afterWord, end) != '{';
                case "Half":
                    return previousWord == "Fixed64" && PreviousNonSpace(text, start) == '.' && !_constructedTypes.Contains("Fixed64") && !_sourceRuleNames.Contains(word);
                default:
                    return false;
            }
        }

        /// <summary>Whether a word is the name a declaration declares (<c>int Step(</c>, <c>Unit unit</c>), not a reference.</summary>
        private static bool IsDeclaredName(SourceText text, int start, int afterWord, int end, string previousWord)
        {
            if (previousWord.Length == 0 || s_keywordsBeforeReferences.Contains(previousWord))
            {
                return false;
            }

            // "Type name" followed by '(' ',' ')' '=' ';' ':' is a declaration of 'name' (method, parameter, local, field)
            char next = NextNonSpace(text, afterWord, end);
            char before = PreviousNonSpace(text, start);
            return char.IsLetterOrDigit(before) || before == '>' || before == ']' || before == '?'
                ? next is '(' or ',' or ')' or '=' or ';' or ':' or '\0' or '{'
                : false;
        }

        private static readonly HashSet<string> s_keywordsBeforeReferences = new HashSet<string>(StringComparer.Ordinal)
        {
            "return", "new", "in", "is", "as", "await", "throw", "case", "else", "yield", "out", "ref", "using", "typeof", "nameof", "sizeof", "default", "when", "and", "or", "not",
        };

        private static char NextNonSpace(SourceText text, int i, int end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            return i < end ? text[i] : '\0';
        }

        private static char PreviousNonSpace(SourceText text, int i)
        {
            i--;
            while (i >= 0 && char.IsWhiteSpace(text[i]))
            {
                i--;
            }

            return i >= 0 ? text[i] : '\0';
        }

        private static bool IsNextToPlus(SourceText text, int quote, int start, int end)
        {
            if (PreviousNonSpace(text, quote) == '+' && quote > start)
            {
                return true;
            }

            int i = quote + 1;
            while (i < end && text[i] != '"' && text[i] != '\n')
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            return NextNonSpace(text, i + 1, end) == '+';
        }
    }
}
