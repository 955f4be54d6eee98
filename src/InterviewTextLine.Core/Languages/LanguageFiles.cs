using System.Reflection;

namespace InterviewTextLine.Core.Languages;

/// <summary>
/// Where a language's data files are read from, by name: resources embedded in an assembly for the languages that
/// ship with the app, or a folder for one added without a rebuild (and for tests).
/// </summary>
public abstract class LanguageFiles
{
    /// <summary>The flow script.</summary>
    public const string Script = "script.json";

    /// <summary>The follow-up email's HTML template; without one, the default language's.</summary>
    public const string FollowUpHtml = "followup.html.liquid";

    /// <summary>The follow-up email's plain-text template; without one, the default language's.</summary>
    public const string FollowUpText = "followup.txt.liquid";

    /// <summary>The file named <paramref name="name"/>, or null when the language has none.</summary>
    public abstract Stream? Open(string name);

    /// <summary>The text of the file named <paramref name="name"/>, or null when the language has none.</summary>
    public string? ReadText(string name)
    {
        using var stream = Open(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Files embedded in <paramref name="assembly"/>, each under <paramref name="prefix"/> followed by its name.</summary>
    public static LanguageFiles Embedded(Assembly assembly, string prefix) => new EmbeddedFiles(assembly, prefix);

    /// <summary>Files in the folder at <paramref name="path"/>.</summary>
    public static LanguageFiles Folder(string path) => new FolderFiles(Path.GetFullPath(path));

    private sealed class EmbeddedFiles(Assembly assembly, string prefix) : LanguageFiles
    {
        public override Stream? Open(string name) => assembly.GetManifestResourceStream(prefix + name);

        public override string ToString() => $"{assembly.GetName().Name}:{prefix}";
    }

    private sealed class FolderFiles(string folder) : LanguageFiles
    {
        public override Stream? Open(string name)
        {
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? File.OpenRead(path) : null;
        }

        public override string ToString() => folder;
    }
}
