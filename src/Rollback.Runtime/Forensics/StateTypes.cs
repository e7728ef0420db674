using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Rollback.Snapshots;

namespace Rollback.Forensics
{
    /// <summary>
    /// Finds <see cref="RollbackStateAttribute"/> types at run time: the schema id a snapshot was written with, the
    /// schema id of a type, and the type in an assembly that matches a snapshot. Used by tools that load a game's
    /// assembly to decode its snapshots.
    /// </summary>
    public static class StateTypes
    {
        /// <summary>What reflection reads of a state type: its constructors (to create an empty instance) and properties (its schema id).</summary>
        internal const DynamicallyAccessedMemberTypes ReflectedMembers =
            DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors
            | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties;

        /// <summary>The schema id stored in a snapshot's header.</summary>
        /// <param name="snapshot">Bytes written by <see cref="IRollbackState.Save"/>.</param>
        /// <returns>The schema id.</returns>
        /// <exception cref="SnapshotFormatException">The bytes are not a snapshot or are shorter than its header.</exception>
        public static ulong SchemaIdOfSnapshot(ReadOnlySpan<byte> snapshot)
        {
            if (snapshot.Length < SnapshotEncoding.HeaderSize)
            {
                throw new SnapshotFormatException($"Not a snapshot: {snapshot.Length} bytes is shorter than the {SnapshotEncoding.HeaderSize}-byte snapshot header.");
            }

            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(snapshot);
            if (magic != SnapshotEncoding.Magic)
            {
                throw new SnapshotFormatException($"Not a snapshot: magic 0x{magic:X8}, expected 0x{SnapshotEncoding.Magic:X8}.");
            }

            return BinaryPrimitives.ReadUInt64LittleEndian(snapshot.Slice(4));
        }

        /// <summary>The schema id of a generated state type (a hash of its name and member layout).</summary>
        /// <param name="stateType">A <c>[RollbackState]</c> type.</param>
        /// <returns>The schema id.</returns>
        /// <exception cref="ArgumentException">The type is not a generated state type.</exception>
        public static ulong SchemaIdOf([DynamicallyAccessedMembers(StateTypes.ReflectedMembers)] Type stateType)
        {
            if (stateType is null)
            {
                throw new ArgumentNullException(nameof(stateType));
            }

            PropertyInfo? property = stateType.GetProperty("RollbackSchemaId", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            if (property is null || property.PropertyType != typeof(ulong) || !typeof(IRollbackState).IsAssignableFrom(stateType))
            {
                throw new ArgumentException($"{stateType} is not a [RollbackState] type.", nameof(stateType));
            }

            object instance = RuntimeHelpers.GetUninitializedObject(stateType);
            return (ulong)property.GetValue(instance)!;
        }

        /// <summary>The root state types of an assembly (classes marked <c>[RollbackState]</c>).</summary>
        /// <param name="assembly">The game's assembly.</param>
        /// <returns>The types, in metadata order.</returns>
        [RequiresUnreferencedCode("Finds state types by enumerating an assembly's types; meant for tools that load a game's assembly, not for trimmed games.")]
        public static IReadOnlyList<Type> In(Assembly assembly)
        {
            if (assembly is null)
            {
                throw new ArgumentNullException(nameof(assembly));
            }

            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.Where(t => t is not null).ToArray()!;
            }

            return types
                .Where(t => !t.IsAbstract && !t.ContainsGenericParameters && typeof(IRollbackState).IsAssignableFrom(t) && t.IsDefined(typeof(RollbackStateAttribute), false))
                .ToArray();
        }

        /// <summary>The state type of <paramref name="assembly"/> whose schema id is <paramref name="schemaId"/>, or null.</summary>
        /// <param name="assembly">The game's assembly.</param>
        /// <param name="schemaId">The schema id from a snapshot (<see cref="SchemaIdOfSnapshot"/>).</param>
        /// <returns>The type, or <see langword="null"/> when none matches (another version of the game, or another game).</returns>
        [RequiresUnreferencedCode("Finds state types by enumerating an assembly's types; meant for tools that load a game's assembly, not for trimmed games.")]
        public static Type? FindBySchemaId(Assembly assembly, ulong schemaId)
        {
            foreach (Type type in In(assembly))
            {
                if (SchemaIdOf(type) == schemaId)
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>An empty instance to restore a snapshot into: the parameterless constructor, or an uninitialized instance when there is none.</summary>
        /// <param name="stateType">A <c>[RollbackState]</c> type.</param>
        /// <returns>The instance.</returns>
        public static IRollbackState CreateInstance([DynamicallyAccessedMembers(StateTypes.ReflectedMembers)] Type stateType)
        {
            if (stateType is null)
            {
                throw new ArgumentNullException(nameof(stateType));
            }

            if (!typeof(IRollbackState).IsAssignableFrom(stateType))
            {
                throw new ArgumentException($"{stateType} is not a [RollbackState] type.", nameof(stateType));
            }

            ConstructorInfo? constructor = stateType.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, Type.EmptyTypes, null);
            object instance = constructor is not null ? constructor.Invoke(null) : RuntimeHelpers.GetUninitializedObject(stateType);
            return (IRollbackState)instance;
        }
    }
}
