using System.Net;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Access;

/// <summary>The access and token reviews in JSON, as clients other than kubectl send them.</summary>
public sealed class AccessReviewTests
{
    private const string Binding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: deployment-scaler}
        rules: [{apiGroups: [apps], resources: [deployments/scale], verbs: [patch]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: opsbot-scaler}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployment-scaler}
        subjects: [{kind: ServiceAccount, name: opsbot, namespace: opsbot}]
        """;

    [Fact]
    public async Task SelfSubjectAccessReview_Allowed_SaysWhichBindingAllowsIt()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(Binding);
        var sa = c.ClientWith(c.TokenFor());

        var (status, review) = await sa.SendAsync(
            HttpMethod.Post,
            "apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"shop","verb":"patch","group":"apps","resource":"deployments","subresource":"scale","name":"web"}}}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("true", review.Str("status.allowed"));
        Assert.Equal(
            "RBAC: allowed by ClusterRoleBinding \"opsbot-scaler\" of ClusterRole \"deployment-scaler\" to ServiceAccount \"opsbot/opsbot\"",
            review.Str("status.reason"));
    }

    [Fact]
    public async Task SelfSubjectAccessReview_BothOrNeitherAttributes_IsInvalid()
    {
        await using var c = await AccessCluster.StartAsync();

        var (status, body) = await c.Admin.SendAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectaccessreviews", """{"spec":{}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.StartsWith("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value", body.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectAccessReview_ForAnotherUser_NeedsCreateOnSubjectAccessReviews()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(Binding);
        const string Review = """{"spec":{"user":"system:serviceaccount:opsbot:opsbot","groups":["system:serviceaccounts"],"resourceAttributes":{"namespace":"shop","verb":"patch","group":"apps","resource":"deployments","subresource":"scale"}}}""";

        var (adminStatus, adminReview) = await c.Admin.SendAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/subjectaccessreviews", Review);
        var (saStatus, _) = await c.ClientWith(c.TokenFor()).SendAsync(HttpMethod.Post, "apis/authorization.k8s.io/v1/subjectaccessreviews", Review);

        Assert.Equal((HttpStatusCode.Created, "true"), (adminStatus, adminReview.Str("status.allowed")));
        Assert.Equal(HttpStatusCode.Forbidden, saStatus);
    }

    [Fact]
    public async Task TokenReview_ServiceAccountToken_ReturnsItsUser()
    {
        await using var c = await AccessCluster.StartAsync();
        var token = c.TokenFor();

        var (_, valid) = await c.Admin.SendAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/tokenreviews", "{\"spec\":{\"token\":\"" + token + "\"}}");
        var (_, invalid) = await c.Admin.SendAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/tokenreviews", """{"spec":{"token":"nope"}}""");

        Assert.Equal(("true", AccessCluster.ServiceAccountUser), (valid.Str("status.authenticated"), valid.Str("status.user.username")));
        Assert.StartsWith("JTI=", valid!["status"]!["user"]!["extra"]!["authentication.kubernetes.io/credential-id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", invalid.Str("status.authenticated"));
        Assert.Equal("[invalid bearer token, token lookup failed]", invalid.Str("status.error"));
    }
}
