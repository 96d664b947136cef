using Microsoft.Extensions.Options;
using OpsBot.Workflows;

namespace OpsBot.Authorization;

/// <summary>Checks <see cref="AuthorizationOptions"/> at start; each failure says what to fix.</summary>
public sealed class AuthorizationOptionsValidator : IValidateOptions<AuthorizationOptions>
{
    private static readonly string[] Platforms = ["console", "slack", "teams"];

    public ValidateOptionsResult Validate(string? name, AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (roleName, role) in options.Roles)
        {
            if (role is null)
            {
                failures.Add($"Authorization:Roles:{roleName} is empty; give it \"Permissions\": {{ \"read\": [\"*\"] }} or remove it.");
                continue;
            }

            foreach (var (permission, globs) in role.Permissions)
            {
                if (!PermissionNames.TryParse(permission, out _))
                {
                    failures.Add($"Authorization:Roles:{roleName}:Permissions has an unknown permission \"{permission}\"; use one of {string.Join(", ", PermissionNames.All)}.");
                }

                if (globs is null || globs.Count == 0)
                {
                    failures.Add($"Authorization:Roles:{roleName}:Permissions:{permission} lists no namespaces; add globs such as \"ecommerce-*\" or \"*\".");
                    continue;
                }

                foreach (var glob in globs)
                {
                    if (!NamespaceGlob.IsValid(glob, out var reason))
                    {
                        failures.Add($"Authorization:Roles:{roleName}:Permissions:{permission} has an invalid namespace glob \"{glob}\": {reason}.");
                    }
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var where = $"Authorization:Users:{i}";
            if (user is null || string.IsNullOrWhiteSpace(user.Id))
            {
                failures.Add($"{where} has no Id; set it to \"platform:user\", e.g. \"slack:U0123ABC\" or \"console:alice\".");
                continue;
            }

            var colon = user.Id.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == user.Id.Length - 1 || !Platforms.Contains(user.Id[..colon].ToLowerInvariant()))
            {
                failures.Add($"{where} has Id \"{user.Id}\"; it must be \"platform:user\" with platform console, slack or teams (e.g. \"slack:U0123ABC\").");
            }

            if (user.Person is { } person && (string.IsNullOrWhiteSpace(person) || person.Length > 254))
            {
                failures.Add($"{where} has Person \"{person}\"; leave it out or name the human behind the id in 1-254 characters (e.g. \"alice@example.com\").");
            }

            if (!seen.Add(user.Id))
            {
                failures.Add($"{where}: the user \"{user.Id}\" is listed twice; merge the entries.");
            }

            CheckRoles(options, user.Roles, $"{where} ({user.Id})", failures);
        }

        CheckRoles(options, options.DefaultRoles, "Authorization:DefaultRoles", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRoles(AuthorizationOptions options, List<string>? roles, string where, List<string> failures)
    {
        foreach (var role in roles ?? [])
        {
            if (!options.Roles.ContainsKey(role ?? string.Empty))
            {
                failures.Add($"{where} names the role \"{role}\", which is not defined under Authorization:Roles (defined: {(options.Roles.Count == 0 ? "none" : string.Join(", ", options.Roles.Keys))}).");
            }
        }
    }
}
