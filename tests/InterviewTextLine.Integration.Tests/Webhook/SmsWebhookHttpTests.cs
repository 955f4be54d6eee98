using System.Net;
using System.Text;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.TestKit.Signing;
using InterviewTextLine.TestKit.Waiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary><c>POST /api/sms</c> over real HTTP against the serve host, which shares the Functions app's handler.</summary>
public sealed class SmsWebhookHttpTests
{
    private const string Route = ServeHost.WebhookRoute;

    [Fact]
    public async Task A_correctly_signed_first_text_gets_200_twiml_with_the_welcome_and_is_stored()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi there").Fields);

        var welcome = Assert.Single(await Twiml.MessagesAsync(response));
        var engine = host.App.Services.GetRequiredService<ConversationEngine>();
        Assert.Equal(engine.Render(engine.Script.State(engine.Script.Start).Text), welcome);
        Assert.StartsWith("Career Services (local) interview help", welcome, StringComparison.Ordinal);
        Assert.Equal(1, await host.StoredConversationCountAsync());
    }

    [Fact]
    public async Task The_reply_is_a_utf8_twiml_document_with_xml_characters_escaped()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("HELP").Fields);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        Assert.Contains("Msg&amp;data rates", body, StringComparison.Ordinal);
        Assert.Contains("Msg&data rates", Assert.Single(await Twiml.MessagesAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_signature_gets_403_and_nothing_is_stored_or_handled()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostAsync(Route, InboundSms.Text("hi").Fields, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

        await AssertRejectedAsync(host, response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_missing_signature_gets_403_and_nothing_is_stored_or_handled()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostAsync(Route, InboundSms.Text("hi").Fields, signature: null);

        await AssertRejectedAsync(host, response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signature_for_another_url_gets_403()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields, signedUrl: host.SignedBaseUrl + "/api/other");

        await AssertRejectedAsync(host, response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signature_made_with_another_auth_token_gets_403()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields, authToken: "54321");

        await AssertRejectedAsync(host, response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_field_changed_after_signing_gets_403()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var signed = InboundSms.Text("hi");
        var signature = TwilioTestSigner.Sign(WebhookTestHost.AuthToken, host.SignedBaseUrl + Route, signed.Fields);

        using var response = await host.PostAsync(Route, signed.With("Body", "HELP").Fields, signature);

        await AssertRejectedAsync(host, response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_signature_is_checked_against_the_configured_public_url_not_the_host_the_request_reached()
    {
        const string publicUrl = "https://textline.example.net";
        await using var host = await WebhookTestHost.StartAsync(options => options.Settings["Twilio:WebhookBaseUrl"] = publicUrl);
        var fields = InboundSms.Text("hi").Fields;

        using var signedForPublicUrl = await host.PostSignedAsync(Route, fields, publicUrl + Route, hostHeader: "textline-worker.internal");
        using var signedForSeenUrl = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields, host.BaseUrl + Route);

        Assert.Single(await Twiml.MessagesAsync(signedForPublicUrl));
        Assert.Equal(HttpStatusCode.Forbidden, signedForSeenUrl.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_base_url_serve_checks_signatures_against_its_listen_url()
    {
        await using var host = await WebhookTestHost.StartAsync();

        Assert.Equal(host.BaseUrl.TrimEnd('/'), host.SignedBaseUrl);
    }

    [Theory]
    [InlineData("MessageSid")]
    [InlineData("From")]
    [InlineData("To")]
    public async Task A_signed_request_missing_a_required_field_gets_400_naming_it(string field)
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").Without(field).Fields);

        var reason = await AssertRejectedAsync(host, response, HttpStatusCode.BadRequest);
        Assert.Contains(field, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SM/../../x")]
    [InlineData("SM#1")]
    [InlineData("S")]
    public async Task A_signed_request_with_an_unusable_message_sid_gets_400(string messageSid)
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").With("MessageSid", messageSid).Fields);

        var reason = await AssertRejectedAsync(host, response, HttpStatusCode.BadRequest);
        Assert.Contains("MessageSid", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_signed_request_whose_NumMedia_is_not_a_count_gets_400(string numMedia)
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").With("NumMedia", numMedia).Fields);

        var reason = await AssertRejectedAsync(host, response, HttpStatusCode.BadRequest);
        Assert.Contains("NumMedia", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("From", "+14155550123")]
    [InlineData("From", "+14155550999")]
    [InlineData("Body", "hi")]
    [InlineData("MessageSid", "SM00000000000000000000000000000001")]
    public async Task A_signed_request_holding_a_field_twice_gets_400_naming_it_and_nothing_is_stored(string field, string secondValue)
    {
        await using var host = await WebhookTestHost.StartAsync();
        var fields = InboundSms.Text("hi").Fields.Select(pair => KeyValuePair.Create(pair.Key, pair.Value)).Append(KeyValuePair.Create(field, secondValue)).ToList();
        var signature = TwilioTestSigner.SignRepeated(
            WebhookTestHost.AuthToken,
            host.SignedBaseUrl.TrimEnd('/') + Route,
            fields.GroupBy(pair => pair.Key, StringComparer.Ordinal).Select(group => KeyValuePair.Create(group.Key, group.Select(pair => pair.Value).ToArray())));
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", signature);

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var reason = await AssertRejectedAsync(host, response, HttpStatusCode.BadRequest);
        Assert.Contains(field, reason, StringComparison.Ordinal);
        Assert.Contains("more than once", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_request_holding_a_field_twice_gets_403_not_a_hint_about_its_form()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var fields = InboundSms.Text("hi").Fields.Append(KeyValuePair.Create("From", "+14155550999")).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", "forged");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertRejectedAsync(host, response, HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The deadline runs from the start of the request: a body that never finishes arriving is cut off too. Only the
    /// deadline answers 503 here; the read waits on the test's patience, not on a timer of its own.
    /// </summary>
    [Fact]
    public async Task A_body_that_stops_arriving_gets_a_503_at_the_deadline()
    {
        await using var host = await WebhookTestHost.StartAsync(options => options.Settings["Twilio:WebhookDeadline"] = "00:00:01");
        var uri = new Uri(host.BaseUrl);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, TestContext.Current.CancellationToken);
        await using var stream = client.GetStream();
        var head = $"POST {Route} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\nX-Twilio-Signature: x\r\n\r\nBody=hel";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);

        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var patience = Patience.Start();
        var statusLine = await reader.ReadLineAsync(patience.Token);

        Assert.Equal("HTTP/1.1 503 Service Unavailable", statusLine);
        Assert.Equal(0, await host.StoredConversationCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_gets_400_with_a_reason()
    {
        await using var host = await WebhookTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Route)
        {
            Content = new StringContent("{\"Body\":\"hi\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var reason = await AssertRejectedAsync(host, response, HttpStatusCode.BadRequest);
        Assert.Contains("x-www-form-urlencoded", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_with_no_content_type_gets_400()
    {
        await using var host = await WebhookTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new ByteArrayContent([]) };

        using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertRejectedAsync(host, response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fields_twilio_adds_later_are_signed_and_tolerated()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var sms = InboundSms.Text("hi").With("OptOutType", "").With("SomeFutureField", "value").With("MessagingServiceSid", "MG" + new string('1', 32));

        using var response = await host.PostSignedAsync(Route, sms.Fields);

        Assert.Single(await Twiml.MessagesAsync(response));
    }

    [Fact]
    public async Task An_empty_text_gets_a_polite_reply_and_starts_nothing()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("").Fields);

        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(await Twiml.MessagesAsync(response))));
        await AssertOnlyTheReplyWasRecordedAsync(host);
    }

    [Fact]
    public async Task A_text_without_a_body_field_is_an_empty_text_not_a_bad_request()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("").Without("Body").Fields);

        Assert.Single(await Twiml.MessagesAsync(response));
    }

    [Fact]
    public async Task A_picture_without_text_gets_told_the_line_reads_only_text()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var sms = InboundSms.Text("").With("NumMedia", "1")
            .With("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0")
            .With("MediaContentType0", "image/jpeg");

        using var response = await host.PostSignedAsync(Route, sms.Fields);

        Assert.Contains("text", Assert.Single(await Twiml.MessagesAsync(response)), StringComparison.OrdinalIgnoreCase);
        await AssertOnlyTheReplyWasRecordedAsync(host);
    }

    [Fact]
    public async Task A_text_over_1600_characters_gets_a_polite_reply_and_starts_nothing()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text(new string('a', 2000)).Fields);

        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(await Twiml.MessagesAsync(response))));
        await AssertOnlyTheReplyWasRecordedAsync(host);
    }

    /// <summary>
    /// Text the line cannot use leaves a new texter new: at the welcome, having moved through no state, with only
    /// the reply recorded (its receipt and the reply cap's count), and their next text still gets the welcome.
    /// </summary>
    private static async Task AssertOnlyTheReplyWasRecordedAsync(WebhookTestHost host)
    {
        var texter = Assert.Single(await TestKit.Storage.StoredTexters.AllAsync(host.Store, TestContext.Current.CancellationToken));
        var conversation = (await host.Store.ReadAsync(texter, TestContext.Current.CancellationToken))!.Conversation;
        Assert.Equal(("welcome", 0, 1, 1), (conversation.StateId, conversation.Path.Count, conversation.Replies, conversation.Receipts.Count));

        using var next = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields);
        var engine = host.App.Services.GetRequiredService<ConversationEngine>();
        Assert.Equal([engine.Render(engine.Script.State("welcome").Text)], await Twiml.MessagesAsync(next));
    }

    [Fact]
    public async Task When_the_line_says_nothing_the_reply_is_an_empty_response_document_not_an_empty_body()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("STOP").Fields);

        Assert.Empty(await Twiml.MessagesAsync(response));
    }

    [Fact]
    public async Task A_redelivered_message_gets_the_first_reply_and_is_stored_once()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var sms = InboundSms.Text("hello");

        using var first = await host.PostSignedAsync(Route, sms.Fields);
        using var again = await host.PostSignedAsync(Route, sms.Fields);

        Assert.Equal(await Twiml.MessagesAsync(first), await Twiml.MessagesAsync(again));
        Assert.Equal(1, await host.StoredConversationCountAsync());
    }

    [Fact]
    public async Task When_the_line_fails_the_webhook_answers_500_so_twilio_uses_the_fallback_url()
    {
        await using var host = await WebhookTestHost.StartAsync(configureServices: services =>
            services.AddSingleton<ITextLineService>(new FailingTextLineService(new InvalidOperationException("storage is down"))));
        var sms = InboundSms.Text("hi");

        using var response = await host.PostSignedAsync(Route, sms.Fields);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = Assert.Single(host.Logs.GetSnapshot(), record => record.Level == LogLevel.Error);
        Assert.Contains(sms.MessageSid, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_post_is_routed()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri(Route, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Logs_name_the_reason_for_a_rejection_and_never_the_number_or_the_text()
    {
        await using var host = await WebhookTestHost.StartAsync();
        const string body = "my manager asked about salary";

        using var accepted = await host.PostSignedAsync(Route, InboundSms.Text(body).Fields);
        using var forged = await host.PostAsync(Route, InboundSms.Text(body).Fields, "forged");
        using var missing = await host.PostSignedAsync(Route, InboundSms.Text(body).Without("To").Fields);

        var records = host.Logs.GetSnapshot();
        Assert.Contains(records, record => record.Level == LogLevel.Warning && record.Message.Contains("403", StringComparison.Ordinal) && record.Message.Contains("X-Twilio-Signature", StringComparison.Ordinal));
        Assert.Contains(records, record => record.Level == LogLevel.Warning && record.Message.Contains("400", StringComparison.Ordinal) && record.Message.Contains("To", StringComparison.Ordinal));
        Assert.All(records, record =>
        {
            var text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(pair => pair.Value) ?? []);
            Assert.DoesNotContain(InboundSms.TexterNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(InboundSms.LineNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(body, text, StringComparison.Ordinal);
        });
    }

    private static async Task<string> AssertRejectedAsync(WebhookTestHost host, HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var reason = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Equal(0, await host.StoredConversationCountAsync());
        return reason;
    }

    private sealed class FailingTextLineService(Exception failure) : ITextLineService
    {
        public Task<LineReply> HandleAsync(InboundText text, CancellationToken cancellationToken) => Task.FromException<LineReply>(failure);
    }
}
