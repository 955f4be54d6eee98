using System.Net;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Hosting.Telemetry;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Faults;
using InterviewTextLine.TestKit.Signing;
using InterviewTextLine.TestKit.Waiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// Every log line the served line writes, at Trace level and from every category (the Azure SDK and ASP.NET Core
/// included), over the standard conversations, bad input, forged requests, a storage failure and a follow-up sweep
/// with SendGrid failing: none may carry a phone number, an email address or what a texter wrote.
/// </summary>
public sealed class LogScanTests(AzuriteAssemblyFixture azurite)
{
    private const string Dana = "+15555550100";
    private const string Eli = "+15555550101";
    private const string DanaEmail = "me@example.com";
    private const string EliEmail = "other@example.com";

    /// <summary>
    /// What texters wrote that could say who they are. Keywords ("1", "YES", "HELP") are words any log line may
    /// contain by chance, so the free text is what is looked for.
    /// </summary>
    private static readonly string[] FreeText =
    [
        "hello there, it's Dana from Springfield",
        "purple monkey dishwasher",
        "he was so rude to me today",
        "anyone there? still Dana here",
        "forged hello from Dana",
        "unsigned hello from Dana",
        "storage is down but Dana texts anyway",
        "EMAIL dana.at.nowhere",
        "Eli says hi from the lobby",
        new string('z', 1_700),
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_log_line_at_any_level_names_a_number_an_email_address_or_what_a_texter_wrote()
    {
        var time = new TimerWatchingTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        await using var sendGrid = await FaultySendGrid.StartAsync(Cancellation);
        await using var proxy = TcpFaultProxy.Start(azurite.Runner.Port);
        await using var line = await ServedLine.StartAsync(
            ServedLine.ConnectionStringFor(proxy.Port),
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = "SG.test-key",
                ["SendGrid:Host"] = sendGrid.Url,
                ["SendGrid:Timeout"] = "00:00:05",
            },
            services => services.AddSingleton<TimeProvider>(time));

        var sent = new List<InboundSms>();
        async Task<HttpStatusCode> Text(string body, string from = Dana, Func<InboundSms, InboundSms>? change = null)
        {
            var sms = InboundSms.Text(body).With("From", from);
            sms = change?.Invoke(sms) ?? sms;
            sent.Add(sms);
            using var response = await line.TextAsync(sms);
            time.Advance(TimeSpan.FromMinutes(1));
            return response.StatusCode;
        }

        foreach (var body in new[]
        {
            FreeText[0], "1", "WORDS", "yes", "EMAIL " + DanaEmail, "NOEMAIL", "EMAIL " + DanaEmail, "HELP", FreeText[1], "", FreeText[9], FreeText[7],
            "DONE", FreeText[2], "I left", "3", "still a problem", "4", "how", "MENU", "2", "STOP", FreeText[3], "START", "EMAIL " + DanaEmail,
        })
        {
            Assert.Equal(HttpStatusCode.OK, await Text(body));
        }

        Assert.Equal(HttpStatusCode.OK, await Text("", change: sms => sms.With("NumMedia", "1").With("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1")));
        Assert.Equal(HttpStatusCode.OK, await Text(FreeText[8], Eli));
        Assert.Equal(HttpStatusCode.OK, await Text("EMAIL " + EliEmail, Eli));
        using (var redelivered = await line.TextAsync(sent[0]))
        {
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        }

        var forged = InboundSms.Text(FreeText[4]).With("From", Dana);
        using (var response = await line.PostAsync(ServeHost.WebhookRoute, forged.Fields, TwilioTestSigner.Sign("wrong-token", "http://example.com/api/sms", forged.Fields)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var unsigned = InboundSms.Text(FreeText[5]).With("From", Dana);
        using (var response = await line.PostAsync(ServeHost.WebhookRoute, unsigned.Fields, signature: null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var malformed = InboundSms.Text(FreeText[0]).With("From", Dana).Without("To");
        using (var response = await line.PostAsync(ServeHost.WebhookRoute, malformed.Fields, line.Sign(ServeHost.WebhookRoute, malformed.Fields)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await line.PostAsync(ServeHost.FallbackRoute, unsigned.Fields, line.Sign(ServeHost.FallbackRoute, unsigned.Fields)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        proxy.Mode = ProxyMode.Refuse;
        Assert.True(await Text(FreeText[6]) >= HttpStatusCode.InternalServerError);
        proxy.Mode = ProxyMode.Pass;

        // The serve host's own schedule sweeps on the fake clock: Dana's send fails once and is retried a few
        // minutes later; Eli's connection drops (an unconfirmed send).
        sendGrid.Script(DanaEmail, new SendGridFault.Status(500));
        sendGrid.Script(EliEmail, new SendGridFault.Drop());
        time.Advance(TimeSpan.FromHours(3));
        await AdvanceUntilAsync(time, () => sendGrid.RequestsFor(EliEmail) == 1 && sendGrid.RequestsFor(DanaEmail) >= 1);
        await AdvanceUntilAsync(time, () => sendGrid.AcceptedFor(DanaEmail) == 1);
        Assert.Equal(HttpStatusCode.OK, await Text("FORGET"));

        var records = line.Logs.GetSnapshot();
        TestContext.Current.TestOutputHelper?.WriteLine($"Scanned {records.Count} log records.");

        // The scanner itself finds what it looks for.
        Assert.NotNull(Leak("texter +1 (555) 555-0100 wrote"));
        Assert.NotNull(Leak("From=%2B15555550101"));
        Assert.NotNull(Leak("to ME@Example.com"));
        Assert.NotNull(Leak("body: He was so rude to me today!"));
        Assert.Contains(records, record => record.Level == LogLevel.Trace);
        Assert.Contains(records, record => record.Exception is not null);
        Assert.Contains(records, record => record.Category?.StartsWith("Azure", StringComparison.Ordinal) == true);
        Assert.Contains(records, record => record.Category?.EndsWith(nameof(FollowUpProcessor), StringComparison.Ordinal) == true);
        var leaks = records
            .Select(record => (Record: record, Leak: Leak(Flatten(record))))
            .Where(found => found.Leak is not null)
            .Select(found => $"[{found.Record.Level} {found.Record.Category}] {found.Leak}: {found.Record.Message}")
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(20)));

        // Nor anything stable per texter: not their storage key (the keyed hash of the number, in the Azure SDK's
        // request URLs unless redacted), nor its first 12 characters (the texter tag before it was salted per day).
        var hasher = line.Get<PhoneHasher>();
        var stable = new[] { Dana, Eli }
            .Select(number => hasher.Texter(number, InboundSms.LineNumber).Value)
            .SelectMany(id => new[] { id, id[..TexterTag.Length] })
            .ToList();
        var named = records
            .Where(record => stable.Any(id => Flatten(record).Contains(id, StringComparison.OrdinalIgnoreCase)))
            .Select(record => $"[{record.Level} {record.Category}] {record.Message}")
            .ToList();
        Assert.True(named.Count == 0, string.Join(Environment.NewLine, named.Take(20)));
        Assert.Contains(records, record => record.Message.Contains($"PartitionKey='{StorageKeyRedaction.Redacted}'", StringComparison.Ordinal));
    }

    /// <summary>
    /// Moves the fake clock from one timer of the host's schedules to the next until <paramref name="condition"/>
    /// holds. It moves only to an instant something is waiting for, once it waits, so a sweep still running (its next
    /// wait not armed yet) is never skipped; the wait is bounded by <see cref="Patience"/>, not by a count of tries.
    /// </summary>
    private static async Task AdvanceUntilAsync(TimerWatchingTimeProvider time, Func<bool> condition)
    {
        using var patience = Patience.Start();
        while (!condition())
        {
            await time.AdvanceToNextTimerAsync(patience.Token);
        }
    }

    /// <summary>Everything a log sink could write for a record: the message, every structured value, scopes, the exception.</summary>
    private static string Flatten(FakeLogRecord record) => string.Join(
        '\n',
        new[] { record.Message, record.Exception?.ToString() }
            .Concat(record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])
            .Concat(record.Scopes.Select(scope => scope?.ToString())));

    /// <summary>What in <paramref name="text"/> identifies a texter, or null.</summary>
    private static string? Leak(string text)
    {
        // Numbers in any format: with or without the country code, with the separators people write, URL-encoded.
        var digits = new string([.. text.Replace("%2B", "", StringComparison.OrdinalIgnoreCase).Where(c => c is not (' ' or '-' or '(' or ')' or '.' or '+'))]);
        foreach (var number in new[] { Dana, Eli })
        {
            if (digits.Contains(number[2..], StringComparison.Ordinal))
            {
                return "a phone number";
            }
        }

        foreach (var address in new[] { DanaEmail, EliEmail, "dana.at.nowhere" })
        {
            if (text.Contains(address, StringComparison.OrdinalIgnoreCase) || text.Contains(Uri.EscapeDataString(address), StringComparison.OrdinalIgnoreCase))
            {
                return "an email address";
            }
        }

        foreach (var body in FreeText)
        {
            if (text.Contains(body, StringComparison.OrdinalIgnoreCase) || text.Contains(Uri.EscapeDataString(body), StringComparison.OrdinalIgnoreCase))
            {
                return "a message body";
            }
        }

        return null;
    }
}
