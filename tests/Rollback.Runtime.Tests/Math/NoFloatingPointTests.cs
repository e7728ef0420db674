using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Xunit;

namespace Rollback.Runtime.Tests.DeterministicMath
{
    /// <summary>
    /// Guards the "no float/double on the computation path" rule by decoding the IL of every method of the
    /// math types: no floating-point constants, conversions, locals, or calls that take or return floating
    /// point. The single exception is <see cref="Fixed64.ToDouble"/>, which exists for display only.
    /// </summary>
    public class NoFloatingPointTests
    {
        private static readonly Type[] MathTypes =
        {
            typeof(Fixed64), typeof(FixedMath), typeof(FixedVector2), typeof(DeterministicRandom), typeof(WideArithmetic),
        };

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        private static readonly HashSet<short> FloatingOpCodes = new HashSet<short>
        {
            OpCodes.Ldc_R4.Value, OpCodes.Ldc_R8.Value, OpCodes.Conv_R4.Value, OpCodes.Conv_R8.Value,
            OpCodes.Conv_R_Un.Value, OpCodes.Ldind_R4.Value, OpCodes.Ldind_R8.Value, OpCodes.Stind_R4.Value,
            OpCodes.Stind_R8.Value, OpCodes.Ldelem_R4.Value, OpCodes.Ldelem_R8.Value, OpCodes.Stelem_R4.Value,
            OpCodes.Stelem_R8.Value, OpCodes.Ckfinite.Value,
        };

        [Fact]
        public void Math_types_use_no_floating_point_outside_ToDouble()
        {
            var violations = new List<string>();
            int checkedMethods = 0;
            foreach (Type type in MathTypes)
            {
                const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
                IEnumerable<MethodBase> methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
                foreach (MethodBase method in methods)
                {
                    if (method.Name == nameof(Fixed64.ToDouble) && method.DeclaringType == typeof(Fixed64))
                    {
                        continue;
                    }

                    MethodBody? body = method.GetMethodBody();
                    if (body == null)
                    {
                        continue;
                    }

                    checkedMethods++;
                    string name = $"{type.Name}.{method.Name}";
                    if (IsFloating(method is MethodInfo mi ? mi.ReturnType : null) || method.GetParameters().Any(p => IsFloating(p.ParameterType)))
                    {
                        violations.Add($"{name}: floating-point signature");
                    }

                    if (body.LocalVariables.Any(l => IsFloating(l.LocalType)))
                    {
                        violations.Add($"{name}: floating-point local");
                    }

                    ScanIl(method, body.GetILAsByteArray()!, name, violations);
                }
            }

            Assert.True(checkedMethods > 50, $"only {checkedMethods} methods inspected");
            Assert.Empty(violations);
        }

        private static void ScanIl(MethodBase method, byte[] il, string name, List<string> violations)
        {
            int i = 0;
            while (i < il.Length)
            {
                short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                OpCode op = OpCodesByValue[value];
                if (FloatingOpCodes.Contains(op.Value))
                {
                    violations.Add($"{name}: {op.Name}");
                }

                if (op.OperandType == OperandType.InlineMethod)
                {
                    MethodBase? callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i),
                        method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
                    if (callee != null && (IsFloating((callee as MethodInfo)?.ReturnType) || callee.GetParameters().Any(p => IsFloating(p.ParameterType))))
                    {
                        violations.Add($"{name}: calls {callee.DeclaringType?.Name}.{callee.Name}");
                    }
                }

                i += OperandSize(op.OperandType, il, i);
            }
        }

        private static int OperandSize(OperandType type, byte[] il, int at) => type switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
            _ => 4,
        };

        private static bool IsFloating(Type? type)
        {
            while (type != null && (type.IsByRef || type.IsArray || type.IsPointer))
            {
                type = type.GetElementType();
            }

            return type == typeof(float) || type == typeof(double) || type == typeof(decimal);
        }
    }
}
