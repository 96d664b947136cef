using OpsBot.Testing;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// Each overlay's appsettings.json replaces the image's (the ConfigMap is mounted over <c>/app/appsettings.json</c>), so
/// the built host runs here from a folder whose appsettings.json is the overlay's (every other file linked to the build
/// output), configured by environment variables as the Deployment does: it starts, its channels reach exactly the
/// namespaces the overlay binds, and the repository's console users are gone.
/// </summary>
public sealed class ShippedSettingsTests
{
    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Start_WithAnOverlaysSettings_AllowsItsNamespacesToItsUsersOnly(string overlay)
    {
        using var dir = new TempDirectory();
        var app = Directory.CreateDirectory(Path.Combine(dir.Path, "app")).FullName;
        var build = Path.GetDirectoryName(OpsBotProcess.FindDll())!;
        // The host's own files are copied: the .NET host resolves a symlinked OpsBot.dll to the build folder and would take
        // that folder (and its appsettings.json) as the application's base. Dependencies may stay links.
        string[] hostFiles = ["OpsBot.dll", "OpsBot.deps.json", "OpsBot.runtimeconfig.json"];
        foreach (var entry in Directory.EnumerateFileSystemEntries(build).Where(e => Path.GetFileName(e) != "appsettings.json"))
        {
            var target = Path.Combine(app, Path.GetFileName(entry));
            if (hostFiles.Contains(Path.GetFileName(entry)))
            {
                File.Copy(entry, target);
            }
            else
            {
                File.CreateSymbolicLink(target, entry);
            }
        }

        File.Copy(Path.Combine(RenderedManifests.Root, "overlays", overlay, "appsettings.json"), Path.Combine(app, "appsettings.json"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The embedded simulator stands in for the cluster (Kubernetes:InCluster is the Deployment's, not the file's).
            ["Storage:DataDirectory"] = Directory.CreateDirectory(Path.Combine(dir.Path, "data")).FullName,
            ["Simulator:Speed"] = "0",
            ["Authorization:Users:0:Id"] = "console:dana",
            ["Authorization:Users:0:Roles:0"] = "sre",
            ["Authorization:Users:1:Id"] = "console:erin",
            ["Authorization:Users:1:Roles:0"] = "admin",
        };

        await using var bot = await OpsBotProcess.StartAsync(settings, new OpsBotProcessOptions { WorkingDirectory = app, Dll = Path.Combine(app, "OpsBot.dll") });
        var allowed = await bot.CommandAsync("/k8s pods -n ecommerce-production", "dana");
        var outsideRole = await bot.CommandAsync("/k8s pods -n kube-system", "dana");
        var outsideChannel = await bot.CommandAsync("/k8s pods -n kube-system", "erin");
        // The repository's appsettings.json lists alice, bob and carol; indexes 0 and 1 are dana and erin here, so carol
        // would still be there if the image's file were read at all (configuration merges lists by index).
        var repositoryUser = await bot.CommandAsync("/k8s pods -n ecommerce-production", "carol");

        Assert.Contains("pods", (string)allowed["text"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("not allowed", (string)allowed["text"]!, StringComparison.Ordinal);
        Assert.Contains("You (dana) don't have read access to namespace kube-system", (string)outsideRole["text"]!, StringComparison.Ordinal);
        // An admin's role reaches every namespace; the channel still stops at the namespaces the overlay binds.
        Assert.Contains("Namespace kube-system is not allowed in this channel (allowed here: ecommerce-production, ecommerce-staging)", (string)outsideChannel["text"]!, StringComparison.Ordinal);
        Assert.Contains("You (carol) have no role in OpsBot", (string)repositoryUser["text"]!, StringComparison.Ordinal);
    }
}
