using OpsBot.Commands;
using OpsBot.Commands.K8s;

namespace OpsBot.Tests.Commands;

public sealed class CommandParserTests
{
    private static readonly CommandParser Parser = new(new CommandCatalog(K8sHandlers.Types.Select(type => (ICommandHandler)Activator.CreateInstance(type)!)));

    private static ParsedCommand Parse(string text) => Parser.Parse(text).Command ?? throw new InvalidOperationException("help, not a command");

    private static string Error(string text) => Assert.Throws<CommandInputException>(() => Parser.Parse(text)).Message;

    [Theory]
    [InlineData("/k8s pods -n shop -l app=frontend", "/k8s pods", "namespace=shop;selector=app=frontend")]
    [InlineData("k8s pods frontend", "/k8s pods", "NAME=frontend")]
    [InlineData("/k8s po --namespace=shop", "/k8s pods", "namespace=shop")]
    [InlineData("/k8s pods -A --problems", "/k8s pods", "all-namespaces=True;problems=True")]
    [InlineData("/k8s pods -nshop", "/k8s pods", "namespace=shop")]
    [InlineData("/k8s logs pod/web-1 --previous --tail 50 -c app", "/k8s logs", "NAME=web-1;container=app;previous=True;tail=50")]
    [InlineData("/k8s logs -c app web-1 --tail=5 --since 1h30m", "/k8s logs", "NAME=web-1;container=app;since=01:30:00;tail=5")]
    [InlineData("/k8s describe deploy/frontend", "/k8s describe deploy", "NAME=frontend")]
    [InlineData("/k8s describe deployment frontend -n shop", "/k8s describe deploy", "NAME=frontend;namespace=shop")]
    [InlineData("/k8s describe po/web-1.canary", "/k8s describe pod", "NAME=web-1.canary")]
    [InlineData("/k8s describe node ip-10-0-1-5.eu-west-1.compute.internal", "/k8s describe node", "NAME=ip-10-0-1-5.eu-west-1.compute.internal")]
    [InlineData("/K8S EVENTS --since 15m --for deploy/frontend", "/k8s events", "for=Deployment/frontend;since=00:15:00")]
    [InlineData("/k8s events --for \"pod/web-1\" --cluster prod", "/k8s events", "cluster=prod;for=Pod/web-1")]
    [InlineData("/k8s pods -l 'app in (web, api),!canary'", "/k8s pods", "selector=app in (web, api),!canary")]
    [InlineData("/k8s top pods -A", "/k8s top pods", "all-namespaces=True")]
    [InlineData("/k8s top nodes --cluster=prod", "/k8s top nodes", "cluster=prod")]
    [InlineData("/k8s rollout history deploy/frontend", "/k8s rollout history", "NAME=frontend")]
    [InlineData("/k8s hpa frontend -n shop", "/k8s hpa", "NAME=frontend;namespace=shop")]
    [InlineData("  /k8s   certs   -A  ", "/k8s certs", "all-namespaces=True")]
    public void Parse_NaturalGrammar_TypedValues(string text, string command, string values)
    {
        var parsed = Parse(text);

        Assert.Equal(command, parsed.Definition.DisplayName);
        Assert.Equal(values, string.Join(';', parsed.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")));
    }

    [Theory]
    [InlineData("/k8s")]
    [InlineData("/k8s help")]
    [InlineData("help")]
    [InlineData("/k8s pods --help")]
    [InlineData("/k8s describe")]
    [InlineData("/k8s help describe pod")]
    [InlineData("/k8s logs -h")]
    [InlineData("")]
    public void Parse_HelpRequests_AreHelp(string text)
    {
        Assert.True(Parser.Parse(text).IsHelp);
    }

    [Fact]
    public void Parse_HelpForSubcommand_PointsAtIt()
    {
        Assert.Equal("/k8s describe pod", Parser.Parse("/k8s help describe pod").HelpFor?.DisplayName);
        Assert.Equal("/k8s top", Parser.Parse("/k8s top").HelpFor?.DisplayName);
    }

    [Theory]
    [InlineData("/k8s pod-list", "Unknown subcommand \"pod-list\" for /k8s.")]
    [InlineData("/k8s podz", "Did you mean /k8s pods?")]
    [InlineData("/k8s describe deploymnt/x", "Did you mean /k8s describe deploy?")]
    [InlineData("/k9s pods", "Unknown command \"/k9s\". Did you mean /k8s?")]
    [InlineData("/k8s pods --namespase shop", "Unknown flag \"--namespase\" for /k8s pods. Did you mean --namespace?")]
    [InlineData("/k8s pods -x", "Unknown flag \"-x\" for /k8s pods.")]
    [InlineData("/k8s pods -n", "The flag -n needs a value: -n, --namespace NAMESPACE.")]
    [InlineData("/k8s pods -n -A", "The flag -n needs a value")]
    [InlineData("/k8s logs pod/web-1 --tail abc", "--tail must be a whole number from 1 to 10000, not \"abc\".")]
    [InlineData("/k8s logs pod/web-1 --tail 0", "--tail must be a whole number from 1 to 10000, not \"0\".")]
    [InlineData("/k8s logs pod/web-1 --since 5x", "\"5x\" is not a valid duration for --since: use a number with a unit, e.g. 30s, 5m, 1h or 1h30m.")]
    [InlineData("/k8s logs pod/Web_1", "\"Web_1\" is not a valid pod name: must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character.")]
    [InlineData("/k8s logs pod/web-1 -c App", "\"App\" is not a valid container name: must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character.")]
    [InlineData("/k8s pods -n Shop_1", "\"Shop_1\" is not a valid namespace name")]
    [InlineData("/k8s pods -n ../../etc", "\"../../etc\" is not a valid namespace name")]
    [InlineData("/k8s describe pod ../secrets", "\"../secrets\" is not a valid pod name")]
    [InlineData("/k8s describe pod a..b", "\"a..b\" is not a valid pod name")]
    [InlineData("/k8s logs deploy/web", "\"deploy/web\" is not a pod: write pod/NAME.")]
    [InlineData("/k8s logs", "/k8s logs needs pod/NAME")]
    [InlineData("/k8s describe pod", "/k8s describe pod needs NAME")]
    [InlineData("/k8s pods a b", "Unexpected extra argument \"b\".")]
    [InlineData("/k8s nodes extra", "/k8s nodes takes no arguments, but got \"extra\".")]
    [InlineData("/k8s pods -n shop -A", "Give either -n NAMESPACE or -A (all namespaces), not both.")]
    [InlineData("/k8s pods -n a -n b", "The flag --namespace is given twice")]
    [InlineData("/k8s pods -l 'app=a/b'", "is not a valid label selector: the label value \"a/b\" must be 63 characters or less")]
    [InlineData("/k8s pods -l 'app in web'", "must be in parentheses")]
    [InlineData("/k8s pods -l \"a=b,,c\"", "empty requirement")]
    [InlineData("/k8s events --for secret/x", "is not a valid object for --for")]
    [InlineData("/k8s pods --problems=maybe", "The flag --problems is a switch")]
    [InlineData("/k8s pods \"unterminated", "A quote (\") is not closed")]
    [InlineData("/k8s nodes -n shop", "Unknown flag \"-n\" for /k8s nodes.")]
    [InlineData("/k8s pods --cluster 'prod;rm -rf'", "is not a valid cluster name")]
    public void Parse_BadInput_ClearError(string text, string expected)
    {
        Assert.Contains(expected, Error(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_RefusedWithoutEcho()
    {
        var text = "/k8s pods " + new string('a', 2_000);

        var message = Error(text);

        Assert.Equal("The command is too long (2,010 characters); the limit is 1,000.", message);
    }

    [Fact]
    public void Parse_LongNameInError_IsShortened()
    {
        var message = Error("/k8s describe pod " + new string('X', 300));

        Assert.Contains("\"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…\"", message, StringComparison.Ordinal);
        Assert.True(message.Length < 300);
    }

    [Fact]
    public void Parse_ControlAndBidiCharacters_NotReflected()
    {
        var message = Error("/k8s describe pod a\u202Eb\u0007c");

        Assert.DoesNotContain('\u202E', message);
        Assert.DoesNotContain('\u0007', message);
    }

    [Fact]
    public void Parse_CurlyQuotesFromChatClients_Group()
    {
        var parsed = Parse("/k8s pods -l \u201Capp=web\u201D");

        Assert.Equal("app=web", parsed.GetString(PodsHandler.Selector));
    }

    [Fact]
    public void Catalog_EveryCommand_HasSummaryExampleAndUsage()
    {
        foreach (var definition in Parser.Catalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(definition.Summary));
            Assert.NotEmpty(definition.Examples);
            Assert.All(definition.Examples, example => Assert.NotNull(Parser.Parse(example).Command));
            Assert.StartsWith(definition.DisplayName, definition.Usage, StringComparison.Ordinal);
        }
    }
}
