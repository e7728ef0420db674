using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using Rollback.Snapshots;
using Xunit;

namespace Rollback.Api.Tests
{
    /// <summary>
    /// The shipped assemblies' public surface is tracked as approved text: any change to a public type or member is a
    /// visible diff of <c>Approved/*.txt</c> in review. Accept an intended change with <c>ROLLBACK_ACCEPT_API=1</c>.
    /// </summary>
    public class PublicApiApprovalTests
    {
        [Fact]
        public void TheRuntimePublicSurfaceMatchesTheApprovedText()
        {
            ApprovedText.Verify("Rollback.Runtime.api", PublicApiText.Of(typeof(IRollbackState).Assembly));
        }

        [Fact]
        public void TheLiteNetLibTransportPublicSurfaceMatchesTheApprovedText()
        {
            ApprovedText.Verify("Rollback.LiteNetLib.api", PublicApiText.Of(typeof(Rollback.LiteNetLib.LiteNetLibTransport).Assembly));
        }

        [Fact]
        public void SnapshotPlumbingTheGeneratorCallsIsHiddenFromIntelliSense()
        {
            // Everything in Rollback.Snapshots exists for generated code, except the exceptions users catch.
            Type[] plumbing = typeof(IRollbackState).Assembly.GetTypes()
                .Where(t => t.IsPublic && t.Namespace == "Rollback.Snapshots" && !typeof(Exception).IsAssignableFrom(t))
                .ToArray();
            Assert.Contains(typeof(SnapshotWriter), plumbing);
            Assert.Contains(typeof(SnapshotReader), plumbing);
            foreach (Type type in plumbing.Append(typeof(IRollbackCounters)))
            {
                EditorBrowsableAttribute? browsable = type.GetCustomAttribute<EditorBrowsableAttribute>();
                Assert.True(browsable?.State == EditorBrowsableState.Never, type.FullName + " is generator plumbing but shows in IntelliSense");
            }
        }

        [Fact]
        public void TheApiTextChangesWhenAPublicMemberChanges()
        {
            // The text is built from what a consumer sees: a public member appears, an internal one does not.
            string text = PublicApiText.Of(typeof(PublicApiApprovalTests).Assembly);
            Assert.Contains("public class Rollback.Api.Tests.PublicApiApprovalTests", text);
            Assert.Contains("  public void TheRuntimePublicSurfaceMatchesTheApprovedText()", text);
            Assert.DoesNotContain("Rollback.Api.Tests.PublicApiText", text);
            Assert.DoesNotContain("Rollback.Api.Tests.ApprovedText", text);
        }
    }
}
