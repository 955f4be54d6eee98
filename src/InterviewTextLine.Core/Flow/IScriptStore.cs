namespace InterviewTextLine.Core.Flow;

/// <summary>
/// Where published wording lives: versions of the scripts of every language, each kept as published, and which one
/// the line speaks. <c>textline publish</c> writes it; the running line reads it (the blob container in Azure).
/// </summary>
public interface IScriptStore
{
    /// <summary>The version the line should speak and a tag that changes when it does, or null when none was published.</summary>
    Task<CurrentScripts?> ReadCurrentAsync(CancellationToken cancellationToken);

    /// <summary>The JSON of each language's script in <paramref name="version"/>, keyed by language.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadVersionAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every published version, oldest first.</summary>
    Task<IReadOnlyList<PublishedVersion>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="jsonByLanguage"/> as a new version and makes it the current one; returns its name.</summary>
    Task<string> PublishAsync(IReadOnlyDictionary<string, string> jsonByLanguage, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Makes the published <paramref name="version"/> the current one again (a revert).</summary>
    Task SetCurrentAsync(string version, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The current version and a tag (an ETag) that changes whenever the current version is set.</summary>
public sealed record CurrentScripts(string Version, string Tag);

/// <summary>One published version.</summary>
/// <param name="Version">Its name (<c>1</c>, <c>2</c>, ...).</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="Languages">The languages it holds.</param>
/// <param name="IsCurrent">True for the version the line speaks.</param>
public sealed record PublishedVersion(string Version, DateTimeOffset PublishedAt, IReadOnlyList<string> Languages, bool IsCurrent);
