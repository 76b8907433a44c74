// Officials' overview: counts over time (ECharts), hot topics and keywords. All text is set with textContent.
(function () {
  "use strict";
  const { call, el } = window.monitor;
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const chart = echarts.init(document.getElementById("trend"), null, { renderer: "canvas" });
  const names = { positive: "正面", negative: "负面" };
  const colors = { positive: "#1a7f37", negative: "#c62828" };

  function draw(data) {
    const buckets = [...new Set(data.counts.map(c => c.bucketStart))].sort();
    const values = [...new Set(data.counts.map(c => c.value))];
    const series = values.map(v => ({
      name: names[v] || v, type: "bar", stack: "all", itemStyle: colors[v] ? { color: colors[v] } : undefined,
      data: buckets.map(b => (data.counts.find(c => c.bucketStart === b && c.value === v) || { count: 0 }).count),
    }));
    chart.off("finished");
    chart.on("finished", () => { document.body.dataset.chart = "ready"; });
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: buckets.map(b => b.substring(0, 10)) },
      yAxis: { type: "value", minInterval: 1 },
      series,
    }, true);
  }

  function list(id, items, label) {
    const ol = document.getElementById(id);
    ol.replaceChildren(...items.map(i => { const li = el("li", null); li.append(el("span", i.term, "term"), el("span", label(i), "muted")); return li; }));
    if (items.length === 0) ol.replaceChildren(el("li", "暂无", "muted"));
  }

  async function load() {
    const params = new URLSearchParams(new FormData(form));
    try {
      const data = await call("/api/overview?" + params.toString());
      draw(data);
      list("hot", data.hotTopics, t => ` ${t.count} 次（此前 ${t.baselineCount}），G²=${t.logLikelihood.toFixed(1)}`);
      list("keywords", data.keywords, t => ` ${t.count}`);
      status.textContent = "已更新 " + new Date().toLocaleTimeString("zh-CN", { hour12: false });
      document.body.dataset.loaded = "true";
    } catch (e) { status.textContent = "加载失败：" + e.message; }
  }

  function hours(span) {
    if (span == null) return "—";
    const [d, rest] = span.includes(".") && span.indexOf(".") < span.indexOf(":") ? span.split(".") : ["0", span];
    const [h, m] = rest.split(":");
    return `${Number(d) * 24 + Number(h)} 小时 ${Number(m)} 分`;
  }

  async function scorecard() {
    const panel = document.getElementById("scorecard");
    try {
      const view = await call("/api/scorecard?days=30");
      const f = view.figures;
      document.getElementById("scorecard-account").textContent = f.account;
      document.getElementById("warnings").replaceChildren(...view.warnings.map(w => el("li", w.message, "warning-" + w.severity)));
      const rows = [
        ["发布条数", String(f.posts)], ["周均发布", f.postsPerWeek.toFixed(1)], ["最长断更", hours(f.longestGap)],
        ["市民留言", String(f.citizenMessages)], ["已回复", String(f.replied)],
        ["回复率", f.responseRate == null ? "—" : (f.responseRate * 100).toFixed(0) + "%"],
        ["首次回复中位时长", hours(f.medianTimeToFirstReply)], ["未办结", String(f.backlog)], ["超期", String(f.overdue)],
        ["服务功能使用", String(f.serviceUses)],
      ];
      document.getElementById("figures").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", k), el("dd", v)]));
      panel.hidden = false;
    } catch (e) { panel.hidden = true; }
  }

  async function alerts() {
    const list = document.getElementById("alerts");
    try {
      const notices = await call("/api/alerts");
      list.replaceChildren(...notices.map(n => {
        const li = el("li", null, n.kind === "Recovered" ? "recovered" : "fired");
        const link = el("a", n.reason);
        link.href = n.link.startsWith("/") ? n.link : new URL(n.link).pathname + new URL(n.link).search;
        li.append(el("span", new Date(n.at).toLocaleString("zh-CN", { hour12: false }) + " ", "muted"), link);
        return li;
      }));
      if (notices.length === 0) list.replaceChildren(el("li", "暂无预警", "muted"));
    } catch (e) { list.replaceChildren(el("li", "预警加载失败：" + e.message, "muted")); }
  }

  form.addEventListener("change", load);
  scorecard();
  alerts();
  window.addEventListener("resize", () => chart.resize());
  load();
  setInterval(load, 30000);
})();
