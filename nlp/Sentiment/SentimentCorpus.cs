namespace Monitor.Nlp.Sentiment;

/// <summary>A binary sentiment corpus under the data root.</summary>
internal sealed record SentimentCorpus(string Name, string RelativePath)
{
    /// <summary>The four binary corpora of <c>shared/data</c>, trained on together.</summary>
    public static IReadOnlyList<SentimentCorpus> Defaults { get; } =
    [
        new("chnsenticorp_htl_all", "chnsenticorp_htl_all/ChnSentiCorp_htl_all.csv"),
        new("waimai_10k", "waimai_10k/waimai_10k.csv"),
        new("online_shopping_10_cats", "online_shopping_10_cats/online_shopping_10_cats.csv"),
        new("weibo_senti_100k_subset", "weibo_senti_100k_subset/weibo_senti_100k_subset.csv"),
    ];
}
