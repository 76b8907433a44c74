using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Api;
using Monitor.Dashboard.Demo;
using Monitor.Dashboard.Pages;
using Monitor.Dashboard.WeChat;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs;
using Monitor.Nlp;

namespace Monitor.Dashboard.Hosting;

/// <summary>Builds the web app: callback endpoint, dashboard pages and API, and the background pipeline.</summary>
internal static class ServeHost
{
    public static WebApplication Build(ServeSettings settings, string[] hostArgs)
    {
        var hasContentRoot = hostArgs.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = hostArgs,
            // The launcher runs the built dll from the repository root; pages and wwwroot live beside the dll.
            ContentRootPath = hasContentRoot ? null : AppContext.BaseDirectory,
        });

        var overrides = new Dictionary<string, string?> { ["Monitor:DataDirectory"] = Path.GetFullPath(settings.DataDirectory) };
        if (settings.Demo && string.IsNullOrEmpty(builder.Configuration["WeChat:Token"]))
        {
            // The demo account signs its deliveries with a token made for this run, like a real account's server config.
            overrides["WeChat:AccountId"] = builder.Configuration["WeChat:AccountId"] is { Length: > 0 } configured ? configured : DemoAccount.AccountId;
            overrides["WeChat:Token"] = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32);
        }

        builder.Configuration.AddInMemoryCollection(overrides);

        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
        }

        AddServices(builder, settings);
        var app = builder.Build();
        Configure(app, settings);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder, ServeSettings settings)
    {
        var services = builder.Services;
        services.AddIngest(builder.Configuration);
        services.AddNlp(builder.Configuration);
        services.AddIndex(builder.Configuration);
        services.AddJobs(builder.Configuration, runInBackground: settings.RunScheduler);
        services.AddSingleton<UserStore>();
        services.AddSingleton<WeChatCallbackCrypto>();
        services.AddDashboardDesks(builder.Configuration);
        services.AddProblemDetails();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "monitor.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "monitor.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ApiAware(StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ApiAware(StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddMonitorPolicies()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddHealthChecks();
        services.AddOpenApi();
        // WeChat gives up after 5 s and retries; a request still running at 4 s is cut so the retry finds a free server.
        services.AddRequestTimeouts(o => o.AddPolicy(RequestTimeoutPolicies.Callback, TimeSpan.FromSeconds(4)));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        if (settings.Demo)
        {
            services.AddHttpClient(DemoAccount.HttpClientName);
            services.AddHostedService<DemoAccount>();
        }
    }

    private static void Configure(WebApplication app, ServeSettings settings)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        AccountBootstrap.EnsureAdmin(users, app.Configuration, Console.Out);
        if (settings.Demo)
        {
            AccountBootstrap.CreateDemoUsers(users, Console.Out);
        }

        app.Services.GetRequiredService<Admin.UserDictionary>().Load();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders.AddAsync);
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRequestTimeouts();
        app.MapWeChatCallback();
        app.MapPages();
        app.MapMessageApi();
        app.MapOverviewApi();
        app.MapCaseApi();
        app.MapSearchApi();
        app.MapExportApi();
        app.MapAdminApi();
        app.MapResponderApi();
        app.MapAccountabilityApi();
        app.MapAdminSettingsApi();
        app.MapCorrectionApi();
        app.MapOpenApi().RequireAuthorization(Policies.Feed);
        app.MapHealthChecks("/health").AllowAnonymous();
    }

    /// <summary>API callers get a status code; people in a browser get the sign-in or denied page.</summary>
    private static Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> ApiAware(int status) =>
        context =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                context.Response.StatusCode = status;
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }

            return Task.CompletedTask;
        };
}
