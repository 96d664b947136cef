namespace OpsBot.Workflows.Approvals;

/// <summary>
/// The approval policy and the workflow runner's pace, bound from the <c>Approvals</c> section and
/// checked at start (<see cref="Validate"/>). See docs/WORKFLOWS.md.
/// </summary>
/// <example>
/// <code>
/// "Approvals": {
///   "Defaults": { "RequiredApprovals": 1, "AllowSelfApproval": false, "Expiry": "00:15:00", "BreakGlass": "admin", "AutoRevert": true },
///   "Rules": [
///     { "Kinds": [ "drain" ], "RequiredApprovals": 2 },
///     { "Namespaces": [ "*-staging" ], "AllowSelfApproval": true },
///     { "Risks": [ "High" ], "Namespaces": [ "payments-*" ], "RequiredApprovals": 2, "AutoRevert": false }
///   ]
/// }
/// </code>
/// </example>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approvals";

    public static readonly IReadOnlyList<string> RiskNames = ["Low", "Medium", "High"];

    public ApprovalDefaults Defaults { get; set; } = new();

    /// <summary>Applied in order over <see cref="Defaults"/>: every matching rule overrides the settings it sets, so later rules win.</summary>
    public List<ApprovalRuleOptions> Rules { get; set; } = [];

    /// <summary>How often the runner looks at an applied change while verifying it.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan VerificationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often stale approval requests are looked for and expired, and workflows whose runner lease lapsed are resumed.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a runner's claim on a workflow it executes, verifies or reverts lasts without renewal: another replica
    /// (or the restarted process) resumes a workflow whose runner died once this has passed.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RunnerLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these options, each with what to fix; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (Defaults is null)
        {
            failures.Add($"{SectionName}:Defaults is empty; remove it or set e.g. \"RequiredApprovals\": 1.");
        }
        else
        {
            CheckSettings($"{SectionName}:Defaults", Defaults.RequiredApprovals, Defaults.Expiry, Defaults.BreakGlass, failures);
        }

        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var where = $"{SectionName}:Rules:{i}";
            if (rule is null)
            {
                failures.Add($"{where} is empty; give it \"Kinds\", \"Namespaces\" or \"Risks\" and a setting, or remove it.");
                continue;
            }

            foreach (var kind in rule.Kinds)
            {
                if (string.IsNullOrWhiteSpace(kind) || !kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                {
                    failures.Add($"{where}:Kinds has \"{kind}\"; an action kind is lower case, e.g. \"rollback\" or \"scale-hpa\".");
                }
            }

            foreach (var glob in rule.Namespaces)
            {
                if (!NamespaceGlob.IsValid(glob, out _))
                {
                    failures.Add($"{where}:Namespaces has \"{glob}\"; use a namespace or a glob of lower case letters, digits, '-', '.' and '*', e.g. \"ecommerce-*\".");
                }
            }

            foreach (var risk in rule.Risks)
            {
                if (!RiskNames.Contains(risk))
                {
                    failures.Add($"{where}:Risks has \"{risk}\"; use {string.Join(", ", RiskNames)}.");
                }
            }

            CheckSettings(where, rule.RequiredApprovals, rule.Expiry, rule.BreakGlass, failures);
        }

        if (VerificationInterval < TimeSpan.FromMilliseconds(10) || VerificationInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{SectionName}:VerificationInterval is {VerificationInterval}; use between 00:00:00.010 and 00:05:00 (e.g. \"00:00:05\").");
        }

        if (ExpirySweepInterval < TimeSpan.FromMilliseconds(10) || ExpirySweepInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{SectionName}:ExpirySweepInterval is {ExpirySweepInterval}; use between 00:00:00.010 and 00:10:00 (e.g. \"00:00:30\").");
        }

        if (RunnerLease < TimeSpan.FromSeconds(1) || RunnerLease > TimeSpan.FromMinutes(30) || RunnerLease < 2 * VerificationInterval)
        {
            var suggestion = TimeSpan.FromSeconds(Math.Clamp(Math.Max(30, Math.Ceiling(2 * VerificationInterval.TotalSeconds)), 1, 1800));
            failures.Add($"{SectionName}:RunnerLease is {RunnerLease}; use between 00:00:01 and 00:30:00 and at least twice VerificationInterval (e.g. \"{suggestion:c}\").");
        }

        return failures;
    }

    private static void CheckSettings(string where, int? requiredApprovals, TimeSpan? expiry, string? breakGlass, List<string> failures)
    {
        if (requiredApprovals is < 1 or > 10)
        {
            failures.Add($"{where}:RequiredApprovals is {requiredApprovals}; use 1 to 10.");
        }

        if (expiry is { } window && (window < TimeSpan.FromMinutes(1) || window > TimeSpan.FromDays(7)))
        {
            failures.Add($"{where}:Expiry is {window}; use between 00:01:00 and 7.00:00:00 (e.g. \"00:15:00\").");
        }

        if (!BreakGlassPolicy.IsValid(breakGlass, out var problem))
        {
            failures.Add($"{where}:BreakGlass: {problem}.");
        }
    }
}
