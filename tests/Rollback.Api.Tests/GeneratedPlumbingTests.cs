using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Rollback.Api.Tests
{
    [RollbackState]
    public partial class PlumbingWorld
    {
        public int Tick;
        public PlumbingUnit? Leader = new PlumbingUnit();
        public List<PlumbingUnit> Units = new List<PlumbingUnit>();
        public PlumbingBody Body;
    }

    [RollbackState]
    public partial class PlumbingUnit
    {
        public int Health;
    }

    [RollbackState]
    public partial struct PlumbingBody
    {
        public long X;
    }

    /// <summary>
    /// Generated code must expose some public members on the user's own types so that nested states can save and
    /// restore each other. Those members share one prefix (<c>Rollback</c>) and are hidden from IntelliSense, so a
    /// user's type shows only its own members and the documented <see cref="IRollbackState"/> ones.
    /// </summary>
    public class GeneratedPlumbingTests
    {
        private static readonly HashSet<string> Documented = new HashSet<string>(StringComparer.Ordinal)
        {
            "Frame", "StepNum", "Episode", "SnapshotSize", "Save", "Restore", "Checksum", "FirstDifference", "Differences",
        };

        public static IEnumerable<object[]> StateTypes() => new[]
        {
            new object[] { typeof(PlumbingWorld) }, new object[] { typeof(PlumbingUnit) }, new object[] { typeof(PlumbingBody) },
        };

        [Theory]
        [MemberData(nameof(StateTypes))]
        public void GeneratedPublicMembersBeyondTheDocumentedOnesArePrefixedAndHidden(Type state)
        {
            var userDeclared = new HashSet<string>(state.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name), StringComparer.Ordinal);
            MemberInfo[] generated = state.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !(m is MethodBase method && (method.IsSpecialName || method is ConstructorInfo)))
                .Where(m => !userDeclared.Contains(m.Name) && !Documented.Contains(m.Name))
                .Where(m => !IsObjectOverride(m))
                .ToArray();

            Assert.NotEmpty(generated);
            foreach (MemberInfo member in generated)
            {
                Assert.True(member.Name.StartsWith("Rollback", StringComparison.Ordinal), $"{state.Name}.{member.Name} is generated plumbing without the Rollback prefix");
                EditorBrowsableAttribute? browsable = member.GetCustomAttribute<EditorBrowsableAttribute>();
                Assert.True(browsable?.State == EditorBrowsableState.Never, $"{state.Name}.{member.Name} is generated plumbing but shows in IntelliSense");
            }
        }

        [Theory]
        [MemberData(nameof(StateTypes))]
        public void TheDocumentedMembersAreVisible(Type state)
        {
            foreach (string name in new[] { "Frame", "StepNum", "Episode", "SnapshotSize", "Save", "Restore", "Checksum", "FirstDifference" })
            {
                MemberInfo member = state.GetMember(name, BindingFlags.Public | BindingFlags.Instance).Single();
                Assert.Null(member.GetCustomAttribute<EditorBrowsableAttribute>());
            }
        }

        [Fact]
        public void TheCounterSetterIsOnlyReachableThroughItsInterface()
        {
            Assert.Null(typeof(PlumbingWorld).GetMethod("SetCounters", BindingFlags.Public | BindingFlags.Instance));
            Assert.True(typeof(IRollbackCounters).IsAssignableFrom(typeof(PlumbingWorld)));
        }

        private static bool IsObjectOverride(MemberInfo member) =>
            member is MethodInfo method && method.GetBaseDefinition().DeclaringType == typeof(object);
    }
}
