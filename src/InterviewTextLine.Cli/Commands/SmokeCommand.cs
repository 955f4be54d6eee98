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
/// <remarks>
/// The auth token is read from <see cref="TokenVariable"/> or standard input, never from the command line, where
/// it would stay in the shell's history and show in every process listing while the test runs.
/// </remarks>
internal static class SmokeCommand
{
    /// <summary>A number from the 555-0100 to 555-0199 block, reserved for fiction: no real texter has it.</summary>
    public const string TestNumber = "+15555550142";

    /// <summary>The environment variable the token is read from; the name azd gives it too.</summary>
    public const string TokenVariable = "TWILIO_AUTH_TOKEN";

    /// <summary>Why <c>--token</c> is refused, without the value it was given.</summary>
    public const string TokenOptionGone =
        "--token is not accepted: a token on the command line stays in the shell's history and shows in the process list. "
        + "Set " + TokenVariable + " or pipe the token on standard input, e.g. azd env get-value " + TokenVariable + " | textline smoke --url ...";

    /// <param name="environment">Reads an environment variable; the process's own by default.</param>
    /// <param name="input">Standard input; the console's by default.</param>
    /// <param name="inputIsTerminal">Whether <paramref name="input"/> is a person at a terminal; asked of the console by default.</param>
    public static Command Create(Func<string, string?>? environment = null, TextReader? input = null, bool? inputIsTerminal = null)
    {
        var url = new Option<string>("--url") { Description = "The webhook URL exactly as Twilio calls it (SMS_WEBHOOK_URL).", Required = true };
        var token = new Option<string?>("--token") { Description = "Not accepted: see " + TokenVariable + ".", Hidden = true };
        var from = new Option<string>("--from") { Description = "The test texter's number.", DefaultValueFactory = _ => TestNumber };
        var command = new Command(
            "smoke",
            "Send a signed test text to a deployed webhook, check the TwiML reply, then FORGET the test number. "
            + "The Twilio auth token comes from " + TokenVariable + " or, when that is unset, standard input.")
        {
            url,
            token,
            from,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetResult(token) is not null)
            {
                await Console.Error.WriteLineAsync(TokenOptionGone);
                return 2;
            }

            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var webhook) || webhook.Scheme is not ("https" or "http"))
            {
                await Console.Error.WriteLineAsync("--url takes the webhook's absolute URL, e.g. https://func-abc.azurewebsites.net/api/sms.");
                return 2;
            }

            var authToken = await ReadTokenAsync(
                environment ?? Environment.GetEnvironmentVariable,
                input ?? Console.In,
                inputIsTerminal ?? !Console.IsInputRedirected,
                cancellationToken);
            if (authToken is null)
            {
                await Console.Error.WriteLineAsync($"No auth token: set {TokenVariable} or pipe the token on standard input.");
                return 2;
            }

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            return await RunAsync(client, webhook, authToken, parseResult.GetValue(from)!, Console.Out, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The token from <see cref="TokenVariable"/>, else the first line of <paramref name="input"/> (asked for, and
    /// not echoed, at a terminal); null when neither holds one.
    /// </summary>
    public static async Task<string?> ReadTokenAsync(Func<string, string?> environment, TextReader input, bool inputIsTerminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(input);
        if (environment(TokenVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        var line = inputIsTerminal ? ReadHidden() : await input.ReadLineAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(line) ? null : line.Trim();
    }

    /// <summary>Asks for the token at the terminal without showing what is typed.</summary>
    private static string ReadHidden()
    {
        Console.Error.Write("Twilio auth token: ");
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
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
