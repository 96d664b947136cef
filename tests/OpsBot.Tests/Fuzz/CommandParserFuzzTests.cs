using CsCheck;
using OpsBot.Commands;
using OpsBot.Commands.K8s;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// The command parser on any text: it answers (a command, or help) or refuses with a <see cref="CommandInputException"/>
/// — never another exception — and every refusal is one sentence that names the problem: a word of the input, a flag or
/// command, or the limit that was passed.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed partial class CommandParserFuzzTests
{
    private static readonly CommandParser Parser = new(new CommandCatalog(K8sHandlers.Types.Select(type => (ICommandHandler)Activator.CreateInstance(type)!)));

    // Words of the grammar, so that generated commands get past the first word and reach flags, values and arguments.
    private static readonly string[] Words =
    [
        "/k8s", "k8s", "pods", "po", "logs", "describe", "deploy", "deployment", "pod", "node", "events", "top", "nodes", "rollout",
        "history", "hpa", "certs", "help", "-h", "--help", "-n", "--namespace", "--namespace=", "-A", "--all-namespaces", "-l",
        "--selector", "--tail", "--tail=", "--since", "--previous", "-c", "--container", "--for", "--cluster", "--problems", "=",
        "shop", "frontend", "pod/web-1", "deploy/frontend", "50", "-1", "99999999999999999999", "1h30m", "15m", "0s", "app=frontend",
        "'app in (web, api),!canary'", "\"", "'", "--", "-", "-nshop", "--tail=5", "true", "false", "--previous=false",
    ];

    public static Gen<string> Commands =>
        Gen.Frequency(
            (3, Gen.Frequency((5, Gen.OneOf([.. Words.Select(word => Gen.Const(word))])), (2, FuzzText.Hostile(3))).Array[0, 12].Select(words => string.Join(' ', words))),
            (1, FuzzText.Hostile()));

    [Fact]
    public void Parse_AnyText_AnswersOrRefusesWithASentenceNamingTheProblem() =>
        Fuzz.Check(Commands, 3_000, text =>
        {
            try
            {
                var result = Parser.Parse(text);
                Assert.True(result.IsHelp || result.Command is not null);
            }
            catch (CommandInputException refusal)
            {
                var message = refusal.Message;
                Assert.False(string.IsNullOrWhiteSpace(message));
                Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
                Assert.True(NamesTheProblem(message, text), $"the refusal names nothing of the input or the grammar: {message}");
            }
        });

    private static bool NamesTheProblem(string message, string text) =>
        Quoted().Matches(message).Any(quote => text.Contains(quote.Groups[1].Value, StringComparison.Ordinal))
        || message.Contains("limit", StringComparison.Ordinal)
        || message.Contains("quote", StringComparison.Ordinal)
        || message.Contains("--", StringComparison.Ordinal)
        || message.Contains('/', StringComparison.Ordinal)
        || text.Split([' ', '=', '/', '"', '\''], StringSplitOptions.RemoveEmptyEntries).Select(word => word.TrimStart('-')).Any(word => word.Length >= 2 && message.Contains(word.Length > 20 ? word[..20] : word, StringComparison.Ordinal));

    [System.Text.RegularExpressions.GeneratedRegex("\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Quoted();
}
