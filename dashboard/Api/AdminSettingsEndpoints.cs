using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Admin;
using Monitor.Dashboard.Sealed;
using Monitor.Jobs.Alerts;
using Monitor.Nlp.Segmentation;

namespace Monitor.Dashboard.Api;

/// <summary>
/// What else an admin manages: the burst-alert rules, the user dictionary of the segmenter, and the audit of who opened
/// sealed 涉黑 messages. Every write is validated here, whatever the page allowed.
/// </summary>
internal static class AdminSettingsEndpoints
{
    public static IEndpointRouteBuilder MapAdminSettingsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/alert-rules", (AlertRuleFile rules) => TypedResults.Ok(rules.Rules.Select(AlertRuleView.From).ToList()))
            .WithName("AlertRules").WithSummary("The burst-alert rules in force");
        admin.MapPost("/alert-rules", SaveRuleAsync).WithName("SaveAlertRule").WithSummary("Adds a burst-alert rule or replaces the one with its id");
        admin.MapDelete("/alert-rules/{id}", DeleteRuleAsync).WithName("DeleteAlertRule");
        admin.MapGet("/dictionary", (UserDictionary dictionary) => TypedResults.Ok(new DictionaryView(dictionary.Version, dictionary.Words())))
            .WithName("UserDictionary").WithSummary("The admin's user-dictionary words and the segmenter's dictionary version");
        admin.MapPost("/dictionary", AddWordAsync).WithName("AddDictionaryWord");
        admin.MapDelete("/dictionary/{word}", RemoveWordAsync).WithName("RemoveDictionaryWord");
        admin.MapGet("/sealed-audit", async (SealedAudit audit, CancellationToken cancellationToken) => TypedResults.Ok(await audit.ListAsync(500, cancellationToken)))
            .WithName("SealedAudit").WithSummary("Who opened which sealed 涉黑 message, newest first");
        return app;
    }

    private static async Task<Results<Ok<AlertRuleView>, BadRequest, ValidationProblem>> SaveRuleAsync(
        AlertRuleView request, HttpContext context, IAntiforgery antiforgery, AlertRuleFile rules)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Id) || request.Id.Length > 64 || !request.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors["id"] = ["规则编号为 1–64 个字母、数字、'-' 或 '_'"];
        }

        AlertSplit split = default;
        if (request.Split is null || !Enum.TryParse(request.Split, ignoreCase: true, out split) || !Enum.IsDefined(split) || int.TryParse(request.Split, out _))
        {
            errors["split"] = [$"类型须为 keyword、topic 或 sentiment，收到 '{request.Split}'"];
        }

        var value = request.Value?.Trim();
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            errors["value"] = ["关注内容须为 1–64 个字符"];
        }
        else if (split == AlertSplit.Sentiment && value is not ("positive" or "negative"))
        {
            errors["value"] = [$"情感规则的关注内容须为 positive 或 negative，收到 '{value}'"];
        }

        if (!double.IsFinite(request.ThresholdFactor) || request.ThresholdFactor is < 0 or > 20)
        {
            errors["thresholdFactor"] = [string.Create(CultureInfo.InvariantCulture, $"倍数 k 须在 0–20 之间，收到 {request.ThresholdFactor}")];
        }

        if (request.MinimumCount is < 1 or > 100_000)
        {
            errors["minimumCount"] = [string.Create(CultureInfo.InvariantCulture, $"最少条数须在 1–100000 之间，收到 {request.MinimumCount}")];
        }

        if (request.Account is { Length: > 64 })
        {
            errors["account"] = ["账号最长 64 个字符"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rule = new AlertRule
        {
            Id = request.Id!,
            Account = string.IsNullOrWhiteSpace(request.Account) ? null : request.Account.Trim(),
            Split = split,
            Value = value!,
            ThresholdFactor = request.ThresholdFactor,
            MinimumCount = request.MinimumCount,
        };
        rules.Save(rule);
        return TypedResults.Ok(AlertRuleView.From(rule));
    }

    private static async Task<Results<Ok, NotFound, BadRequest>> DeleteRuleAsync(string id, HttpContext context, IAntiforgery antiforgery, AlertRuleFile rules) =>
        !await antiforgery.IsRequestValidAsync(context) ? TypedResults.BadRequest()
        : rules.Delete(id) ? TypedResults.Ok() : TypedResults.NotFound();

    private static async Task<Results<Ok<DictionaryView>, BadRequest, ValidationProblem>> AddWordAsync(
        WordRequest request, HttpContext context, IAntiforgery antiforgery, UserDictionary dictionary)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var errors = new Dictionary<string, string[]>();
        var word = request.Word?.Trim();
        // jieba's user dictionary splits on spaces and reads trailing digits as a frequency: a word must be one run of
        // letters (Chinese or Latin) and digits, not all digits.
        if (string.IsNullOrEmpty(word) || word.Length > 32 || !word.All(char.IsLetterOrDigit) || word.All(char.IsAsciiDigit))
        {
            errors["word"] = ["词语须为 1–32 个汉字、字母或数字（不能全是数字，不能含空格或标点）"];
        }

        if (request.Frequency is < 0 or > 10_000_000)
        {
            errors["frequency"] = [string.Create(CultureInfo.InvariantCulture, $"词频须在 0–10000000 之间（0 表示自动），收到 {request.Frequency}")];
        }

        var tag = string.IsNullOrWhiteSpace(request.Tag) ? null : request.Tag.Trim();
        if (tag is not null && (tag.Length > 4 || !tag.All(char.IsAsciiLetterLower)))
        {
            errors["tag"] = ["词性须为 1–4 个小写字母，如 ns、nr、n"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        dictionary.Add(new UserWord(word!, request.Frequency ?? 0, tag));
        return TypedResults.Ok(new DictionaryView(dictionary.Version, dictionary.Words()));
    }

    private static async Task<Results<Ok<DictionaryView>, NotFound, BadRequest>> RemoveWordAsync(string word, HttpContext context, IAntiforgery antiforgery, UserDictionary dictionary) =>
        !await antiforgery.IsRequestValidAsync(context) ? TypedResults.BadRequest()
        : dictionary.Remove(word) ? TypedResults.Ok(new DictionaryView(dictionary.Version, dictionary.Words())) : TypedResults.NotFound();

    internal sealed record AlertRuleView(string? Id, string? Account, string? Split, string? Value, double ThresholdFactor = 3, int MinimumCount = 5)
    {
        public static AlertRuleView From(AlertRule rule) =>
            new(rule.Id, rule.Account, rule.Split.ToString().ToLowerInvariant(), rule.Value, rule.ThresholdFactor, rule.MinimumCount);
    }

    internal sealed record WordRequest(string? Word, int? Frequency, string? Tag);

    internal sealed record DictionaryView(string? Version, IReadOnlyList<UserWord> Words);
}
