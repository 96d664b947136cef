using System.Diagnostics;
using System.Text;

namespace OpsBot.Testing;

/// <summary>
/// Runs the vendors' own validators (tests/validators: <c>adaptivecards</c> for Teams cards,
/// <c>@slack/types</c> + <c>tsc</c> for Block Kit) over rendered payloads. Installs the pinned npm
/// packages once with <c>npm ci</c> (package-lock.json makes it deterministic). Fails — never skips —
/// when node or npm is missing. Give it many payloads at once: each call is one node run.
/// </summary>
public static class NodeValidators
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _prepared;

    /// <summary>The validators' folder.</summary>
    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tests", "validators");

    /// <summary>
    /// Validates every payload (name → JSON) and throws <see cref="NodeValidationException"/> with the
    /// validators' output when any is invalid. Returns the output (counts of valid payloads).
    /// </summary>
    public static async Task<string> ValidateAsync(
        IReadOnlyDictionary<string, string>? slackPayloads,
        IReadOnlyDictionary<string, string>? adaptiveCards,
        CancellationToken cancellationToken = default)
    {
        await PrepareAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory("opsbot-validate-");
        try
        {
            var output = new StringBuilder();
            var failed = false;
            if (slackPayloads is { Count: > 0 })
            {
                var folder = Write(work.FullName, "slack", slackPayloads);
                var (code, text) = await RunAsync(Node(), [Path.Combine(Folder, "build", "validate-slack.js"), folder], TimeSpan.FromMinutes(3), cancellationToken);
                output.Append(text);
                failed |= code != 0;
            }

            if (adaptiveCards is { Count: > 0 })
            {
                var folder = Write(work.FullName, "teams", adaptiveCards);
                var (code, text) = await RunAsync(Node(), [Path.Combine(Folder, "validate-adaptive-card.mjs"), folder], TimeSpan.FromMinutes(3), cancellationToken);
                output.Append(text);
                failed |= code != 0;
            }

            return failed ? throw new NodeValidationException(output.ToString()) : output.ToString();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Write(string root, string name, IReadOnlyDictionary<string, string> payloads)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        foreach (var (file, json) in payloads)
        {
            var safe = string.Concat(file.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
            File.WriteAllText(Path.Combine(folder, safe + ".json"), json, new UTF8Encoding(false));
        }

        return folder;
    }

    // npm ci when node_modules is missing or incomplete, then compile validate-slack.ts; once per process.
    private static async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_prepared)
            {
                return;
            }

            var node = Node();
            string[] required = ["typescript/bin/tsc", "adaptivecards/dist/adaptivecards.js", "@slack/types/dist/index.d.ts"];
            if (!required.All(path => File.Exists(Path.Combine(Folder, "node_modules", path))))
            {
                var (code, text) = await RunAsync(Find("npm"), ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(8), cancellationToken);
                if (code != 0)
                {
                    throw new NodeValidationException($"npm ci failed in {Folder}:\n{text}");
                }
            }

            var (tscCode, tscText) = await RunAsync(node, [Path.Combine(Folder, "node_modules", "typescript", "bin", "tsc"), "-p", Path.Combine(Folder, "tsconfig.json")], TimeSpan.FromMinutes(3), cancellationToken);
            if (tscCode != 0)
            {
                throw new NodeValidationException($"Compiling validate-slack.ts failed:\n{tscText}");
            }

            _prepared = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string Node() => Find("node");

    private static string Find(string tool)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
        return path ?? throw new NodeValidationException(
            $"'{tool}' is not on PATH. The chat renderer tests validate payloads with the vendors' JavaScript libraries: " +
            "install Debian's nodejs and npm (apt-get install nodejs npm; .ci/run does this).");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new NodeValidationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new NodeValidationException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A vendor validator (tests/validators) refused a payload, or could not run; the message holds its output.</summary>
public sealed class NodeValidationException(string message) : Exception(message);
