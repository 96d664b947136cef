using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Tests.Console;
using OpsBot.Scheduling;

namespace OpsBot.Tests.Jobs;

/// <summary>The Hangfire dashboard at /jobs behind the console's door; read-only unless an admin's session.</summary>
public sealed class JobsDashboardTests
{
    private const string Token = "console-token-for-jobs-dashboard-tests";

    [Fact]
    public async Task Dashboard_WithATokenConfigured_RefusesAnonymousAndAcceptsTheBearerToken()
    {
        await using var host = new OpsBotHost(("Console:Token", Token));
        var client = host.CreateClient();

        var anonymous = await client.GetAsync(new Uri("/jobs", UriKind.Relative));
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/jobs/recurring");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var allowed = await client.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var page = await allowed.Content.ReadAsStringAsync();
        Assert.Contains("OpsBot jobs", page, StringComparison.Ordinal);
        Assert.DoesNotContain("js-jobs-list-command", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_ForAnAdmin_ShowsTheCommands_AndForAnSre_IsReadOnly()
    {
        await using var host = new OpsBotHost(
            services => services.AddSingleton<IScheduledJob>(new RecordingJob("test:hourly", "0 * * * *")),
            ("Console:Token", Token),
            ("Authorization:Users:3:Id", "console:dana"), ("Authorization:Users:3:Roles:0", "admin"));
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        var admin = await RecurringPageAsync(client, "dana");
        var sre = await RecurringPageAsync(client, "alice");

        Assert.Contains("js-jobs-list-command", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("js-jobs-list-command", sre, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_WithoutTheToken_OrWithABadUser_IsRefused()
    {
        await using var host = new OpsBotHost(("Console:Token", Token));
        var client = host.CreateClient();

        var noToken = await client.PostAsJsonAsync("/api/console/jobs/session", new { user = "alice" });
        using var badUser = new HttpRequestMessage(HttpMethod.Post, "/api/console/jobs/session") { Content = JsonContent.Create(new { user = "<script>" }) };
        badUser.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var refused = await client.SendAsync(badUser);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        forged.Headers.Add("Cookie", "OpsBot.Jobs=eyJ4IjoxfQ.00");
        var forgedAnswer = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("console user name", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
    }

    private static async Task<string> RecurringPageAsync(HttpClient client, string user)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/console/jobs/session") { Content = JsonContent.Create(new { user }) };
        login.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var session = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var cookie = session.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var page = new HttpRequestMessage(HttpMethod.Get, "/jobs/recurring");
        page.Headers.Add("Cookie", cookie);
        var answer = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }
}
