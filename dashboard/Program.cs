using Monitor.Dashboard.Cli;

return await MonitorCommandLine.RunAsync(args);

/// <summary>The entry point; public so integration tests can start the app with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
