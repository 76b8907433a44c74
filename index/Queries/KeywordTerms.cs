using System.Collections.Frozen;

namespace Monitor.Index.Queries;

/// <summary>
/// Which tokens count as keywords: at least two characters, at least one letter or digit, and not a function word.
/// Single characters (的, 了, 我) and punctuation say nothing about what a message is about.
/// </summary>
public static class KeywordTerms
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "我们", "你们", "他们", "她们", "它们", "自己", "一个", "一些", "这个", "那个", "这些", "那些", "这样", "那样", "什么",
        "怎么", "为什么", "可以", "就是", "还是", "但是", "而且", "因为", "所以", "如果", "已经", "没有", "不是", "还有", "以及",
        "或者", "然后", "非常", "比较", "真的", "现在", "时候", "觉得", "感觉", "知道", "一下", "一直", "这里", "那里", "的话",
        "不会", "不能", "这么", "那么", "大家", "目前", "其中", "之后", "之前", "以后", "以前", "对于", "关于", "通过", "进行",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKeyword(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length < 2 || StopWords.Contains(token))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
