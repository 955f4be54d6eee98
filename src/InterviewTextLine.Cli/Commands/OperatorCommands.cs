using System.CommandLine;
using System.Globalization;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TableStorage;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline lookup</c> and <c>textline forget</c>: an operator's requests about one number in the deployed line,
/// signed in as themselves. The phone-hash key is read from the line's Key Vault with the operator's Entra sign-in
/// (<see cref="DefaultAzureCredential"/>: <c>az login</c> or <c>azd auth login</c>), and the tables are reached the
/// same way. For a local line or a test, <see cref="KeyVariable"/> and <c>--storage</c> stand in for both.
/// </summary>
internal static class OperatorCommands
{
    /// <summary>The Key Vault secret holding the phone-hash key (infra/app/api.bicep names it too).</summary>
    public const string KeySecretName = "phone-hash-key";

    /// <summary>The phone-hash key itself, instead of Key Vault: a local line or a test only.</summary>
    public const string KeyVariable = "Privacy__PhoneHashKey";

    /// <summary>azd's outputs, so that within an azd environment no option is needed.</summary>
    public const string VaultVariable = "AZURE_KEY_VAULT_NAME";
    public const string AccountVariable = "AZURE_STORAGE_ACCOUNT_NAME";
    public const string LineVariable = "TWILIO_PHONE_NUMBER";

    public static Command Lookup(Func<string, string?>? environment = null) =>
        Create("lookup", "Say whether a number is opted out, when it last texted and whether an email is pending; nothing else.", environment, forget: false);

    public static Command Forget(Func<string, string?>? environment = null) =>
        Create("forget", "Erase one number's data in the deployed line (an erasure request). Its opt-out stays unless --include-opt-out.", environment, forget: true);

    private static Command Create(string name, string description, Func<string, string?>? environment, bool forget)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var number = new Option<string>("--number") { Description = "The texter's number, E.164 (+15551234567).", Required = true };
        var line = new Option<string?>("--line") { Description = $"The line's own Twilio number, E.164; default {LineVariable}." };
        var vault = new Option<string?>("--vault") { Description = $"Key Vault name or URI holding {KeySecretName}; default {VaultVariable} (azd)." };
        var account = new Option<string?>("--account") { Description = $"Storage account name of the line; default {AccountVariable} (azd)." };
        var storage = new Option<string?>("--storage") { Description = "A Table Storage connection string instead (a local line, Azurite)." };
        var includeOptOut = new Option<bool>("--include-opt-out") { Description = "Erase the opt-out record too: the line may then text the number again after its next text." };
        var command = new Command(name, description) { number, line, vault, account, storage };
        if (forget)
        {
            command.Add(includeOptOut);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            var lineNumber = parseResult.GetValue(line) ?? environment(LineVariable);
            if (string.IsNullOrWhiteSpace(lineNumber))
            {
                await error.WriteLineAsync($"textline {name}: give the line's own number with --line or {LineVariable} (numbers are hashed together with it).");
                return 2;
            }

            var settings = await SettingsAsync(parseResult.GetValue(vault) ?? environment(VaultVariable), parseResult.GetValue(account) ?? environment(AccountVariable), parseResult.GetValue(storage), environment, cancellationToken);
            if (settings is null)
            {
                await error.WriteLineAsync($"textline {name}: give --vault (or {VaultVariable}) and --account (or {AccountVariable}), or {KeyVariable} and --storage for a local line.");
                return 2;
            }

            await using var services = LocalServices.Build(LocalServices.Configuration(embeddedOnly: true, settings), TimeProvider.System);
            var records = services.GetRequiredService<OperatorRecords>();
            var texter = parseResult.GetValue(number)!;
            if (forget)
            {
                var outcome = await records.ForgetAsync(texter, lineNumber, parseResult.GetValue(includeOptOut), cancellationToken);
                await output.WriteLineAsync(!outcome.Found ? "Nothing was stored for this number."
                    : outcome.KeptOptOut ? "Erased. The number's opt-out was kept, so the line stays silent to it until it texts START."
                    : "Erased.");
                return 0;
            }

            var found = await records.LookupAsync(texter, lineNumber, cancellationToken);
            await output.WriteLineAsync(found.Found
                ? string.Create(CultureInfo.InvariantCulture, $"opted out: {(found.OptedOut ? "yes" : "no")}; last active: {found.LastActiveAt:yyyy-MM-dd HH:mm}Z; email pending: {(found.EmailPending ? "yes" : "no")}")
                : "Nothing is stored for this number.");
            return 0;
        });
        return command;
    }

    /// <summary>The key and the storage settings: from Key Vault and the account with the operator's sign-in, or given.</summary>
    private static async Task<Dictionary<string, string?>?> SettingsAsync(string? vault, string? account, string? storage, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var key = environment(KeyVariable);
        if (string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(vault))
        {
            var uri = vault.Contains("://", StringComparison.Ordinal) ? new Uri(vault) : new Uri($"https://{vault}.vault.azure.net/");
            key = (await new SecretClient(uri, new DefaultAzureCredential()).GetSecretAsync(KeySecretName, cancellationToken: cancellationToken)).Value.Value;
        }

        var tables = string.IsNullOrWhiteSpace(account) ? null : $"https://{account}.table.core.windows.net";
        if (string.IsNullOrWhiteSpace(key) || (string.IsNullOrWhiteSpace(storage) && tables is null))
        {
            return null;
        }

        return new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{PrivacyOptions.SectionName}:{nameof(PrivacyOptions.PhoneHashKey)}"] = key,
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)}"] = storage,
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.TableServiceUri)}"] = string.IsNullOrWhiteSpace(storage) ? tables : null,
            // The deployed line's table names are the defaults; a line that renamed them says so as it does.
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.ConversationsTable)}"] = environment("Storage__ConversationsTable") ?? new StorageOptions().ConversationsTable,
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.FollowUpsTable)}"] = environment("Storage__FollowUpsTable") ?? new StorageOptions().FollowUpsTable,
        };
    }
}
