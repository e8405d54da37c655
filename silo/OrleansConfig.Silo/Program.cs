using OrleansConfig.Hosting;
using Serilog;

var settings = OrleansConfigSettings.FromEnvironment();
if (args.Length > 0 && args[0] == AuditVerifyCommand.Name)
{
    return await AuditVerifyCommand.RunAsync(args[1..], settings, Console.Out);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSerilog((_, logger) => Logging.Configure(logger, builder.Configuration));
builder.UseOrleans(silo => silo.AddOrleansConfig(settings));

using var host = builder.Build();
await host.RunAsync();

return 0;
