using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.Kubernetes;
using OpsBot.Testing.Slack;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Slack;
using OpsBot.Tests.Teams;
using k8s;

namespace OpsBot.Tests.CrossPlatform;

/// <summary>
/// A fake Slack, a fake Bot Framework channel and one OpsBot serving both; people act only through HTTP, as
/// Slack and Teams would send their actions: signed slash commands and <c>block_actions</c> to <c>/slack/*</c>,
/// signed activities and <c>Action.Execute</c> invokes to <c>/api/messages</c>.
/// </summary>
internal sealed partial class CrossPlatformWorld : IAsyncDisposable
{
    public const string SlackChannel = "C0INCIDENT";

    private readonly SlackRequestSigner _signer = new(SlackRequestSigner.TestSecret);
    private int _teamsMessages;

    private CrossPlatformWorld(FakeSlack slack, FakeBotFrameworkChannel teams, (string Key, string Value)[] settings)
    {
        Slack = slack;
        Teams = teams;
        Host = new CrossPlatformHost(slack, teams, settings);
        Http = Host.Client();
        Cluster = KubernetesClients.Create(KubeconfigLoader.Build(Host.KubeconfigPath));
    }

    public FakeSlack Slack { get; }

    public FakeBotFrameworkChannel Teams { get; }

    public CrossPlatformHost Host { get; }

    public HttpClient Http { get; }

    /// <summary>The embedded simulator, read with OpsBot's own client through the kubeconfig the host wrote.</summary>
    public IKubernetes Cluster { get; }

    /// <summary>Every card the Teams side was shown in an invoke response (the connector's calls hold the rest).</summary>
    public List<JsonObject> InvokeCards { get; } = [];

    /// <param name="settings">Configuration beside the host's own (alert channels, check options).</param>
    public static async Task<CrossPlatformWorld> StartAsync(params (string Key, string Value)[] settings)
    {
        var slack = await FakeSlack.StartAsync();
        var teams = await FakeBotFrameworkChannel.StartAsync();
        slack.Users["UALICE"] = "Alice";
        slack.Users["UBOB"] = "Bob";
        return new CrossPlatformWorld(slack, teams, settings);
    }

    /// <summary>A signed slash command (<c>/scale-hpa</c> + text) from <paramref name="user"/> in <see cref="SlackChannel"/>.</summary>
    public async Task SlackCommandAsync(string command, string text, string user)
    {
        var body = SlackRequestSigner.CommandForm(command, text, user, SlackChannel, Slack.NewResponseUrl(SlackChannel), SlackPayloads.NewTriggerId());
        using var response = await Http.SendAsync(_signer.Request("/slack/commands", body, Teams.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A signed <c>block_actions</c> press of <paramref name="actionId"/> on the channel message <paramref name="messageTs"/>.</summary>
    public async Task SlackPressAsync(string user, string actionId, string value, string messageTs)
    {
        var payload = SlackPayloads.BlockActions(user, SlackChannel, actionId, value, Slack.NewResponseUrl(SlackChannel), messageTs);
        using var response = await Http.SendAsync(_signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), Teams.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// A signed channel message <c>@OpsBot TEXT</c> from a Teams user: the first is the root of thread 1001,
    /// later ones are replies in that thread (each with its own activity id, as Teams sends them).
    /// </summary>
    public async Task TeamsMessageAsync(string text, string user)
    {
        var messageId = (1000 + Interlocked.Increment(ref _teamsMessages)).ToString(CultureInfo.InvariantCulture);
        var message = Activities.ChannelMessage(Teams, "<at>OpsBot</at> " + text, messageId, user, threadRoot: "1001");
        using var response = await Activities.PostSignedAsync(Http, Teams, message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A signed <c>Action.Execute</c> invoke on the card <paramref name="cardId"/>; returns the invoke response.</summary>
    public async Task<JsonObject> TeamsPressAsync(string user, string actionId, string value, string cardId)
    {
        using var response = await Activities.PostSignedAsync(Http, Teams, Activities.Execute(Teams, actionId, value, cardId, user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        if ((string?)answer["type"] == "application/vnd.microsoft.card.adaptive")
        {
            InvokeCards.Add(answer["value"]!.AsObject());
        }

        return answer;
    }

    /// <summary>Waits until the fake Slack holds <paramref name="count"/> messages matching <paramref name="match"/>; returns the last.</summary>
    public async Task<FakeSlackMessage> SlackMessageAsync(Func<FakeSlackMessage, bool> match, int count = 1)
    {
        for (var i = 0; i < 1500; i++)
        {
            var found = Slack.Messages.Where(match).ToList();
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching Slack message arrived. Received: " + string.Join(" | ", Slack.Messages.Select(m => $"{m.Method} {m.Ts} thread={m.ThreadTs} {m.Text}")));
    }

    /// <summary>The workflow id in a card's or report's text (<c>…, workflow k3x9m2p7qa)</c>).</summary>
    public static string WorkflowIdIn(string? text) =>
        WorkflowId().Match(text ?? string.Empty) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No workflow id in \"{text}\".");

    /// <summary>Every Adaptive Card the Teams side received (connector posts and updates, invoke responses), named for the validator.</summary>
    public Dictionary<string, string> TeamsCards() =>
        Teams.Calls.SelectMany(call => call.Cards).Concat(InvokeCards)
            .Select((card, i) => (Name: $"teams-{i:000}", Json: card.ToJsonString()))
            .ToDictionary(pair => pair.Name, pair => pair.Json);

    public async ValueTask DisposeAsync()
    {
        Cluster.Dispose();
        Http.Dispose();
        await Host.DisposeAsync();
        await Teams.DisposeAsync();
        await Slack.DisposeAsync();
    }

    [GeneratedRegex(@"workflow ([a-z2-9]{10})\)")]
    private static partial Regex WorkflowId();
}
