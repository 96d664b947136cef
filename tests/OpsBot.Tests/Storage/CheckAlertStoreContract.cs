using OpsBot.Checks;

namespace OpsBot.Tests.Storage;

/// <summary>
/// A check's alert state written optimistically, on every provider: the first state lands once (insert-if-absent), a
/// later one only at the version it was read at (<c>OptimisticUpdate</c>), so two replicas judging the same target
/// post one alert.
/// </summary>
public abstract class CheckAlertStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(1));

    protected abstract Task<ICheckStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryWriteAlertAsync_TheFirstStateTwice_OneWriterWins()
    {
        var store = await OpenStoreAsync();

        Assert.True(await store.TryWriteAlertAsync(State("critical", T0), 0));
        Assert.False(await store.TryWriteAlertAsync(State("warning", T0.AddMinutes(1)), 0));

        var stored = await store.GetAlertAsync("cert-expiry", "shop/shop-tls");
        Assert.Equal(("critical", 1L, T0), (stored!.Level, stored.Version, stored.UpdatedAt));
    }

    [Fact]
    public async Task TryWriteAlertAsync_AtTheVersionRead_LandsAndBumpsTheVersion_AtAnOlderOne_ChangesNothing()
    {
        var store = await OpenStoreAsync();
        await store.TryWriteAlertAsync(State("warning", T0), 0);

        Assert.True(await store.TryWriteAlertAsync(State("critical", T0.AddHours(1)), 1));
        Assert.False(await store.TryWriteAlertAsync(State("resolved", T0.AddHours(2)), 1));
        Assert.False(await store.TryWriteAlertAsync(State("resolved", T0.AddHours(2)), 5));

        var stored = await store.GetAlertAsync("cert-expiry", "shop/shop-tls");
        Assert.Equal(("critical", 2L, T0.AddHours(1), "1234.5678"), (stored!.Level, stored.Version, stored.UpdatedAt, stored.Subject));
        Assert.True(await store.TryWriteAlertAsync(State("resolved", T0.AddHours(2)), 2));
        Assert.Equal(3, (await store.GetAlertAsync("cert-expiry", "shop/shop-tls"))!.Version);
    }

    [Fact]
    public async Task TryWriteAlertAsync_ARowThatIsNotThere_IsNotUpdated()
    {
        var store = await OpenStoreAsync();

        Assert.False(await store.TryWriteAlertAsync(State("critical", T0), 1));
        Assert.Null(await store.GetAlertAsync("cert-expiry", "shop/shop-tls"));
    }

    private static CheckAlertState State(string level, DateTimeOffset at) =>
        new("cert-expiry", "shop/shop-tls", level, at.AddDays(10), "1234.5678", Muted: false, at, Version: 0);
}
