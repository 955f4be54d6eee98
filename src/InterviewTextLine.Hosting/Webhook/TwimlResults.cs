using System.Text;
using Microsoft.AspNetCore.Http;
using Twilio.TwiML;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>TwiML replies, always 200 <c>text/xml</c> with a document, never an empty body (Twilio error 11200).</summary>
public static class TwimlResults
{
    /// <summary>A reply with one message, or an empty <c>&lt;Response&gt;</c> when <paramref name="text"/> is null.</summary>
    public static IResult Reply(string? text) => Reply(text, statusCallback: null);

    /// <summary>
    /// As <see cref="Reply(string?)"/>, with <paramref name="statusCallback"/> as the message's <c>action</c>: Twilio
    /// posts the reply's delivery status there (signed like every webhook request).
    /// </summary>
    public static IResult Reply(string? text, Uri? statusCallback)
    {
        var response = new MessagingResponse();
        if (text is not null)
        {
            response.Message(text, action: statusCallback, method: statusCallback is null ? null : Twilio.Http.HttpMethod.Post);
        }

        return Results.Text(response.ToString(), "text/xml", Encoding.UTF8, StatusCodes.Status200OK);
    }
}
