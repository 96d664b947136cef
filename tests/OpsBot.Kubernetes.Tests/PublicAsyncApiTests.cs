using System.Reflection;
using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes.Tests;

public sealed class PublicAsyncApiTests
{
    [Fact]
    public void PublicAsyncMethods_ConfigAndAuthentication_TakeCancellationTokenLastWithDefault()
    {
        var methods = typeof(KubeConfigLoader).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is "OpsBot.Kubernetes.Config" or "OpsBot.Kubernetes.Authentication" || t == typeof(KubernetesClientConfiguration))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, method =>
        {
            var last = method.GetParameters().LastOrDefault();
            Assert.True(
                last is { ParameterType.Name: nameof(CancellationToken), Name: "cancellationToken", HasDefaultValue: true },
                $"{method.DeclaringType!.Name}.{method.Name} must end with 'CancellationToken cancellationToken = default'.");
        });
    }
}
