using System;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Xunit;

namespace Rollback.Generators.Tests
{
    /// <summary>
    /// The netstandard2.1 build of the runtime (the one Unity uses) and its net8.0 build (what these tests
    /// reference) multiply Fixed64 values bit for bit the same. The netstandard2.1 Rollback.Runtime.dll is loaded
    /// into its own AssemblyLoadContext and both builds' operators run on the same million operand pairs.
    /// </summary>
    public class Fixed64CrossBuildTests
    {
        private static readonly string PortablePath = Path.Combine(AppContext.BaseDirectory, "netstandard2.1", "Rollback.Runtime.dll");

        [Fact]
        public void NetStandardAndNet8Builds_MultiplyAMillionPairsIdentically()
        {
            // Not collectible: the compiled caller below references the loaded build's types.
            var context = new AssemblyLoadContext("rollback-netstandard2.1");
            {
                Assembly portable = context.LoadFromAssemblyPath(PortablePath);
                Assert.Contains(".NETStandard,Version=v2.1", portable.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName);
                Assembly native = typeof(Fixed64).Assembly;
                Assert.Contains(".NETCoreApp,Version=v8.0", native.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName);
                Assert.NotSame(native, portable);

                Func<long, long, long> portableMultiply = MultiplyOf(portable.GetType("Rollback.Fixed64", throwOnError: true)!);
                Func<long, long, long> nativeMultiply = (a, b) => (Fixed64.FromRaw(a) * Fixed64.FromRaw(b)).RawValue;

                // Sanity: the loaded build computes, and both agree with a known product.
                Assert.Equal(Fixed64.FromInt(6).RawValue, portableMultiply(Fixed64.FromInt(2).RawValue, Fixed64.FromInt(3).RawValue));

                var random = new DeterministicRandom(20261203);
                int differences = 0;
                string? first = null;
                for (int i = 0; i < 1_000_000; i++)
                {
                    long a = Operand(ref random, i);
                    long b = Operand(ref random, i >> 1);
                    long expected = nativeMultiply(a, b);
                    long actual = portableMultiply(a, b);
                    if (expected != actual)
                    {
                        differences++;
                        first ??= $"{a} * {b}: net8.0 {expected}, netstandard2.1 {actual}";
                    }
                }

                Assert.True(differences == 0, $"{differences} products differ, first {first}");
            }
        }

        /// <summary>Operands of every magnitude and sign, exact halves (rounding ties) and the extremes.</summary>
        private static long Operand(ref DeterministicRandom random, int i)
        {
            long raw = (long)random.NextUInt64();
            switch (i % 6)
            {
                case 0: return raw;                                     // anything, overflow included
                case 1: return raw >> random.NextInt(1, 64);            // every magnitude
                case 2: return (raw >> 40) << 31;                       // products with an exact half
                case 3: return i % 12 == 3 ? long.MinValue : long.MaxValue;
                case 4: return random.NextInt(-3, 4);                   // ulps
                default: return (raw >> 33) << 32;                      // whole numbers
            }
        }

        /// <summary>(a, b) => (Fixed64.FromRaw(a) * Fixed64.FromRaw(b)).RawValue, compiled against the given build's Fixed64.</summary>
        private static Func<long, long, long> MultiplyOf(Type fixed64)
        {
            MethodInfo fromRaw = fixed64.GetMethod("FromRaw", new[] { typeof(long) })!;
            MethodInfo multiply = fixed64.GetMethod("op_Multiply", new[] { fixed64, fixed64 })!;
            FieldInfo raw = fixed64.GetField("RawValue")!;
            var method = new DynamicMethod("MultiplyInOtherBuild", typeof(long), new[] { typeof(long), typeof(long) }, typeof(Fixed64CrossBuildTests).Module, skipVisibility: true);
            ILGenerator il = method.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, fromRaw);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Call, fromRaw);
            il.Emit(OpCodes.Call, multiply);
            il.Emit(OpCodes.Ldfld, raw);
            il.Emit(OpCodes.Ret);
            return (Func<long, long, long>)method.CreateDelegate(typeof(Func<long, long, long>));
        }
    }
}
