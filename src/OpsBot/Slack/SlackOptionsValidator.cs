using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OpsBot.Slack;

/// <summary>
/// Checks <see cref="SlackOptions"/> at start. Each failure says which key to fix and never repeats
/// a secret's value (a token's shape is described, not echoed).
/// </summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("Slack:BotToken is missing: set Slack__BotToken to the app's Bot User OAuth Token (xoxb-…, OAuth & Permissions page); OpsBot needs it to post replies.");
        }
        else if (!options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal) || options.BotToken.Any(char.IsWhiteSpace))
        {
            failures.Add("Slack:BotToken is not a bot token: it must start with \"xoxb-\" and contain no spaces (the Bot User OAuth Token, not a user or app-level token).");
        }

        if (options.UsesSocketMode && (!options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal) || options.AppToken.Any(char.IsWhiteSpace)))
        {
            failures.Add("Slack:AppToken is not an app-level token: it must start with \"xapp-\" and contain no spaces (Basic Information → App-Level Tokens, scope connections:write).");
        }

        if (!options.UsesHttp && !options.UsesSocketMode)
        {
            failures.Add("Slack needs a way to receive requests: set Slack__SigningSecret (HTTP request URLs) or Slack__AppToken (Socket Mode), or remove Slack__BotToken to switch Slack off.");
        }

        if (options.UsesHttp && options.SigningSecret!.Trim().Length < 16)
        {
            failures.Add("Slack:SigningSecret is too short to be a signing secret: copy it from Basic Information → App Credentials → Signing Secret.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL such as {SlackOptions.DefaultApiBaseUrl}.");
        }

        var annotations = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), annotations, validateAllProperties: true))
        {
            failures.AddRange(annotations.Select(result => $"Slack:{string.Join(',', result.MemberNames)}: {result.ErrorMessage}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
