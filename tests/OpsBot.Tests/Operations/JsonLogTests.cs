using System.Text.Json.Nodes;
using OpsBot.Testing;

namespace OpsBot.Tests.Operations;

/// <summary>
/// The built host with <c>Logging:Console:FormatterName=json</c>: every line it writes is a JSON object, and every line
/// OpsBot logs while a chat request runs carries that request's correlation id in its scopes — the same id the
/// command pipeline reports for the request.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task ConsoleLogs_WithTheJsonFormatter_AreJsonLinesAndARequestsLinesCarryItsCorrelationId()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataDirectory"] = data.Path,
            ["Simulator:Speed"] = "0",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:OpsBot"] = "Debug",
        };
        await using var bot = await OpsBotProcess.StartAsync(settings);

        await bot.CommandAsync("/k8s pods -A", "alice");
        await bot.CommandAsync("/triage frontend", "alice");
        await bot.CommandAsync("/k8s pods -n Bad_Name", "alice");
        var lines = await Eventually.ValueAsync(
            () => Task.FromResult(bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList()),
            parsed => parsed.Count(line => line.Contains("answered in", StringComparison.Ordinal)) >= 2,
            "the two commands that ran logged");

        var entries = lines.Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.All(entries, entry =>
        {
            Assert.NotNull((string?)entry["Category"]);
            Assert.NotNull((string?)entry["LogLevel"]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)entry["Timestamp"]);
        });
        var inRequests = entries.Where(entry => Scope(entry, "RequestPath") == "/api/console/commands" && ((string)entry["Category"]!).StartsWith("OpsBot.", StringComparison.Ordinal)).ToList();
        Assert.True(inRequests.Count >= 2, string.Join("\n", lines));
        Assert.All(inRequests, entry => Assert.Matches("^[0-9a-f]{32}$", Scope(entry, "CorrelationId")));
        var answered = inRequests.Where(entry => ((string)entry["Message"]!).Contains("answered in", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, answered.Count);
        Assert.All(answered, entry => Assert.Contains($"(correlation {Scope(entry, "CorrelationId")})", (string)entry["Message"]!, StringComparison.Ordinal));
        Assert.Equal(2, answered.Select(entry => Scope(entry, "CorrelationId")).Distinct().Count());
    }

    // The value of a property of the line's scopes (the JSON formatter writes each scope's pairs as an object).
    private static string? Scope(JsonObject entry, string name) =>
        (entry["Scopes"] as JsonArray ?? []).OfType<JsonObject>().Select(scope => (string?)scope[name]).FirstOrDefault(value => value is not null);
}
