using Microsoft.Extensions.Options;

namespace OpsBot.Teams;

/// <summary>Checks <see cref="TeamsOptions"/> at start; each failure says what to fix and never echoes the password.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hasId = !string.IsNullOrWhiteSpace(options.AppId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.AppPassword);
        if (!hasId && !hasPassword)
        {
            return ValidateOptionsResult.Success; // Teams is off
        }

        var failures = new List<string>();
        if (hasId != hasPassword)
        {
            failures.Add(hasId
                ? "Teams:AppPassword is empty but Teams:AppId is set: set Teams__AppPassword to the app registration's client secret, or clear Teams:AppId to turn Teams off."
                : "Teams:AppId is empty but Teams:AppPassword is set: set Teams__AppId to the bot's Microsoft App ID, or clear Teams:AppPassword to turn Teams off.");
        }

        if (hasId && !Guid.TryParse(options.AppId, out _))
        {
            failures.Add($"Teams:AppId \"{options.AppId}\" is not a Microsoft App ID: copy the GUID from the Azure Bot's configuration page.");
        }

        if (options.IsSingleTenant && !Guid.TryParse(options.TenantId, out _))
        {
            failures.Add($"Teams:TenantId \"{options.TenantId}\" is not a tenant id: use the Directory (tenant) ID GUID, or leave it empty for a multi-tenant bot.");
        }

        CheckUrl(options.OpenIdMetadataUrl, "Teams:OpenIdMetadataUrl", failures);
        CheckUrl(options.TokenEndpoint, "Teams:TokenEndpoint", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !ServiceUrls.IsSecureOrLoopback(uri))
        {
            failures.Add($"{key} \"{value}\" must be an absolute https URL (http only on loopback), or empty for the default.");
        }
    }
}
