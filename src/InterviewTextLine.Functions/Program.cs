using InterviewTextLine.Functions;
using InterviewTextLine.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddTextLineHost(builder.Configuration);
builder.Services.AddTextLineTelemetry(builder.Configuration);
builder.Build().Run();
