using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Integration.Tests.Storage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Email;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Integration.Tests.Email;

/// <summary>
/// From the texts to SendGrid, with every real part: the service on Table Storage (Azurite), the sweep,
/// the SendGrid SDK, and an HTTP server on loopback standing in for SendGrid.
/// </summary>
public sealed class FollowUpEndToEndTests(AzuriteAssemblyFixture azurite) : IAsyncLifetime
{
    private LineOnTableStorage? _line;
    private FakeSendGridServer? _sendGrid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private LineOnTableStorage Line => _line!;

    public async ValueTask InitializeAsync()
    {
        _sendGrid = await FakeSendGridServer.StartAsync(Cancellation);
        _line = await LineOnTableStorage.CreateAsync(azurite, [new("SendGrid:ApiKey", "SG.end-to-end"), new("SendGrid:Host", _sendGrid.Url)], Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_line is not null)
        {
            await _line.DisposeAsync();
        }

        if (_sendGrid is not null)
        {
            await _sendGrid.DisposeAsync();
        }
    }

    private Task<LineReply> Text(string from, string body) => Line.TextAsync(from, body, Cancellation);

    private Task<FollowUpSweepResult> Sweep() => Line.Services.GetRequiredService<IFollowUpProcessor>().RunAsync(Cancellation);

    private List<string> Recipients() =>
        [.. _sendGrid!.Requests.Select(request => request.Body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()!)];

    [Fact]
    public async Task One_email_goes_out_after_the_last_text_and_never_to_those_who_cancelled()
    {
        foreach (var (from, address) in new[] { ("+15555550141", "stays@example.com"), ("+15555550142", "noemail@example.com"), ("+15555550143", "stop@example.com"), ("+15555550144", "forget@example.com") })
        {
            await Text(from, "she keeps yelling at me");
            await Text(from, $"EMAIL {address}");
        }

        await Text("+15555550142", "NOEMAIL");
        await Text("+15555550143", "STOP");
        await Text("+15555550144", "FORGET");

        // A later text pushes the summary back: not due at the original time.
        Line.Time.Advance(TimeSpan.FromMinutes(90));
        await Text("+15555550141", "I left");
        Line.Time.Advance(TimeSpan.FromMinutes(45));
        Assert.Empty((await Sweep()).Sent);
        Assert.Empty(_sendGrid!.Requests);

        Line.Time.Advance(TimeSpan.FromMinutes(90));
        var sent = await Sweep();
        Line.Time.Advance(TimeSpan.FromHours(3));
        var again = await Sweep();

        Assert.Single(sent.Sent);
        Assert.Empty(again.Sent);
        Assert.Equal(["stays@example.com"], Recipients());
        var stored = await Line.Tables.Store.ReadDueAsync(DateTimeOffset.MaxValue, null, 10, Cancellation);
        Assert.Empty(stored);
    }

    /// <summary>
    /// Inbox previews, lock screens and shared mailboxes show a subject to whoever is nearby: the one SendGrid
    /// receives names the program and nothing of what happened, in either language.
    /// </summary>
    [Fact]
    public async Task The_subject_sendgrid_receives_names_no_situation_in_either_language()
    {
        await Text("+15555550151", "she keeps yelling at me");
        await Text("+15555550151", "EMAIL en@example.com");
        await Text("+15555550152", "el entrevistador es muy grosero");
        await Text("+15555550152", "CORREO es@example.com");

        Line.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(2, (await Sweep()).Sent.Count);

        var subjects = _sendGrid!.Requests.ToDictionary(
            request => request.Body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()!,
            request => request.Body.TryGetProperty("subject", out var subject) ? subject.GetString() : request.Body.GetProperty("personalizations")[0].GetProperty("subject").GetString());
        var program = Line.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Configuration.ProgramOptions>>().Value.Name;
        Assert.Equal($"Your interview notes from {program}", subjects["en@example.com"]);
        Assert.Equal($"Tus notas de entrevista de {program}", subjects["es@example.com"]);
        var scripts = Line.Services.GetRequiredService<Core.Flow.FlowScripts>();
        foreach (var situation in scripts.All.SelectMany(script => script.Situations.Values))
        {
            Assert.All(subjects.Values, subject => Assert.DoesNotContain(situation.Title, subject, StringComparison.OrdinalIgnoreCase));
        }

        // The letter itself still says what happened: it is for the texter to open.
        var titles = scripts.All.SelectMany(script => script.Situations.Values).Select(situation => situation.Title).ToList();
        Assert.All(_sendGrid.Requests, request =>
        {
            var text = request.Body.GetProperty("content")[0].GetProperty("value").GetString()!;
            Assert.Contains(titles, title => text.Contains(title, StringComparison.Ordinal));
        });
    }
}
