using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TestKit.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Tests.Webhook;

/// <summary>Twilio's published signature vectors, run through the line's own URL building and validator.</summary>
public sealed class TwilioSignatureVectorTests
{
    private const string Token = "12345";

    private static readonly Dictionary<string, string> VectorFields = new(StringComparer.Ordinal)
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    private const string RealSmsUrl = "https://kev.inburke.com/zombo/zombo.php";

    private const string RealSmsBody =
        "ToCountry=US&ToState=CA&SmsMessageSid=SM1521fa559fb923c1ed64f56cd1bed8ef&NumMedia=0&ToCity=BRENTWOOD&FromZip=94514&SmsSid=SM1521fa559fb923c1ed64f56cd1bed8ef&FromState=CA&SmsStatus=received&FromCity=BRENTWOOD&Body=twilio-go+testing%21&FromCountry=US&To=%2B19253920364&ToZip=94514&NumSegments=1&MessageSid=SM1521fa559fb923c1ed64f56cd1bed8ef&AccountSid=AC58f1e8f2b1c6b88ca90a012a4be0c279&From=%2B19253920364&ApiVersion=2010-04-01";

    private const string RealSmsSignature = "iBSHebQymz0XO1gF4nZSQX7ISZM=";

    [Theory]
    [InlineData("https://mycompany.com", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:443", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com:80", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("https://mycompany.com:1234", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    public void Published_vectors_validate_through_the_configured_base_url(string baseUrl, string signature)
    {
        var request = FormRequest("/myapp.php", "?foo=1&bar=2", VectorFields, signature);

        Assert.True(Validator(baseUrl).IsValid(request, request.Form));
    }

    [Theory]
    [InlineData("https://mycompany.com:443", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    public void A_default_port_in_the_base_url_or_in_the_signature_does_not_matter(string baseUrl, string signature)
    {
        var request = FormRequest("/myapp.php", "?foo=1&bar=2", VectorFields, signature);

        Assert.True(Validator(baseUrl).IsValid(request, request.Form));
    }

    [Theory]
    [InlineData("https://mycompany.com", "?bar=2&foo=1", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("http://mycompany.com", "?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com/prefix", "?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://othercompany.com", "?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com", "?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    public void Another_scheme_host_port_path_or_query_order_does_not_validate(string baseUrl, string query, string signature)
    {
        var request = FormRequest("/myapp.php", query, VectorFields, signature);

        Assert.False(Validator(baseUrl).IsValid(request, request.Form));
    }

    [Fact]
    public void The_real_inbound_sms_vector_validates()
    {
        var request = RealSmsRequest(RealSmsBody, RealSmsSignature);

        Assert.True(Validator("https://kev.inburke.com").IsValid(request, request.Form));
    }

    [Fact]
    public void A_changed_field_or_an_added_field_breaks_the_real_sms_signature()
    {
        var changed = RealSmsRequest(RealSmsBody.Replace("twilio-go+testing", "twilio-go+Testing", StringComparison.Ordinal), RealSmsSignature);
        var added = RealSmsRequest(RealSmsBody + "&OptOutType=STOP", RealSmsSignature);

        Assert.False(Validator("https://kev.inburke.com").IsValid(changed, changed.Form));
        Assert.False(Validator("https://kev.inburke.com").IsValid(added, added.Form));
    }

    [Fact]
    public void The_wrong_auth_token_does_not_validate()
    {
        var request = RealSmsRequest(RealSmsBody, RealSmsSignature);

        Assert.False(Validator("https://kev.inburke.com", token: "54321").IsValid(request, request.Form));
    }

    [Fact]
    public void The_test_signer_reproduces_twilios_real_sms_signature()
    {
        var fields = QueryHelpers(RealSmsBody);

        Assert.Equal(RealSmsSignature, TwilioTestSigner.Sign(Token, RealSmsUrl, fields));
    }

    [Theory]
    [InlineData("https://func-x.azurewebsites.net", "/api/sms", "https://func-x.azurewebsites.net/api/sms")]
    [InlineData("https://func-x.azurewebsites.net/", "/api/sms?code=abc", "https://func-x.azurewebsites.net/api/sms?code=abc")]
    [InlineData("https://FUNC-X.azurewebsites.net:443", "/api/sms", "https://FUNC-X.azurewebsites.net:443/api/sms")]
    [InlineData("https://func-x.azurewebsites.net", "/api/sms?x=%7e&y=a%2Fb", "https://func-x.azurewebsites.net/api/sms?x=%7e&y=a%2Fb")]
    [InlineData("http://127.0.0.1:7071", "/api/sms/fallback", "http://127.0.0.1:7071/api/sms/fallback")]
    public void The_signed_url_is_the_base_url_as_configured_plus_the_path_and_query_as_received(string baseUrl, string pathAndQuery, string expected)
    {
        Assert.Equal(expected, TwilioSignatureValidator.SignedUrl(baseUrl, pathAndQuery));
    }

    [Theory]
    [InlineData("https://Func-X.azurewebsites.net:443", "https://Func-X.azurewebsites.net")]
    [InlineData("http://host:80/prefix", "http://host/prefix")]
    [InlineData("https://host:8443", null)]
    [InlineData("https://host", null)]
    [InlineData("http://host:443", null)]
    public void Only_an_explicit_default_port_is_taken_off_for_the_second_try(string baseUrl, string? expected)
    {
        Assert.Equal(expected, TwilioSignatureValidator.WithoutDefaultPort(baseUrl));
    }

    [Theory]
    [InlineData("https://MyCompany.com", "https://mycompany.com")]
    [InlineData("https://mycompany.com:8443", "https://mycompany.com:9443")]
    [InlineData("https://MyCompany.com:8443", "https://mycompany.com:8443")]
    [InlineData("HTTPS://mycompany.com", "https://mycompany.com")]
    public void An_upper_case_host_or_a_port_is_signed_exactly_as_configured(string baseUrl, string canonicalised)
    {
        var url = baseUrl + "/myapp.php?foo=1&bar=2";
        var exact = FormRequest("/myapp.php", "?foo=1&bar=2", VectorFields, TwilioTestSigner.Sign(Token, url, VectorFields));
        var rewritten = FormRequest("/myapp.php", "?foo=1&bar=2", VectorFields, TwilioTestSigner.Sign(Token, canonicalised + "/myapp.php?foo=1&bar=2", VectorFields));

        Assert.True(Validator(baseUrl).IsValid(exact, exact.Form));
        Assert.False(Validator(baseUrl).IsValid(rewritten, rewritten.Form));
    }

    [Fact]
    public void A_query_string_is_signed_byte_for_byte_as_received_escapes_included()
    {
        const string target = "/api/sms?x=%7e&y=a%2Fb";
        var exact = FormRequest("/api/sms", "?x=%7e&y=a%2Fb", VectorFields, TwilioTestSigner.Sign(Token, "https://mycompany.com" + target, VectorFields), target);
        var unescaped = FormRequest("/api/sms", "?x=%7e&y=a%2Fb", VectorFields, TwilioTestSigner.Sign(Token, "https://mycompany.com/api/sms?x=~&y=a%2Fb", VectorFields), target);

        Assert.True(Validator("https://mycompany.com").IsValid(exact, exact.Form));
        Assert.False(Validator("https://mycompany.com").IsValid(unescaped, unescaped.Form));
    }

    [Fact]
    public void A_repeated_field_is_signed_once_per_distinct_value_in_order_as_twilios_libraries_sign_it()
    {
        KeyValuePair<string, string[]>[] fields = [new("MediaUrl", ["https://b.example/2", "https://a.example/1", "https://b.example/2"]), new("Body", ["hi"])];
        const string url = "https://mycompany.com/api/sms";
        // twilio-node and twilio-python: "Body" "hi" "MediaUrl" "https://a.example/1" "MediaUrl" "https://b.example/2".
        var twilio = TwilioTestSigner.SignRepeated(Token, url, fields);
        var commaJoined = TwilioTestSigner.SignRepeated(Token, url, [new("Body", ["hi"]), new("MediaUrl", ["https://b.example/2,https://a.example/1,https://b.example/2"])]);

        Assert.True(Validator("https://mycompany.com").IsValid(MultiValueRequest("/api/sms", fields, twilio), MultiValueRequest("/api/sms", fields, twilio).Form));
        Assert.False(Validator("https://mycompany.com").IsValid(MultiValueRequest("/api/sms", fields, commaJoined), MultiValueRequest("/api/sms", fields, commaJoined).Form));
#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio's signature protocol uses.
        Assert.Equal(
            Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(
                System.Text.Encoding.UTF8.GetBytes(Token),
                System.Text.Encoding.UTF8.GetBytes(url + "Bodyhi" + "MediaUrlhttps://a.example/1" + "MediaUrlhttps://b.example/2"))),
            twilio);
#pragma warning restore CA5350
    }

    private static TwilioSignatureValidator Validator(string baseUrl, string token = Token) =>
        new(Options.Create(new TwilioOptions { AuthToken = token, WebhookBaseUrl = baseUrl }));

    private static HttpRequest RealSmsRequest(string body, string signature)
    {
        var fields = QueryHelpers(body);
        return FormRequest("/zombo/zombo.php", "", fields, signature);
    }

    private static HttpRequest MultiValueRequest(string path, IEnumerable<KeyValuePair<string, string[]>> fields, string signature)
    {
        var request = FormRequest(path, "", [], signature);
        request.Form = new FormCollection(fields.ToDictionary(field => field.Key, field => new Microsoft.Extensions.Primitives.StringValues(field.Value), StringComparer.Ordinal));
        return request;
    }

    /// <summary>A request as the host sees it: on another scheme, host and port than the one Twilio signed.</summary>
    private static HttpRequest FormRequest(string path, string query, IEnumerable<KeyValuePair<string, string>> fields, string signature, string? rawTarget = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "http";
        request.Host = new HostString("10.0.0.4", 8080);
        request.Path = path;
        request.QueryString = new QueryString(query);
        request.ContentType = "application/x-www-form-urlencoded";
        request.Headers[TwilioSignatureValidator.SignatureHeader] = signature;
        if (rawTarget is not null)
        {
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget = rawTarget;
        }

        request.Form = new FormCollection(fields.ToDictionary(field => field.Key, field => new Microsoft.Extensions.Primitives.StringValues(field.Value), StringComparer.Ordinal));
        return request;
    }

    private static List<KeyValuePair<string, string>> QueryHelpers(string body) =>
        [.. Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value.ToString()))];
}
