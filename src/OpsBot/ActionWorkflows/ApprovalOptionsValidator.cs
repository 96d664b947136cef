using Microsoft.Extensions.Options;
using OpsBot.Actions;
using OpsBot.Workflows.Approvals;

namespace OpsBot.ActionWorkflows;

/// <summary>Checks the <c>Approvals</c> section at start: its own rules, and that rules name action kinds that exist.</summary>
public sealed class ApprovalOptionsValidator(IEnumerable<IClusterAction> actions) : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate().ToList();
        var kinds = actions.Select(action => action.Kind).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            foreach (var kind in options.Rules[i]?.Kinds ?? [])
            {
                if (!kinds.Contains(kind) && failures.All(failure => !failure.Contains($"\"{kind}\"", StringComparison.Ordinal)))
                {
                    failures.Add($"{ApprovalOptions.SectionName}:Rules:{i}:Kinds names \"{kind}\", which is not an action OpsBot knows (known: {(kinds.Count == 0 ? "none" : string.Join(", ", kinds.Order(StringComparer.Ordinal)))}).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
