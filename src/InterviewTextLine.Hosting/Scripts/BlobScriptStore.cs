using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Hosting.Scripts;

/// <summary>
/// Published wording in a blob container: <c>versions/000001/en.json</c>, <c>versions/000001/es.json</c> and
/// <c>versions/000001/version.json</c> for each version, written once and never changed, and <c>current.json</c>
/// naming the version the line speaks. A revert rewrites only the pointer.
/// </summary>
/// <remarks>
/// The history is kept by the names, not by blob versioning, because Azurite (where the tests run) has no blob
/// versioning; in Azure the container's account has versioning on as well, so every write of the pointer and any
/// overwrite by other means is kept too. Version blobs are written with If-None-Match: *, so a version is never
/// replaced, and the pointer with its ETag, so two publishes at once cannot lose one.
/// </remarks>
public sealed class BlobScriptStore(BlobContainerClient container) : IScriptStore
{
    private const string PointerName = "current.json";
    private const string Prefix = "versions/";
    private const string ManifestName = "version.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public BlobContainerClient Container => container;

    public async Task<CurrentScripts?> ReadCurrentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pointer = await container.GetBlobClient(PointerName).DownloadContentAsync(cancellationToken);
            var version = pointer.Value.Content.ToObjectFromJson<Pointer>(Json)?.Version;
            return version is null ? null : new CurrentScripts(version, pointer.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadVersionAsync(string version, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(version, cancellationToken)
            ?? throw new InvalidOperationException($"There is no published version {version}.");
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in manifest.Languages)
        {
            var blob = await container.GetBlobClient(Folder(version) + language + ".json").DownloadContentAsync(cancellationToken);
            scripts[language] = blob.Value.Content.ToString();
        }

        return scripts;
    }

    public async Task<IReadOnlyList<PublishedVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var current = (await ReadCurrentAsync(cancellationToken))?.Version;
        var versions = new List<PublishedVersion>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
        {
            if (blob.Name.EndsWith("/" + ManifestName, StringComparison.Ordinal)
                && await ReadManifestAsync(blob.Name[Prefix.Length..^(ManifestName.Length + 1)], cancellationToken) is { } manifest)
            {
                versions.Add(new PublishedVersion(manifest.Version, manifest.PublishedAt, manifest.Languages, manifest.Version == current));
            }
        }

        return [.. versions.OrderBy(version => Number(version.Version))];
    }

    public async Task<string> PublishAsync(IReadOnlyDictionary<string, string> jsonByLanguage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jsonByLanguage);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var next = ((await ListAsync(cancellationToken)).Select(version => Number(version.Version)).DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture);
        var once = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        foreach (var (language, json) in jsonByLanguage)
        {
            await container.GetBlobClient(Folder(next) + language + ".json").UploadAsync(BinaryData.FromString(json), once, cancellationToken);
        }

        // The manifest last: a version without one (an interrupted publish) is never listed or pointed at.
        var manifest = new Manifest(next, now, [.. jsonByLanguage.Keys.Order(StringComparer.Ordinal)]);
        await container.GetBlobClient(Folder(next) + ManifestName).UploadAsync(BinaryData.FromObjectAsJson(manifest, Json), once, cancellationToken);
        await SetCurrentAsync(next, now, cancellationToken);
        return next;
    }

    public async Task SetCurrentAsync(string version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ReadManifestAsync(version, cancellationToken) is null)
        {
            throw new InvalidOperationException($"There is no published version {version}.");
        }

        var pointer = container.GetBlobClient(PointerName);
        var conditions = await pointer.ExistsAsync(cancellationToken)
            ? new BlobRequestConditions { IfMatch = (await pointer.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        var content = BinaryData.FromBytes(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Pointer(version, now), Json)));
        await pointer.UploadAsync(content, new BlobUploadOptions { Conditions = conditions }, cancellationToken);
    }

    private async Task<Manifest?> ReadManifestAsync(string version, CancellationToken cancellationToken)
    {
        try
        {
            var blob = await container.GetBlobClient(Folder(version) + ManifestName).DownloadContentAsync(cancellationToken);
            return blob.Value.Content.ToObjectFromJson<Manifest>(Json);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Zero-padded, so the blobs list in version order.</summary>
    private static string Folder(string version) => Prefix + Number(version).ToString("D6", CultureInfo.InvariantCulture) + "/";

    private static int Number(string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"'{version}' is not a version (1, 2, ...).", nameof(version));

    private sealed record Pointer(string Version, DateTimeOffset SetAt);

    private sealed record Manifest(string Version, DateTimeOffset PublishedAt, IReadOnlyList<string> Languages);
}
