using System.Net;
using System.Text;
using CsCheck;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// Random requests at the webhook over HTTP: random fields, sizes, encodings, content types and signatures. Whatever
/// arrives, the answer is never a 5xx; a signed, well-formed text gets TwiML that parses (control characters
/// included), an unsigned one 403, a signed, malformed one 400 and one over 64 KB 413; and the store ends up holding
/// only conversations the script can continue.
/// </summary>
public sealed class WebhookFuzzTests
{
    private const int Requests = 300;

    private static readonly string[] TwilioFields =
    [
        "MessageSid", "SmsSid", "SmsMessageSid", "AccountSid", "MessagingServiceSid", "From", "To", "Body", "NumMedia", "NumSegments",
        "MediaUrl0", "MediaContentType0", "FromCity", "FromState", "FromZip", "FromCountry", "ToCity", "ToState", "ToZip", "ToCountry",
        "SmsStatus", "ApiVersion", "OptOutType",
    ];

    private static readonly string[] Keywords = ["hi", "1", "2", "3", "4", "yes", "NO", "HELP", "STOP", "START", "MENU", "DONE", "WORDS", "FORGET", "EMAIL me@example.com", "NOEMAIL"];

    // Control characters, NUL included: the line reads the form itself, and such a text gets a polite reply.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 30],
        Gen.OneOf(Keywords),
        Gen.Int[1, 0x10FFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Array[0, 20].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32))),
        Gen.Char[(char)0, (char)31].Array[0, 8].Select(chars => new string(chars)),
        Gen.OneOf("&", "=", "%", "+", "%zz", "a=b&c=d", "<Response/>", "]]>", "\r\n", "😀", "\u2019", "{ProgramName}"),
        Gen.Int[1_590, 1_610].Select(length => new string('x', length)),
        Gen.Int[10_000, TwilioOptions.DefaultMaxFieldValueLength].Select(length => new string('y', length)));

    private static readonly Gen<string> FieldName = Gen.OneOf(
        Gen.OneOf(TwilioFields),
        Gen.String[Gen.Char.AlphaNumeric, 1, 20],
        Gen.Int[1, 0xFFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Array[1, 10].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32))),
        Gen.Int[2_000, 5_000].Select(length => new string('k', length)));

    private static readonly Gen<IReadOnlyList<KeyValuePair<string, string>>> Extras =
        Gen.Select(FieldName, Text, (name, value) => KeyValuePair.Create(name, value)).Array[0, 12].Select(fields => (IReadOnlyList<KeyValuePair<string, string>>)fields);

    /// <summary>A text as Twilio would post it, with random content and random extra fields that do not clash.</summary>
    private static readonly Gen<List<KeyValuePair<string, string>>> WellFormed = Gen.Select(
        Text,
        Gen.OneOf(Gen.Const(InboundSms.TexterNumber), Gen.Int[0, 9_999_999].Select(n => $"+1555{n:D7}"), Gen.String[Gen.Char.AlphaNumeric, 1, 20]),
        Gen.OneOf(Gen.Const((string?)null), Gen.Int[0, 3].Select(n => (string?)n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        Extras,
        (body, from, media, extras) =>
        {
            var fields = InboundSms.Text(body).With("From", from).Fields.ToList();
            fields.RemoveAll(field => field.Key == "NumMedia");
            if (media is not null)
            {
                fields.Add(KeyValuePair.Create("NumMedia", media));
            }

            var names = new HashSet<string>(fields.Select(field => field.Key), StringComparer.OrdinalIgnoreCase) { "NumMedia" };
            foreach (var extra in extras.Where(extra => extra.Key.Length <= 100 && names.Add(extra.Key)))
            {
                // A text as Twilio posts it stays within the body limit; oversized bodies are a case of their own.
                if (Encode([.. fields, extra]).Length <= TwilioOptions.DefaultMaxBodyBytes)
                {
                    fields.Add(extra);
                }
            }

            return fields;
        });

    private static readonly Gen<FuzzCase> Cases = Gen.Frequency(
        (4, WellFormed.Select(fields => new FuzzCase("signed text", Form, Encode(fields), Signing.Correct, fields, Outcome.Reply))),
        (2, Gen.Select(WellFormed, Gen.Bool, (fields, none) => new FuzzCase("unsigned or forged", Form, Encode(fields), none ? Signing.None : Signing.Forged, fields, Outcome.Forbidden))),
        (2, Gen.Select(WellFormed, Malformations(), (fields, malform) => malform(fields)).Select(fields => new FuzzCase("signed, malformed", Form, Encode(fields), Signing.Correct, fields, Outcome.BadRequest))),
        (1, Gen.Select(WellFormed, Gen.OneOf<string?>(null, "application/json", "text/plain", "multipart/form-data; boundary=x", "application/xml", "garbage", "application/x-www-form-urlencodedx"), Gen.Bool)
            .Select((fields, type, signed) => new FuzzCase("not a form", type, Encode(fields), signed ? Signing.Correct : Signing.None, fields, Outcome.BadRequest))),
        (1, Gen.Select(WellFormed, Gen.OneOf("application/x-www-form-urlencoded; charset=iso-8859-1", "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencoded; charset=nonsense", "application/x-www-form-urlencoded; charset=utf-16"))
            .Select((fields, type) => new FuzzCase("odd charset", type, Encode(fields), Signing.Correct, fields, Outcome.NoServerError))),
        (1, Gen.Select(WellFormed, Gen.Int[1, 3]).Select((fields, copies) => Repeat(fields, copies)).Select(fields => new FuzzCase("repeated keys", Form, Encode(fields), Signing.Correct, fields, Outcome.NoServerError))),
        (1, Gen.Select(WellFormed, Gen.Int[TwilioOptions.DefaultMaxBodyBytes + 1, 3 * TwilioOptions.DefaultMaxBodyBytes], Gen.Bool)
            .Select((fields, length, signed) => fields.Append(KeyValuePair.Create("Padding", new string('p', length))).ToList())
            .Select(fields => new FuzzCase("over 64 KB", Form, Encode(fields), Signing.Correct, fields, Outcome.TooLarge))),
        (1, Extras.Select(fields => new FuzzCase("random fields", Form, Encode(fields), Signing.Correct, fields, Outcome.NoServerError))),
        (1, Gen.Select(Gen.Byte.Array[0, 4_000], Gen.OneOf<string?>(Form, null, "text/plain"), Gen.Bool)
            .Select((bytes, type, forged) => new FuzzCase("raw bytes", type, bytes, forged ? Signing.Forged : Signing.None, [], Outcome.NoServerError))),
        (1, Gen.OneOf("%", "%zz=1", "a=%C3%28", "=&=&=", "&&&", "MessageSid", "%00=%00", "Body=%00", "a=%FF%FE", "Body=" + new string('%', 3_000))
            .Select(raw => new FuzzCase("broken encoding", Form, Encoding.ASCII.GetBytes(raw), Signing.Forged, [], Outcome.NoServerError))));

    private const string Form = "application/x-www-form-urlencoded";

    private enum Signing
    {
        None,
        Correct,
        Forged,
    }

    private enum Outcome
    {
        Reply,
        Forbidden,
        BadRequest,
        TooLarge,
        NoServerError,
    }

    [Fact]
    public async Task Random_requests_never_get_a_5xx_and_leave_only_well_formed_conversations()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var url = host.SignedBaseUrl.TrimEnd('/') + ServeHost.WebhookRoute;
        var engine = host.App.Services.GetRequiredService<ConversationEngine>();
        var replied = 0;

        await Cases.SampleAsync(
            async fuzz =>
            {
                using var response = await SendAsync(host, url, fuzz);
                var status = response.StatusCode;
                var story = $"{fuzz.Kind} ({fuzz.ContentType}, {fuzz.Body.Length} bytes): {(int)status} {await ReadAsync(response)}";
                Assert.True(status < HttpStatusCode.InternalServerError, story);
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.RequestEntityTooLarge, story);
                switch (fuzz.Expected)
                {
                    case Outcome.Reply:
                        Assert.True(status == HttpStatusCode.OK, story);
                        break;
                    case Outcome.Forbidden:
                        Assert.True(status == HttpStatusCode.Forbidden, story);
                        break;
                    case Outcome.BadRequest:
                        Assert.True(status == HttpStatusCode.BadRequest, story);
                        break;
                    case Outcome.TooLarge:
                        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, story);
                        break;
                }

                if (status == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref replied);
                    var messages = await Twiml.MessagesAsync(response);
                    Assert.True(messages.Count <= 1, story);
                    Assert.All(messages, message => Assert.True(SmsSegments.Of(message).Encoding == SmsEncoding.Gsm7 && message.Length <= 1600, story));
                }
            },
            iter: Requests,
            threads: 2);

        Assert.True(replied > Requests / 5, $"Only {replied} of {Requests} requests were answered with TwiML; the generator hardly reaches the line.");
        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Level >= LogLevel.Error);
        var script = engine.Script;
        foreach (var texter in await TestKit.Storage.StoredTexters.AllAsync(host.Store, TestContext.Current.CancellationToken))
        {
            var conversation = (await host.Store.ReadAsync(texter, TestContext.Current.CancellationToken))!.Conversation;
            Assert.True(script.HasState(conversation.StateId), conversation.StateId);
            Assert.All(conversation.Path, state => Assert.True(script.HasState(state), state));
            Assert.True(conversation.Situation is null || script.Situations.ContainsKey(conversation.Situation), conversation.Situation);
            Assert.True(conversation.Email is null || conversation.Email.Contains('@', StringComparison.Ordinal));
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(WebhookTestHost host, string url, FuzzCase fuzz)
    {
        var content = new ByteArrayContent(fuzz.Body);
        if (fuzz.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, ServeHost.WebhookRoute) { Content = content };
        var signature = fuzz.Sign switch
        {
            Signing.Correct => SignAsTwilio(WebhookTestHost.AuthToken, url, fuzz.Fields),
            Signing.Forged => SignAsTwilio("not-the-auth-token", url, fuzz.Fields),
            _ => null,
        };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignatureValidator.SignatureHeader, signature);
        }

        return await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Signed as Twilio signs: a repeated name once per distinct value, values sorted.</summary>
    private static string SignAsTwilio(string token, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        TwilioTestSigner.Sign(token, url, fields);

    private static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.ASCII.GetBytes(string.Join('&', fields.Select(field => Uri.EscapeDataString(field.Key) + "=" + Uri.EscapeDataString(field.Value))));

    private static List<KeyValuePair<string, string>> Repeat(List<KeyValuePair<string, string>> fields, int copies)
    {
        var repeated = new List<KeyValuePair<string, string>>(fields);
        foreach (var field in fields.Take(copies * 3))
        {
            repeated.Add(KeyValuePair.Create(copies == 2 ? field.Key.ToLowerInvariant() : field.Key, field.Value + "x"));
        }

        return repeated;
    }

    /// <summary>The ways a signed request can be malformed: a required field missing or a field with a value Twilio never sends.</summary>
    private static Gen<Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>>> Malformations() => Gen.OneOf(
        Gen.OneOf("MessageSid", "From", "To").Select(Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>> (name) =>
            fields => [.. fields.Where(field => field.Key != name)]),
        Gen.OneOf("SM-1", "S", "SM 1", "SM" + new string('a', 70), "SM1/..", "SMé").Select(Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>> (sid) =>
            fields => [.. fields.Select(field => field.Key == "MessageSid" ? KeyValuePair.Create(field.Key, sid) : field)]),
        Gen.OneOf("-1", "101", "1.5", "abc", " 1", "1e3", "99999999999").Select(Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>> (media) =>
            fields => [.. fields.Where(field => field.Key != "NumMedia").Append(KeyValuePair.Create("NumMedia", media))]));

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return text.Length > 200 ? text[..200] : text;
    }

    private sealed record FuzzCase(string Kind, string? ContentType, byte[] Body, Signing Sign, IReadOnlyList<KeyValuePair<string, string>> Fields, Outcome Expected)
    {
        public override string ToString() => $"{Kind}: {ContentType}, {Body.Length} bytes, {Sign}, expected {Expected}";
    }
}
