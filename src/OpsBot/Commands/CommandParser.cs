using System.Globalization;
using OpsBot.ClusterObjects;

namespace OpsBot.Commands;

/// <summary>
/// Turns <c>/k8s logs pod/web-1 --previous --tail 50 -c app</c> into a <see cref="ParsedCommand"/>:
/// the leading slash is optional, flags come in any order as <c>--flag value</c>, <c>--flag=value</c>
/// or <c>-f value</c>, values may be quoted, and <c>kind/name</c> selects a subcommand
/// (<c>describe deploy/frontend</c>). Every value is validated here, before any Kubernetes call;
/// bad input throws <see cref="CommandInputException"/> with a message that names the problem.
/// </summary>
public sealed class CommandParser
{
    private const int MaxTextValueLength = 200;

    private readonly CommandCatalog _catalog;
    private readonly CommandParserOptions _options;

    public CommandParser(CommandCatalog catalog, CommandParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _options = options ?? new CommandParserOptions();
    }

    public CommandCatalog Catalog => _catalog;

    public ParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParseResult { IsHelp = true };
        }

        if (text.Length > _options.MaxLength)
        {
            throw new CommandInputException($"The command is too long ({text.Length:N0} characters); the limit is {_options.MaxLength:N0}.");
        }

        var tokens = new List<string>(CommandTokenizer.Tokenize(text));
        if (tokens.Count > _options.MaxWords)
        {
            throw new CommandInputException($"The command has too many words ({tokens.Count}); the limit is {_options.MaxWords}.");
        }

        if (tokens.Count == 0)
        {
            return new ParseResult { IsHelp = true };
        }

        var first = tokens[0].StartsWith('/') ? tokens[0][1..] : tokens[0];
        if (IsHelpWord(first) && tokens.Count == 1)
        {
            return new ParseResult { IsHelp = true };
        }

        var node = _catalog.FindRoot(first);
        if (node is null)
        {
            var roots = _catalog.Roots.Select(root => root.Name).ToList();
            var suggestion = Suggestions.Closest(first, roots);
            throw new CommandInputException(
                $"Unknown command \"/{Shorten(first)}\".{(suggestion is null ? string.Empty : $" Did you mean /{suggestion}?")} Commands: {string.Join(", ", roots.Select(root => "/" + root))}.");
        }

        var index = 1;
        var helpWord = false;
        while (node.Definition is null || node.Children.Count > 0)
        {
            if (index >= tokens.Count)
            {
                return new ParseResult { IsHelp = true, HelpFor = node };
            }

            var word = tokens[index];
            if (IsHelpWord(word) || IsHelpFlag(word))
            {
                helpWord = true;
                index++;
                continue;
            }

            var slash = word.IndexOf('/', StringComparison.Ordinal);
            var child = node.Find(slash > 0 ? word[..slash] : word);
            if (child is null)
            {
                if (helpWord || node.Definition is not null)
                {
                    break;
                }

                var names = node.Children.Select(c => c.Name).ToList();
                var spellings = node.Children.SelectMany(c => new[] { c.Name }.Concat(c.Definition?.Aliases ?? []));
                var suggestion = Suggestions.Closest(slash > 0 ? word[..slash] : word, spellings) is { } closest ? node.Find(closest)?.Name : null;
                throw new CommandInputException(
                    $"Unknown subcommand \"{Shorten(word)}\" for {node.DisplayName}.{(suggestion is null ? string.Empty : $" Did you mean {node.DisplayName} {suggestion}?")} Choose one of: {string.Join(", ", names)}.",
                    node: node);
            }

            if (slash > 0)
            {
                tokens[index] = word[(slash + 1)..];
                if (tokens[index].Length == 0)
                {
                    tokens.RemoveAt(index);
                }
            }
            else
            {
                index++;
            }

            node = child;
        }

        if (helpWord || tokens.Skip(index).Any(IsHelpFlag))
        {
            return new ParseResult { IsHelp = true, HelpFor = node };
        }

        return new ParseResult { Command = ParseArguments(node.Definition!, tokens.Skip(index).ToList(), text) };
    }

    private static ParsedCommand ParseArguments(CommandDefinition definition, List<string> tokens, string text)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var positionals = new List<string>();
        var flags = definition.AllFlags;
        var onlyPositionals = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (onlyPositionals || token.Length < 2 || token[0] != '-' || char.IsAsciiDigit(token[1]))
            {
                positionals.Add(token);
                continue;
            }

            if (token == "--")
            {
                onlyPositionals = true;
                continue;
            }

            FlagDefinition? flag;
            string? inline = null;
            string spelled;
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                var name = equals > 0 ? token[2..equals] : token[2..];
                inline = equals > 0 ? token[(equals + 1)..] : null;
                spelled = "--" + name;
                flag = flags.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            }
            else
            {
                spelled = token[..2];
                flag = flags.FirstOrDefault(f => f.Short == token[1]);
                if (token.Length > 2)
                {
                    inline = token[2] == '=' ? token[3..] : token[2..];
                }
            }

            if (flag is null)
            {
                var suggestion = Suggestions.Closest(spelled.TrimStart('-'), flags.Select(f => f.Name));
                throw new CommandInputException(
                    $"Unknown flag \"{Shorten(spelled)}\" for {definition.DisplayName}.{(suggestion is null ? string.Empty : $" Did you mean --{suggestion}?")}",
                    definition);
            }

            if (values.ContainsKey(flag.Name))
            {
                throw new CommandInputException($"The flag --{flag.Name} is given twice; give it once.", definition);
            }

            if (flag.Kind == ValueKind.Boolean)
            {
                values[flag.Name] = inline switch
                {
                    null or "true" => true,
                    "false" => false,
                    _ => throw new CommandInputException($"The flag --{flag.Name} is a switch: write --{flag.Name} (or --{flag.Name}=false), without a value.", definition),
                };
                continue;
            }

            if (inline is null)
            {
                if (i + 1 >= tokens.Count || LooksLikeFlag(tokens[i + 1]))
                {
                    throw new CommandInputException($"The flag {spelled} needs a value: {flag.Syntax}.", definition);
                }

                inline = tokens[++i];
            }

            values[flag.Name] = Convert(definition, flag.Kind, inline, "--" + flag.Name, ObjectKindOf(flag), flag.Min, flag.Max);
        }

        if (definition.Arguments.Count > 0 && definition.Arguments[^1].TakesRest && positionals.Count > definition.Arguments.Count)
        {
            var first = definition.Arguments.Count - 1;
            positionals = [.. positionals.Take(first), string.Join(' ', positionals.Skip(first))];
        }

        if (positionals.Count > definition.Arguments.Count)
        {
            var extra = positionals[definition.Arguments.Count];
            throw new CommandInputException(
                definition.Arguments.Count == 0
                    ? $"{definition.DisplayName} takes no arguments, but got \"{Shorten(extra)}\"."
                    : $"Unexpected extra argument \"{Shorten(extra)}\".",
                definition);
        }

        for (var a = 0; a < definition.Arguments.Count; a++)
        {
            var argument = definition.Arguments[a];
            if (a >= positionals.Count)
            {
                if (argument.Required)
                {
                    throw new CommandInputException($"{definition.DisplayName} needs {argument.Syntax}: {argument.Description}", definition);
                }

                continue;
            }

            var raw = positionals[a];
            if (argument.Kind == ValueKind.NamespacedName)
            {
                values[argument.Name] = NamespacedName(definition, argument, raw, values);
                continue;
            }

            var slash = raw.IndexOf('/', StringComparison.Ordinal);
            if (argument.ResourcePrefixes.Count > 0 && slash >= 0)
            {
                var prefix = raw[..slash];
                if (!argument.ResourcePrefixes.Contains(prefix, StringComparer.OrdinalIgnoreCase))
                {
                    throw new CommandInputException(
                        $"\"{Shorten(raw)}\" is not a {argument.ObjectKind ?? argument.ResourcePrefixes[0]}: write {argument.ResourcePrefixes[0]}/{argument.Name}.",
                        definition);
                }

                raw = raw[(slash + 1)..];
            }

            values[argument.Name] = Convert(definition, argument.Kind, raw, argument.Name, argument.ObjectKind ?? "object", int.MinValue, argument.Kind == ValueKind.Text ? argument.MaxLength : int.MaxValue);
        }

        if (values.ContainsKey(CommonFlags.Namespace) && values.TryGetValue(CommonFlags.AllNamespaces, out var all) && all is true)
        {
            throw new CommandInputException("Give either -n NAMESPACE or -A (all namespaces), not both.", definition);
        }

        return new ParsedCommand(definition, values, text);
    }

    private static object Convert(CommandDefinition definition, ValueKind kind, string value, string what, string objectKind, int min, int max)
    {
        string? problem;
        switch (kind)
        {
            case ValueKind.Namespace:
                problem = KubernetesNames.ValidateLabel(value);
                return problem is null ? value : throw Invalid($"\"{Shorten(value)}\" is not a valid namespace name: {problem}.");
            case ValueKind.ObjectName:
                problem = KubernetesNames.ValidateSubdomain(value);
                return problem is null ? value : throw Invalid($"\"{Shorten(value)}\" is not a valid {objectKind} name: {problem}.");
            case ValueKind.ContainerName:
                problem = KubernetesNames.ValidateLabel(value);
                return problem is null ? value : throw Invalid($"\"{Shorten(value)}\" is not a valid container name: {problem}.");
            case ValueKind.LabelSelector:
                problem = value.Length > 500 ? "it is longer than 500 characters" : LabelSelectorSyntax.Validate(value);
                return problem is null ? value : throw Invalid($"\"{Shorten(value)}\" is not a valid label selector: {problem}.");
            case ValueKind.Integer:
                return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                    ? number
                    : throw Invalid($"{what} must be a whole number{Range(min, max)}, not \"{Shorten(value)}\".");
            case ValueKind.Duration:
                return DurationSyntax.TryParse(value, out var duration, out problem)
                    ? duration
                    : throw Invalid($"\"{Shorten(value)}\" is not a valid duration for {what}: {problem}.");
            case ValueKind.ClusterName:
                return value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@' or '/')
                    ? value
                    : throw Invalid($"\"{Shorten(value)}\" is not a valid cluster name: use letters, digits, '-', '_', '.', ':', '@' or '/', at most 100 characters.");
            case ValueKind.ObjectReference:
                return K8s.ObjectReferences.TryParse(value, out var reference, out problem)
                    ? $"{reference.Kind}/{reference.Name}"
                    : throw Invalid($"\"{Shorten(value)}\" is not a valid object for {what}: {problem}.");
            default:
                var longest = max == int.MaxValue ? MaxTextValueLength : max;
                return value.Length <= longest
                    ? value
                    : throw Invalid($"{what} is too long ({value.Length:N0} characters); the limit is {longest:N0}.");
        }

        CommandInputException Invalid(string message) => new(message, definition);
    }

    // NAMESPACE/NAME sets the command's namespace (checked like -n, and against -n when both are given); NAME alone keeps it.
    private static string NamespacedName(CommandDefinition definition, ArgumentDefinition argument, string raw, Dictionary<string, object> values)
    {
        var what = argument.ObjectKind ?? "object";
        var parts = raw.Split('/');
        if (parts.Length > 2 || parts.Any(part => part.Length == 0))
        {
            throw new CommandInputException($"\"{Shorten(raw)}\" is not a {what}: write NAMESPACE/NAME (or NAME with -n NAMESPACE).", definition);
        }

        if (parts.Length == 2)
        {
            var ns = (string)Convert(definition, ValueKind.Namespace, parts[0], argument.Name, what, int.MinValue, int.MaxValue);
            if (values.TryGetValue(CommonFlags.Namespace, out var given) && !string.Equals((string)given, ns, StringComparison.Ordinal))
            {
                throw new CommandInputException($"{Shorten(raw)} is in namespace {ns}, but -n says {Shorten((string)given)}: give the namespace once.", definition);
            }

            values[CommonFlags.Namespace] = ns;
        }

        return (string)Convert(definition, ValueKind.ObjectName, parts[^1], argument.Name, what, int.MinValue, int.MaxValue);
    }

    private static string Range(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => string.Empty,
        (_, int.MaxValue) => $" of at least {min}",
        (int.MinValue, _) => $" of at most {max}",
        _ => $" from {min} to {max}",
    };

    private static string ObjectKindOf(FlagDefinition flag) => flag.ValueName?.ToLowerInvariant() ?? flag.Name;

    private static bool LooksLikeFlag(string token) => token.Length >= 2 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    private static bool IsHelpWord(string word) => string.Equals(word, "help", StringComparison.OrdinalIgnoreCase);

    private static bool IsHelpFlag(string word) => word is "--help" or "-h";

    /// <summary>User text quoted in an error: at most 40 characters, control characters shown as '?'.</summary>
    internal static string Shorten(string text)
    {
        var cut = text.Length > 40 && char.IsHighSurrogate(text[39]) ? 39 : 40;
        var shown = text.Length > 40 ? text[..cut] + "…" : text;
        return string.Create(shown.Length, shown, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || char.GetUnicodeCategory(source[i]) == UnicodeCategory.Format ? '?' : source[i];
            }
        });
    }
}
