using System.Reflection;

namespace OpsBot.Testing;

/// <summary>
/// Finds public async methods that break the house rule: a <c>CancellationToken cancellationToken = default</c>
/// as the last parameter (STYLE.md; SlackNet lint-tests the same by reflection).
/// </summary>
public static class AsyncApiConventions
{
    public static IReadOnlyList<string> Violations(Assembly assembly) => Violations(assembly.GetExportedTypes());

    public static IReadOnlyList<string> Violations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var type in types)
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(method => !method.IsSpecialName && IsAsync(method.ReturnType) && method.Name != nameof(IAsyncDisposable.DisposeAsync));
            foreach (var method in methods)
            {
                var last = method.GetParameters().LastOrDefault();
                if (last is null || last.ParameterType != typeof(CancellationToken) || last.Name != "cancellationToken" || !last.HasDefaultValue)
                {
                    violations.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        return violations;
    }

    private static bool IsAsync(Type returnType)
    {
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return true;
        }

        if (!returnType.IsGenericType)
        {
            return false;
        }

        var definition = returnType.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>);
    }
}
