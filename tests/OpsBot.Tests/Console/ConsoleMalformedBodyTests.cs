using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBot.Audit;
using OpsBot.Tests.Chat;

namespace OpsBot.Tests.Console;

/// <summary>Console API bodies of the wrong shape: a 400 with the reason, logged once as a warning, and nothing runs.</summary>
public sealed class ConsoleMalformedBodyTests : IAsyncLifetime
{
    private readonly LogRecorder _logs = new();
    private OpsBotHost _host = null!;

    public static TheoryData<string, string, string> Bodies => new()
    {
        { "/api/console/commands", "{\"text\":5,\"user\":\"alice\"}", "\"text\" must be a string, not a number" },
        { "/api/console/commands", "{\"text\":\"/k8s pods\",\"user\":[\"alice\"]}", "\"user\" must be a string, not an array" },
        { "/api/console/commands", "{\"text\":\"/k8s pods\",\"user\":\"alice\",\"channel\":{\"id\":\"x\"}}", "\"channel\" must be a string, not an object" },
        { "/api/console/commands", "{\"text\":\"/k8s pods\",\"user\":\"alice\",\"user\":\"bob\"}", "Duplicate property 'user'" },
        { "/api/console/commands", "[{\"text\":\"/k8s pods\",\"user\":\"alice\"}]", "must be a JSON object, not an array" },
        { "/api/console/commands", "\"/k8s pods\"", "must be a JSON object, not a string" },
        { "/api/console/commands", "{\"text\":\"/k8s pods\",", "not valid JSON" },
        { "/api/console/commands", "", "not valid JSON" },
        { "/api/console/actions", "{\"actionId\":\"command.run\",\"value\":5,\"user\":\"bob\"}", "\"value\" must be a string, not a number" },
        { "/api/console/actions", "{\"actionId\":[\"command.run\"],\"value\":\"/k8s pods\",\"user\":\"bob\"}", "\"actionId\" must be a string, not an array" },
        { "/api/console/actions", "{\"actionId\":\"command.run\",\"value\":\"/k8s pods\",\"user\":\"bob\",\"messageId\":42}", "\"messageId\" must be a string, not a number" },
        { "/api/console/actions", "{\"actionId\":\"command.run\",\"actionId\":\"x\",\"value\":\"/k8s pods\",\"user\":\"bob\"}", "Duplicate property 'actionId'" },
    };

    public async Task InitializeAsync()
    {
        _host = new OpsBotHost(services => services.AddSingleton<ILoggerProvider>(_logs));
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_BodyOfTheWrongShape_Is400WithTheReasonAndNothingRuns(string path, string body, string reason)
    {
        using var http = _host.CreateClient();

        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (string?)JsonNode.Parse(text)?["error"], StringComparison.Ordinal);
        var warning = Assert.Single(_logs.Warnings("Refused a console request"));
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery()));
    }
}
