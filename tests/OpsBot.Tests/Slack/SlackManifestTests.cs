using OpsBot.Testing;
using YamlDotNet.RepresentationModel;

namespace OpsBot.Tests.Slack;

public sealed class SlackManifestTests
{
    [Fact]
    public void AppManifest_DeclaresEveryCommandScopeAndRequestUrlOpsBotServes()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot.Find(), "manifests", "slack", "app-manifest.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var commands = ((YamlSequenceNode)root["features"]["slash_commands"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(
            ["/k8s", "/triage", "/rollback", "/scale-hpa", "/deploy", "/drill", "/checks", "/cert", "/audit", "/workflow", "/incident"],
            commands.Select(command => command["command"].ToString()));
        Assert.All(commands, command => Assert.EndsWith("/slack/commands", command["url"].ToString(), StringComparison.Ordinal));

        var scopes = ((YamlSequenceNode)root["oauth_config"]["scopes"]["bot"]).Select(scope => scope.ToString()).ToList();
        Assert.Subset(scopes.ToHashSet(), new HashSet<string> { "commands", "chat:write", "users:read", "app_mentions:read", "im:history" });

        var settings = (YamlMappingNode)root["settings"];
        Assert.EndsWith("/slack/interactions", settings["interactivity"]["request_url"].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/slack/events", settings["event_subscriptions"]["request_url"].ToString(), StringComparison.Ordinal);
        Assert.Equal(["app_mention", "message.im", "reaction_added"], ((YamlSequenceNode)settings["event_subscriptions"]["bot_events"]).Select(e => e.ToString()));
        Assert.Equal("true", settings["socket_mode_enabled"].ToString());
    }
}
