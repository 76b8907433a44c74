namespace Monitor.Dashboard.Pages;

/// <summary>The static markup of each screen; the data comes from the JSON API and is set as text by the screen's script.</summary>
internal static class ScreenBodies
{
    public const string Overview = """
        <h1>舆情概览 <small id="status" class="muted">加载中…</small></h1>
        <form id="filters" class="filters">
        <label>时间范围 <select name="days"><option value="7">近 7 天</option><option value="30" selected>近 30 天</option><option value="90">近 90 天</option></select></label>
        <label>分组 <select name="split"><option value="sentiment">情感</option><option value="topic">话题</option><option value="emotion">情绪</option></select></label>
        </form>
        <section id="scorecard" class="panel" hidden><h2>考核记分卡（近 30 天） <small id="scorecard-account" class="muted"></small></h2>
        <ul id="warnings" class="warnings"></ul>
        <dl id="figures" class="figures"></dl></section>
        <section class="panel"><h2>预警（近 7 天）</h2><ul id="alerts" class="alerts"></ul></section>
        <section class="panel"><h2>留言量趋势</h2><div id="trend" class="chart"></div></section>
        <div class="columns">
        <section class="panel"><h2>热点（近 24 小时对比前 7 天）</h2><ol id="hot" class="terms"></ol></section>
        <section class="panel"><h2>高频关键词</h2><ol id="keywords" class="terms"></ol></section>
        </div>
        """;

    public const string Queue = """
        <h1>办理队列 <small id="status" class="muted">加载中…</small></h1>
        <p class="muted">按紧急程度排序：未办结的在前，再按紧急度与期限。微信客服消息须在市民最后一条消息后 48 小时内回复，每个窗口最多 5 条。</p>
        <form id="lookup-form" class="filters"><input name="number" placeholder="案件编号，如 20261126-000123" pattern="\d{8}-\d{6,18}" required><button type="submit">查找案件</button></form>
        <section id="lookup-result" class="panel" hidden></section>
        <table id="queue" class="grid">
        <thead><tr><th>编号</th><th>收到时间</th><th>内容</th><th>紧急度</th><th>理由</th><th>状态</th><th>48 小时窗口</th><th>操作</th></tr></thead>
        <tbody></tbody>
        </table>
        <dialog id="reply-dialog"><form method="dialog" id="reply-form">
        <h2>回复 <span id="reply-case"></span></h2>
        <p id="reply-text" class="quote"></p>
        <textarea name="text" rows="4" maxlength="600" required placeholder="回复内容"></textarea>
        <menu><button value="cancel" formnovalidate>取消</button><button id="reply-send" value="send">发送回复</button></menu>
        </form></dialog>
        """;

    public const string Admin = """
        <h1>系统管理 <small id="status" class="muted"></small></h1>
        <section class="panel"><h2>用户与角色</h2>
        <table id="users" class="grid"><thead><tr><th>用户名</th><th>角色</th><th>状态</th></tr></thead><tbody></tbody></table>
        <form id="user-form" class="filters">
        <input name="name" placeholder="用户名" required pattern="[A-Za-z0-9._-]{1,64}">
        <select name="role"><option value="official">宣传部门 official</option><option value="responder">办理人员 responder</option><option value="researcher">研究人员 researcher</option><option value="admin">管理员 admin</option><option value="sealed">涉黑专办 sealed</option></select>
        <input name="password" type="password" placeholder="密码（至少 12 位）" minlength="12" required>
        <button type="submit">保存用户</button>
        </form></section>
        <section class="panel"><h2>数据来源与采集状态</h2>
        <table id="sources" class="grid"><thead><tr><th>来源</th><th>类型</th><th>地址/账号</th><th>采集计划（cron）</th><th>下次采集</th><th>最近成功</th><th>最近错误</th><th>连续失败</th><th>令牌与配额（微信接口）</th></tr></thead><tbody></tbody></table>
        </section>
        """;

    public const string Search = """
        <h1>检索与导出</h1>
        <form id="search-form" class="filters">
        <input name="q" type="search" placeholder="输入关键词，如：河道 污染" required>
        <select name="sentiment"><option value="">全部情感</option><option value="positive">正面</option><option value="negative">负面</option></select>
        <button type="submit">检索</button>
        <a id="export-xlsx" class="button" href="/api/export?format=xlsx" download>导出 Excel</a>
        <a id="export-csv" class="button" href="/api/export?format=csv" download>导出 CSV</a>
        </form>
        <p id="status" class="muted"></p>
        <ol id="results" class="results"></ol>
        <button id="more" type="button" hidden>更多结果</button>
        """;

    public const string AdminSettings = """
        <section class="panel"><h2>预警规则</h2>
        <p class="muted">每小时统计上一小时的留言量，与前几周同一时段比较，达到 max(最少条数, 均值 + k·标准差) 即预警。保存后下一次评估即生效。</p>
        <table id="rules" class="grid"><thead><tr><th>编号</th><th>类型</th><th>关注内容</th><th>账号</th><th>k</th><th>最少条数</th><th>操作</th></tr></thead><tbody></tbody></table>
        <form id="rule-form" class="filters">
        <input name="id" placeholder="规则编号，如 river" required pattern="[A-Za-z0-9_-]{1,64}">
        <select name="split"><option value="keyword">关键词</option><option value="topic">话题</option><option value="sentiment">情感</option></select>
        <input name="value" placeholder="关键词（空格分词）/话题/negative" required maxlength="64">
        <input name="account" placeholder="账号 gh_…（可空）" maxlength="64">
        <label>k <input name="thresholdFactor" type="number" step="0.5" min="0" max="20" value="3"></label>
        <label>最少条数 <input name="minimumCount" type="number" min="1" max="100000" value="5"></label>
        <button type="submit">保存规则</button>
        </form></section>
        <section class="panel"><h2>用户词典 <small id="dict-version" class="muted"></small></h2>
        <p class="muted">分词时优先切出的词（地名、单位、新词），修改后立即用于新到的留言。</p>
        <ul id="words" class="words"></ul>
        <form id="word-form" class="filters">
        <input name="word" placeholder="词语，如 滹沱河" required maxlength="32">
        <input name="frequency" type="number" min="0" max="10000000" placeholder="词频（可空）">
        <input name="tag" placeholder="词性（可空，如 ns）" maxlength="4">
        <button type="submit">加入词典</button>
        </form></section>
        <section class="panel"><h2>涉黑封存查看记录</h2>
        <table id="sealed-audit" class="grid"><thead><tr><th>时间</th><th>用户</th><th>案件编号</th><th>入口</th></tr></thead><tbody></tbody></table>
        </section>
        """;

    public const string Accountability = """
        <h1>公信力与简报 <small id="status" class="muted">加载中…</small></h1>
        <section class="panel"><h2>公信力信号（近 30 天） <small id="credibility-summary" class="muted"></small></h2>
        <p class="muted">市民留言中的不信任、谣言、删帖质疑与重复投诉，标出触发的原文。</p>
        <ol id="credibility" class="results"></ol>
        <h3>跨消息信号</h3>
        <p class="muted">文章下负面留言无人回复、精选留言与全部留言的情感落差、工单办结后同一市民再次投诉同一问题。</p>
        <ol id="credibility-checks" class="results"></ol></section>
        <section class="panel"><h2>文章修改与删除记录</h2>
        <table id="page-audit" class="grid"><thead><tr><th>时间</th><th>来源</th><th>变化</th><th>文章</th><th>摘要</th></tr></thead><tbody></tbody></table>
        </section>
        <section class="panel"><h2>日报与周报</h2>
        <table id="briefs" class="grid"><thead><tr><th>日期</th><th>类型</th><th>下载</th></tr></thead><tbody></tbody></table>
        </section>
        """;
}
