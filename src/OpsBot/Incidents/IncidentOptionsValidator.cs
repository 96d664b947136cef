using Microsoft.Extensions.Options;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Incidents;

/// <summary>Refuses to start with a bad <c>Incidents</c> section, naming the key and what to use (<see cref="IncidentOptions.Validate"/>).</summary>
public sealed class IncidentOptionsValidator : IValidateOptions<IncidentOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
