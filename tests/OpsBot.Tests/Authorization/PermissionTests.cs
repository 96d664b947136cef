using OpsBot.Authorization;

namespace OpsBot.Tests.Authorization;

public sealed class PermissionTests
{
    [Theory]
    [InlineData(Permission.Admin, Permission.Act, true)]
    [InlineData(Permission.Act, Permission.Read, true)]
    [InlineData(Permission.Read, Permission.Act, false)]
    [InlineData(Permission.Act, Permission.Approve, false)]
    [InlineData(Permission.Triage, Permission.Triage, true)]
    public void Covers_PermissionHierarchy(Permission granted, Permission required, bool expected)
    {
        Assert.Equal(expected, granted.Covers(required));
    }
}
