using System.Globalization;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    /// <summary>Ensures the image is on the node: "already present", or a pull from the registry.</summary>
    private bool BeginImage(ContainerSync s)
    {
        var c = s.Container;
        c.Image = s.SpecImage;
        var policy = (string?)s.Spec["imagePullPolicy"] ?? ImageReference.DefaultPullPolicy(c.Image);
        var cached = _nodeImages.TryGetValue(s.PodRuntime.Node, out var images) && images.Contains(ImageReference.Normalize(c.Image));
        if (policy == "Never" || (policy == "IfNotPresent" && cached))
        {
            s.Event("Normal", "Pulled", $"Container image \"{c.Image}\" already present on machine");
            c.ImagePulled = true;
            c.Stage = ContainerStage.Creating;
            return true;
        }

        s.Event("Normal", "Pulling", $"Pulling image \"{c.Image}\"");
        // Bigger images take longer: 0.4 s plus 1 s per 100 MB.
        c.PullTook = TimeSpan.FromMilliseconds(400 + (ImageRegistry.SizeBytes(c.Image) / 100_000));
        c.PullDoneAt = s.Now + c.PullTook;
        c.Waiting = null; // the kubelet's default waiting reason: ContainerCreating (PodInitializing with init containers)
        c.Stage = ContainerStage.Pulling;
        return false;
    }

    private bool FinishPull(ContainerSync s)
    {
        var c = s.Container;
        if (s.Now < c.PullDoneAt)
        {
            return false;
        }

        var normalized = ImageReference.Normalize(c.Image);
        if (Registry.Exists(c.Image))
        {
            var took = c.PullTook.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
            s.Event("Normal", "Pulled", $"Successfully pulled image \"{c.Image}\" in {took} ({took} including waiting). Image size: {ImageRegistry.SizeBytes(c.Image)} bytes.");
            if (!_nodeImages.TryGetValue(s.PodRuntime.Node, out var images))
            {
                images = new HashSet<string>(StringComparer.Ordinal);
                _nodeImages[s.PodRuntime.Node] = images;
            }

            images.Add(normalized);
            c.ImagePulled = true;
            c.PullBackOff = TimeSpan.Zero;
            c.Stage = ContainerStage.Creating;
            return true;
        }

        // containerd's answer for a tag the registry does not have.
        var error = $"rpc error: code = NotFound desc = failed to pull and unpack image \"{normalized}\": failed to resolve reference \"{normalized}\": {normalized}: not found";
        s.Event("Warning", "Failed", $"Failed to pull image \"{c.Image}\": {error}");
        s.Event("Warning", "Failed", "Error: ErrImagePull");
        c.Waiting = ("ErrImagePull", error);
        c.PullBackOff = c.PullBackOff == TimeSpan.Zero ? InitialBackOff : Min(c.PullBackOff * 2, MaxBackOff);
        c.NextPullAt = s.Now + c.PullBackOff;
        c.Stage = ContainerStage.PullFailed;
        return false;
    }

    /// <summary>Between failed pulls: ImagePullBackOff until the back-off expires, then pull again.</summary>
    private bool WaitPullBackOff(ContainerSync s)
    {
        var c = s.Container;
        if (s.Now >= c.NextPullAt)
        {
            c.Stage = ContainerStage.NeedImage;
            return true;
        }

        var message = $"Back-off pulling image \"{c.Image}\"";
        if (c.Stage == ContainerStage.PullFailed || s.Now >= c.NextRepeatEventAt)
        {
            s.Event("Normal", "BackOff", message);
            s.Event("Warning", "Failed", "Error: ImagePullBackOff");
            c.NextRepeatEventAt = s.Now + InitialBackOff;
        }

        c.Waiting = ("ImagePullBackOff", message);
        c.Stage = ContainerStage.PullBackOff;
        return false;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
