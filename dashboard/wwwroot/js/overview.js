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

  form.addEventListener("change", load);
  window.addEventListener("resize", () => chart.resize());
  load();
  setInterval(load, 30000);
})();
