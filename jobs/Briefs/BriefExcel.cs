using System.Globalization;
using MiniExcelLibs;
using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Briefs;

/// <summary>The brief's tables as an .xlsx workbook (one sheet per table) for officials who rework the figures.</summary>
public static class BriefExcel
{
    public static void Write(Brief brief, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(brief);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["声量"] = new[]
            {
                Row(("指标", "分析留言总量"), ("本期", brief.Volume.Total), ("上期", brief.PreviousVolume.Total)),
                Row(("指标", "正面"), ("本期", brief.Volume.Positive), ("上期", brief.PreviousVolume.Positive)),
                Row(("指标", "负面"), ("本期", brief.Volume.Negative), ("上期", brief.PreviousVolume.Negative)),
            },
            ["话题"] = Sheet(brief.Topics.Select(t => Row(("话题", t.Label), ("本期", t.Count), ("上期", t.PreviousCount), ("其中负面", t.Negative))),
                "话题", "本期", "上期", "其中负面"),
            ["热词"] = Sheet(brief.HotTerms.Select(t => Row(("上升词", t.Term), ("本期", t.Count), ("上期", t.BaselineCount), ("G2", Math.Round(t.LogLikelihood, 1)))),
                "上升词", "本期", "上期", "G2"),
            ["考核"] = Sheet(brief.Scorecards.Select(s => Row(
                ("账号", s.Scorecard.Account), ("发布条数", s.Scorecard.Posts), ("市民留言", s.Scorecard.CitizenMessages), ("已回复", s.Scorecard.Replied),
                ("未办结", s.Scorecard.Backlog), ("超期", s.Scorecard.Overdue), ("预警", string.Join("；", s.Warnings.Select(w => w.Message))))),
                "账号", "发布条数", "市民留言", "已回复", "未办结", "超期", "预警"),
            ["待办"] = Sheet(brief.Cases.Select(c => Row(
                ("案件编号", c.CaseNumber), ("留言人（化名）", c.Author ?? string.Empty), ("账号", c.Account), ("状态", c.Status), ("紧急度", c.Urgency),
                ("办理期限", c.Deadline?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty))),
                "案件编号", "留言人（化名）", "账号", "状态", "紧急度", "办理期限"),
            ["预警"] = Sheet(brief.Alerts.Select(a => Row(
                ("时间", AlertLinks.China(a.At)), ("类型", a.Kind == AlertKind.Recovered ? "恢复" : "预警"), ("说明", a.Reason), ("链接", a.Link))),
                "时间", "类型", "说明", "链接"),
        };
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
    }

    private static Dictionary<string, object> Row(params (string Column, object Value)[] cells) =>
        cells.ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal);

    /// <summary>An empty table still shows its header.</summary>
    private static Dictionary<string, object>[] Sheet(IEnumerable<Dictionary<string, object>> rows, params string[] columns)
    {
        var list = rows.ToArray();
        return list.Length > 0 ? list : [columns.ToDictionary(c => c, _ => (object)string.Empty, StringComparer.Ordinal)];
    }
}
