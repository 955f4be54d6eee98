using System.Text.Encodings.Web;
using Fluid;
using InterviewTextLine.Core.FollowUps;

namespace InterviewTextLine.Email;

/// <summary>
/// Renders follow-up emails from the Liquid templates in <c>Templates/</c>. The HTML part is rendered
/// with an HTML encoder, so every value (script text, program settings) is encoded wherever it appears.
/// </summary>
public sealed class FluidFollowUpRenderer : IFollowUpRenderer
{
    private static readonly FluidParser Parser = new();

    // One pair of templates per language: FollowUp.html.liquid is English, FollowUp.es.html.liquid Spanish.
    private readonly Dictionary<string, (IFluidTemplate Html, IFluidTemplate Text)> _templates = new(StringComparer.Ordinal)
    {
        ["en"] = (Load("FollowUp.html.liquid"), Load("FollowUp.txt.liquid")),
        ["es"] = (Load("FollowUp.es.html.liquid"), Load("FollowUp.es.txt.liquid")),
    };

    private readonly TemplateOptions _options = CreateOptions();

    public RenderedEmail Render(FollowUpSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var (htmlTemplate, textTemplate) = _templates.TryGetValue(summary.Language, out var templates) ? templates : _templates["en"];
        var html = htmlTemplate.Render(new TemplateContext(summary, _options), HtmlEncoder.Default);
        var text = textTemplate.Render(new TemplateContext(summary, _options), NullEncoder.Default);
        return new RenderedEmail(html, Tidy(text));
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

    private static IFluidTemplate Load(string name)
    {
        var resource = $"InterviewTextLine.Email.Templates.{name}";
        using var stream = typeof(FluidFollowUpRenderer).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The email template {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The email template {name} does not parse: {error}");
    }

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
