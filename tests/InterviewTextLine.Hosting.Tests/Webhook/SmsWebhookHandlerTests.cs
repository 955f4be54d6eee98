using System.Text;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TestKit.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace InterviewTextLine.Hosting.Tests.Webhook;

/// <summary>What the webhook handler, behind the gate, asks of the line's service, and what it never asks.</summary>
public sealed class SmsWebhookHandlerTests
{
    private const string AuthToken = "12345";
    private const string BaseUrl = "https://line.example.org";

    private static readonly Dictionary<string, string> Form = new(StringComparer.Ordinal)
    {
        ["MessageSid"] = "SM" + new string('a', 32),
        ["From"] = "+15555550123",
        ["To"] = "+15555550199",
        ["Body"] = "he was so rude",
        ["NumMedia"] = "0",
    };

    private static Task<IResult> AnswerAsync(ITextLineService service, HttpRequest request)
    {
        var options = Options.Create(new TwilioOptions { AuthToken = AuthToken, WebhookBaseUrl = BaseUrl });
        var gate = new TwilioWebhookGate(new TwilioSignatureValidator(options), options, TestKit.Builders.TestMetrics.Create(), NullLogger<TwilioWebhookGate>.Instance);
        return gate.HandleAsync(request, new SmsWebhookHandler(service, options, NullLogger<SmsWebhookHandler>.Instance), TestContext.Current.CancellationToken);
    }

    private static HttpRequest Request(string? signature)
    {
        var context = new DefaultHttpContext();
        var body = string.Join('&', Form.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)));
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("line.example.org");
        context.Request.Path = "/api/sms";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (signature is not null)
        {
            context.Request.Headers["X-Twilio-Signature"] = signature;
        }

        return context.Request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    public async Task A_forged_or_unsigned_request_is_refused_without_asking_the_service(string? signature)
    {
        var service = new Mock<ITextLineService>(MockBehavior.Strict);

        var result = await AnswerAsync(service.Object, Request(signature));

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        service.Verify(s => s.HandleAsync(It.IsAny<InboundText>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_signed_request_asks_the_service_once_with_the_texts_fields()
    {
        var service = new Mock<ITextLineService>(MockBehavior.Strict);
        service.Setup(s => s.HandleAsync(It.IsAny<InboundText>(), It.IsAny<CancellationToken>())).ReturnsAsync(new LineReply("ok"));
        var signature = TwilioTestSigner.Sign(AuthToken, BaseUrl + "/api/sms", Form);

        await AnswerAsync(service.Object, Request(signature));

        service.Verify(
            s => s.HandleAsync(
                It.Is<InboundText>(text => text.From == Form["From"] && text.To == Form["To"] && text.Body == Form["Body"] && text.MessageId == Form["MessageSid"]),
                It.IsAny<CancellationToken>()),
            Times.Once);
    }
}
