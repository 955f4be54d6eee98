using System.Text.Encodings.Web;
using Fluid;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Languages;

namespace InterviewTextLine.Email;

/// <summary>
/// Renders follow-up emails from Liquid templates, a pair (HTML and plain text) per language: the language's own
/// (<see cref="LanguageFiles.FollowUpHtml"/> in its profile's files), else the one this assembly ships for its code
/// (<c>Templates/FollowUp.{code}.html.liquid</c>), else the default language's. The HTML part is rendered with an HTML
/// encoder, so every value (script text, program settings) is encoded wherever it appears.
/// </summary>
public sealed class FluidFollowUpRenderer : IFollowUpRenderer
{
    private static readonly FluidParser Parser = new();

    private readonly Dictionary<string, (IFluidTemplate Html, IFluidTemplate Text)> _templates = new(StringComparer.Ordinal);
    private readonly (IFluidTemplate Html, IFluidTemplate Text) _default;
    private readonly TemplateOptions _options = CreateOptions();

    /// <summary>A renderer for the languages that ship with the app.</summary>
    public FluidFollowUpRenderer()
        : this(new LanguageRegistry(BuiltInLanguages.All))
    {
    }

    /// <summary>A renderer for every language registered with the line.</summary>
    public FluidFollowUpRenderer(LanguageRegistry languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        foreach (var language in languages.All)
        {
            if (Templates(language) is { } pair)
            {
                _templates[language.Code] = pair;
            }
        }

        _default = _templates.TryGetValue(languages.Default.Code, out var fallback)
            ? fallback
            : throw new InvalidOperationException($"The default language '{languages.Default.Code}' has no follow-up email templates.");
    }

    public RenderedEmail Render(FollowUpSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var (htmlTemplate, textTemplate) = _templates.TryGetValue(summary.Language, out var templates) ? templates : _default;
        var html = htmlTemplate.Render(new TemplateContext(summary, _options), HtmlEncoder.Default);
        var text = textTemplate.Render(new TemplateContext(summary, _options), NullEncoder.Default);
        return new RenderedEmail(html, Tidy(text));
    }

    /// <summary>The templates of <paramref name="language"/>: its own, else the ones shipped for its code, else none.</summary>
    private static (IFluidTemplate Html, IFluidTemplate Text)? Templates(LanguageProfile language)
    {
        var html = language.Files.ReadText(LanguageFiles.FollowUpHtml) ?? Shipped($"FollowUp.{language.Code}.html.liquid");
        var text = language.Files.ReadText(LanguageFiles.FollowUpText) ?? Shipped($"FollowUp.{language.Code}.txt.liquid");
        return html is null || text is null ? null : (Parse(LanguageFiles.FollowUpHtml, html), Parse(LanguageFiles.FollowUpText, text));
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.Register<FollowUpSummary>();
        options.MemberAccessStrategy.Register<SituationSummary>();
        options.MemberAccessStrategy.Register<SituationOverview>();
        options.MemberAccessStrategy.Register<Paragraph>();
        return options;
    }

    private static string? Shipped(string name)
    {
        using var stream = typeof(FluidFollowUpRenderer).Assembly.GetManifestResourceStream($"InterviewTextLine.Email.Templates.{name}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IFluidTemplate Parse(string name, string source) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The email template {name} does not parse: {error}");

    /// <summary>Liquid tags leave blank lines behind; a plain-text reader should see at most one in a row.</summary>
    private static string Tidy(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd());
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        return string.Join("\r\n", result).Trim() + "\r\n";
    }
}
