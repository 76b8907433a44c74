// Officials: credibility signals with their evidence marked in the text, the edit/deletion audit of the account's
// articles, and the briefs to download. Citizen text is split into text nodes and <mark> elements, never parsed as HTML.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const status = document.getElementById("status");
  const kinds = {
    disbelief: "不信任", rumour: "谣言", censorship: "删帖质疑", repetition: "重复投诉",
    "repeated-after-solved": "宣布解决后再投诉", "unanswered-negative-comments": "负面留言未回复", "featured-sentiment-gap": "精选留言与全部留言情感落差",
  };
  const changes = { New: "新发布", Edited: "被修改", Deleted: "被删除", Unchanged: "未变化", Unavailable: "无法访问" };

  function marked(text, signals) {
    const p = el("p", null, "snippet");
    let at = 0;
    for (const s of signals) {
      if (s.start < at) continue;
      p.append(document.createTextNode(text.substring(at, s.start)));
      const mark = el("mark", text.substr(s.start, s.length));
      mark.dataset.kind = s.kind;
      mark.title = kinds[s.kind] || s.kind;
      p.append(mark);
      at = s.start + s.length;
    }
    p.append(document.createTextNode(text.substring(at)));
    return p;
  }

  async function credibility() {
    const report = await call("/api/credibility?days=30");
    document.getElementById("credibility-summary").textContent =
      `检查 ${report.scanned} 条，` + Object.entries(report.kinds).map(([k, n]) => `${kinds[k] || k} ${n}`).join("，");
    const list = document.getElementById("credibility");
    list.replaceChildren(...report.flags.map(f => {
      const li = el("li");
      li.dataset.id = f.id;
      const labels = [...new Set(f.signals.map(s => kinds[s.kind] || s.kind))].join("、");
      li.append(marked(f.text, f.signals), el("p", `${f.caseNumber} · ${time(f.time)} · ${f.sourceKind === "wechat-comment" ? "文章留言" : "后台消息"} · ${labels}`, "muted"));
      return li;
    }));
    if (report.flags.length === 0) list.replaceChildren(el("li", "暂无", "muted"));
    // Flags found across messages: per post (comments) or per citizen (a case declared solved, then the same complaint).
    const checks = document.getElementById("credibility-checks");
    checks.replaceChildren(...report.checks.map(c => {
      const li = el("li");
      li.dataset.kind = c.kind;
      li.append(el("p", `${kinds[c.kind] || c.kind} · ${c.kind === "repeated-after-solved" ? "市民 " : "文章 "}${c.subject}`), el("p", c.reason, "muted"));
      const quotes = el("ul");
      quotes.append(...c.evidence.map(e => el("li", `「${e.text}」${e.messageId ? " #" + e.messageId : ""}`)));
      li.append(quotes);
      return li;
    }));
    if (report.checks.length === 0) checks.replaceChildren(el("li", "暂无", "muted"));
  }

  async function audit() {
    const records = await call("/api/page-audit");
    const body = document.querySelector("#page-audit tbody");
    body.replaceChildren(...records.map(r => {
      const tr = el("tr", null, "change-" + r.kind.toLowerCase());
      const link = el("a", r.url);
      link.href = r.url.startsWith("http") ? r.url : "#";
      link.rel = "noreferrer";
      const cell = el("td");
      cell.append(link);
      tr.append(el("td", time(r.time)), el("td", r.sourceId), el("td", changes[r.kind] || r.kind), cell, el("td", r.summary));
      return tr;
    }));
    if (records.length === 0) body.replaceChildren(el("tr", null, "muted"));
  }

  async function briefs() {
    const list = await call("/api/briefs");
    document.querySelector("#briefs tbody").replaceChildren(...list.map(b => {
      const tr = el("tr");
      const links = el("td");
      for (const [file, label] of [[b.html, "网页版"], [b.excel, "Excel"]]) {
        if (!file) continue;
        const a = el("a", label, "button");
        a.href = "/api/briefs/" + encodeURIComponent(file);
        a.setAttribute("download", file);
        links.append(a, document.createTextNode(" "));
      }
      tr.append(el("td", b.date), el("td", b.title), links);
      return tr;
    }));
  }

  Promise.all([credibility(), audit(), briefs()]).then(
    () => { status.textContent = "已更新 " + new Date().toLocaleTimeString("zh-CN", { hour12: false }); document.body.dataset.loaded = "true"; },
    e => { status.textContent = "加载失败：" + e.message; document.body.dataset.loaded = "true"; });
})();
