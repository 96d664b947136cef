using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

public sealed class ActorTests
{
    [Fact]
    public void IsSameUser_SameIdInAnotherChannelOrCase_IsTheSamePerson()
    {
        Assert.True(new Actor("slack", "U0ALICE", "C1").IsSameUser(new Actor("slack", "u0alice", "C2")));
    }

    [Fact]
    public void IsSameUser_IdsOnTwoPlatformsWithOnePerson_AreTheSamePerson()
    {
        var slack = new Actor("slack", "U0ALICE", "C1") { Person = "alice@example.com" };
        var teams = new Actor("teams", "aad-alice", "19:x") { Person = "Alice@Example.com" };

        Assert.True(slack.IsSameUser(teams));
        Assert.True(teams.IsSameUser(slack));
    }

    [Fact]
    public void IsSameUser_DifferentIdsWithoutOrWithDifferentPersons_AreDifferentPeople()
    {
        Assert.False(new Actor("slack", "U0ALICE", "C1").IsSameUser(new Actor("teams", "aad-alice", "C1")));
        Assert.False(new Actor("slack", "U0ALICE", "C1") { Person = "alice@example.com" }.IsSameUser(new Actor("teams", "aad-bob", "C1") { Person = "bob@example.com" }));
        Assert.False(new Actor("slack", "U0ALICE", "C1") { Person = "alice@example.com" }.IsSameUser(new Actor("teams", "aad-alice", "C1")));
    }
}
