using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests;

public sealed class ApiConventionTests
{
    [Fact]
    public void PublicAsyncMethods_TakeCancellationTokenLastWithDefault()
    {
        var violations = AsyncApiConventions.Violations(typeof(KubernetesClients).Assembly);

        Assert.Empty(violations);
    }

    [Fact]
    public void Violations_BadSignatures_AreReported()
    {
        var violations = AsyncApiConventions.Violations([typeof(BadApi)]);

        Assert.Equal([$"{typeof(BadApi).FullName}.NoToken", $"{typeof(BadApi).FullName}.TokenFirst", $"{typeof(BadApi).FullName}.NoDefault"], violations);
    }

    public sealed class BadApi
    {
        public Task NoToken() => Task.CompletedTask;

#pragma warning disable CA1068 // deliberately wrong: this is what the convention test must catch
        public Task TokenFirst(CancellationToken cancellationToken, int x) => Task.CompletedTask;
#pragma warning restore CA1068

        public IAsyncEnumerable<int> NoDefault(CancellationToken cancellationToken) => AsyncEnumerable.Empty<int>();

        public Task Good(int x, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
