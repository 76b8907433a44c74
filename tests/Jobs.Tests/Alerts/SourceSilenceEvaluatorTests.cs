using Microsoft.Extensions.Options;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Sources;

namespace Monitor.Jobs.Tests.Alerts;

public sealed class SourceSilenceEvaluatorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASourceThatWentQuietAlertsOnceThenRecovers()
    {
        using var world = new AlertWorld();
        var health = new Health();
        var evaluator = new SourceSilenceEvaluator(health, world.State, Options.Create(world.Options), world.Clock);
        health.Sources = [
            new SourceHealth { SourceId = "county-feed", Kind = "rss", LastSuccessAt = AlertWorld.EvaluatedAt.AddHours(-30), LastError = "HTTP 503" },
            new SourceHealth { SourceId = "fresh", Kind = "rss", LastSuccessAt = AlertWorld.EvaluatedAt.AddHours(-1) },
            new SourceHealth { SourceId = "never-ran", Kind = "rss" },
        ];

        var fired = Assert.Single(await evaluator.EvaluateAsync(Token));
        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(1);
        var spaced = await evaluator.EvaluateAsync(Token);
        health.Sources = [new SourceHealth { SourceId = "county-feed", Kind = "rss", LastSuccessAt = world.Clock.Now }];
        var recovered = Assert.Single(await evaluator.EvaluateAsync(Token));

        Assert.Equal("来源 'county-feed' 已 30 小时没有成功抓取（上次成功 2026-11-25T09:05:00+08:00）；最近错误：HTTP 503", fired.Reason);
        Assert.Equal("source:county-feed", fired.RuleId);
        Assert.Empty(spaced);
        Assert.Equal(AlertKind.Recovered, recovered.Kind);
    }

    private sealed class Health : ISourceHealth
    {
        public IReadOnlyList<SourceHealth> Sources { get; set; } = [];

        public Task<IReadOnlyList<SourceHealth>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Sources);

        public Task<SourceHealth?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
            Task.FromResult(Sources.FirstOrDefault(s => s.SourceId == sourceId));

        public Task<IReadOnlyList<IngestAlert>> AlertsAsync(int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IngestAlert>>([]);

        public Task<IReadOnlyList<PageAuditRecord>> PageAuditAsync(string? sourceId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PageAuditRecord>>([]);
    }
}
