using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using InterviewTextLine.Hosting.Webhook;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline smoke</c>: a signed test text to a deployed webhook from a reserved test number, then FORGET, so
/// nothing about the test stays in storage. It talks to the webhook only: no SMS is sent.
/// </summary>
internal static class SmokeCommand
{
    /// <summary>A number from the 555-0100 to 555-0199 block, reserved for fiction: no real texter has it.</summary>
    public const string TestNumber = "+15555550142";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The webhook URL exactly as Twilio calls it (SMS_WEBHOOK_URL).", Required = true };
        var token = new Option<string>("--token") { Description = "The Twilio auth token the app checks signatures with.", Required = true };
        var from = new Option<string>("--from") { Description = "The test texter's number.", DefaultValueFactory = _ => TestNumber };
        var command = new Command("smoke", "Send a signed test text to a deployed webhook, check the TwiML reply, then FORGET the test number.") { url, token, from };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var webhook) || webhook.Scheme is not ("https" or "http"))
            {
                await Console.Error.WriteLineAsync("--url takes the webhook's absolute URL, e.g. https://func-abc.azurewebsites.net/api/sms.");
                return 2;
            }

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            return await RunAsync(client, webhook, parseResult.GetValue(token)!, parseResult.GetValue(from)!, Console.Out, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the two steps; returns 0 when both answered as a healthy line does, 1 at the first failure.</summary>
    public static async Task<int> RunAsync(HttpClient client, Uri url, string token, string from, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (body, expect) in new[] { ("hi", "the welcome"), ("FORGET", "the FORGET confirmation") })
        {
            var (problem, reply) = await SendAsync(client, url, token, from, body, cancellationToken);
            if (problem is not null)
            {
                await output.WriteLineAsync($"FAIL {body}: {problem}");
                return 1;
            }

            await output.WriteLineAsync($"ok   {body}: 200 with {expect} ({reply!.Length} characters)");
        }

        await output.WriteLineAsync("Smoke test passed: the webhook answers and the test number is forgotten.");
        return 0;
    }

    private static async Task<(string? Problem, string? Reply)> SendAsync(HttpClient client, Uri url, string token, string from, string body, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["AccountSid"] = "AC" + new string('0', 32),
            ["From"] = from,
            ["To"] = ChatCommand.DefaultTo,
            ["Body"] = body,
            ["NumMedia"] = "0",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TwilioSignatureValidator.SignatureHeader, Sign(token, url.AbsoluteUri, fields));
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return ($"no answer ({exception.Message})", null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                return (status.ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase + (status == 403 ? ": the token or the URL is not the one the app signs with" : ""), null);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                var message = XDocument.Parse(text).Root is { Name.LocalName: "Response" } root
                    ? root.Elements("Message").Select(element => element.Value).FirstOrDefault()
                    : null;
                return string.IsNullOrWhiteSpace(message)
                    ? ("200 but no <Message> in the TwiML (is the test number recorded as opted out?)", null)
                    : (null, message);
            }
            catch (XmlException exception)
            {
                return ($"200 but the answer is not TwiML ({exception.Message})", null);
            }
        }
    }

    /// <summary>Twilio's request signature: the URL, then each field's name and value sorted by name, HMAC-SHA1 with the auth token, base64.</summary>
    internal static string Sign(string token, string url, IReadOnlyDictionary<string, string> fields)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            signed.Append(name).Append(value);
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio's signature protocol uses.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(signed.ToString())));
#pragma warning restore CA5350
    }
}
