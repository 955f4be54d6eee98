using System.CommandLine;
using System.Globalization;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Hosting.Scripts;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline publish</c> and <c>textline versions</c>: the line's wording published to its blob container without a
/// deploy, linted first (every language together), kept as a numbered version, and reverted by pointing the line
/// back at an earlier one. The running app takes the current version within a minute.
/// </summary>
internal static class PublishCommand
{
    public const string AccountVariable = OperatorCommands.AccountVariable;

    public static Command Publish(Func<string, string?>? environment = null, TimeProvider? time = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        time ??= TimeProvider.System;
        var script = ScriptArguments.Option("The edited scripts: CODE=FILE (a language's code; repeat), or a folder. A language not given keeps its current published (or built-in) script.");
        var revert = new Option<string?>("--revert") { Description = "Go back to a published version instead: the one given, or the one before the current.", Arity = ArgumentArity.ZeroOrOne };
        var dryRun = new Option<bool>("--dry-run") { Description = "Lint and print what would change; publish nothing." };
        var (account, storage, container) = ConnectionOptions();
        var command = new Command("publish", "Publish the wording to the deployed line without a deploy: lint every language together, upload them as one version, print what changed.")
        {
            script, revert, dryRun, account, storage, container,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            if (Store(parseResult, account, storage, container, environment) is not { } store)
            {
                await error.WriteLineAsync($"textline publish: give --account (or {AccountVariable}), or --storage for a local line.");
                return 2;
            }

            if (parseResult.GetResult(revert) is not null)
            {
                return await RevertAsync(store, parseResult.GetValue(revert), time, output, error, cancellationToken);
            }

            return await PublishAsync(store, parseResult.GetValue(script), parseResult.GetValue(dryRun), time, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>Lints the edited scripts with the current ones of the other languages, prints what changed and, unless <paramref name="dryRun"/>, publishes them.</summary>
    private static async Task<int> PublishAsync(
        BlobScriptStore store, string[]? scripts, bool dryRun, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var current = await store.ReadCurrentAsync(cancellationToken);
        var before = current is null ? ScriptSet.Embedded(BuiltInLanguages.All) : await store.ReadVersionAsync(current.Version, cancellationToken);
        var candidate = new Dictionary<string, string>(before, StringComparer.Ordinal);
        foreach (var (language, path) in ScriptArguments.Files(scripts))
        {
            candidate[language] = await File.ReadAllTextAsync(path, cancellationToken);
        }

        var (read, problems) = ScriptSet.Read(candidate, BuiltInLanguages.All);
        if (read is null)
        {
            await error.WriteLineAsync($"Not published: {problems.Count} problem(s).");
            foreach (var problem in problems)
            {
                await error.WriteLineAsync("error: " + problem);
            }

            return 1;
        }

        foreach (var script in read)
        {
            foreach (var note in script.Notes)
            {
                await output.WriteLineAsync($"note: {script.Language}: {note}");
            }
        }

        var changes = ScriptDiff.Describe(ScriptSet.Read(before, BuiltInLanguages.All).Scripts ?? [], read);
        foreach (var change in changes.DefaultIfEmpty("Nothing changed."))
        {
            await output.WriteLineAsync(change);
        }

        if (dryRun || changes.Count == 0)
        {
            return 0;
        }

        var version = await store.PublishAsync(candidate, time.GetUtcNow(), cancellationToken);
        await output.WriteLineAsync($"Published version {version}. The line speaks it within a minute; textline publish --revert goes back.");
        return 0;
    }

    public static Command Versions(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (account, storage, container) = ConnectionOptions();
        var command = new Command("versions", "List the published versions of the wording; * marks the one the line speaks.") { account, storage, container };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (Store(parseResult, account, storage, container, environment) is not { } store)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"textline versions: give --account (or {AccountVariable}), or --storage for a local line.");
                return 2;
            }

            var versions = await store.ListAsync(cancellationToken);
            foreach (var version in versions)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{(version.IsCurrent ? "*" : " ")} {version.Version}  {version.PublishedAt:yyyy-MM-dd HH:mm}Z  {string.Join(",", version.Languages)}"));
            }

            if (versions.Count == 0)
            {
                await output.WriteLineAsync("Nothing published yet: the line speaks the scripts built into the app.");
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> RevertAsync(BlobScriptStore store, string? version, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var versions = await store.ListAsync(cancellationToken);
        var current = versions.FirstOrDefault(candidate => candidate.IsCurrent);
        var target = version is not null
            ? versions.FirstOrDefault(candidate => candidate.Version == version)
            : versions.TakeWhile(candidate => !candidate.IsCurrent).LastOrDefault();
        if (target is null)
        {
            await error.WriteLineAsync(version is null ? "There is no version before the current one to go back to." : $"There is no published version {version}.");
            return 1;
        }

        // A version is linted again on the way back: the app refuses what no longer passes, and so does this.
        var (_, problems) = ScriptSet.Read(await store.ReadVersionAsync(target.Version, cancellationToken), BuiltInLanguages.All);
        if (problems.Count > 0)
        {
            await error.WriteLineAsync($"Version {target.Version} no longer passes the lint: {string.Join("; ", problems)}");
            return 1;
        }

        await store.SetCurrentAsync(target.Version, time.GetUtcNow(), cancellationToken);
        await output.WriteLineAsync($"The line goes back to version {target.Version} (was {current?.Version ?? "none"}) within a minute.");
        return 0;
    }

    private static (Option<string?> Account, Option<string?> Storage, Option<string> Container) ConnectionOptions() =>
    (
        new Option<string?>("--account") { Description = $"Storage account of the deployed line, reached with your Entra sign-in; default {AccountVariable} (azd)." },
        new Option<string?>("--storage") { Description = "A Blob Storage connection string instead (a local line, Azurite)." },
        new Option<string>("--container") { Description = "The scripts' blob container.", DefaultValueFactory = _ => new ScriptStoreOptions().Container }
    );

    private static BlobScriptStore? Store(ParseResult parseResult, Option<string?> account, Option<string?> storage, Option<string> container, Func<string, string?> environment)
    {
        var connection = parseResult.GetValue(storage);
        var name = parseResult.GetValue(account) ?? environment(AccountVariable);
        var options = new ScriptStoreOptions { ConnectionString = connection, Container = parseResult.GetValue(container)! };
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            options.ContainerUri = $"https://{name}.blob.core.windows.net/{options.Container}";
        }

        return new BlobScriptStore(ScriptStoreServiceCollectionExtensions.Container(options));
    }
}
