// Researchers' search: BM25-ranked matches with the matched words marked, keyset paging, exports of the same range.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const form = document.getElementById("search-form");
  const results = document.getElementById("results");
  const status = document.getElementById("status");
  const more = document.getElementById("more");
  let cursor = null;

  function hit(h) {
    const li = el("li");
    li.dataset.id = h.message.id;
    const snippet = el("p", null, "snippet");
    for (const part of h.snippet) snippet.append(part.highlighted ? el("mark", part.text) : document.createTextNode(part.text));
    const meta = el("p", `${h.message.caseNumber} · ${time(h.message.receivedAt)} · ${h.message.sentiment === "negative" ? "负面" : h.message.sentiment === "positive" ? "正面" : "未分析"} · 作者 ${h.message.author || "—"}`, "muted");
    li.append(snippet, meta);
    return li;
  }

  async function search(next) {
    const params = new URLSearchParams(new FormData(form));
    if (next && cursor) params.set("cursor", cursor);
    try {
      const page = await call("/api/search?" + params.toString());
      if (!next) results.replaceChildren();
      results.append(...page.hits.map(hit));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = `共 ${page.total} 条，检索词：${page.words.join(" ")}`;
      document.body.dataset.loaded = "true";
    } catch (e) { status.textContent = "检索失败：" + e.message; }
  }

  form.addEventListener("submit", e => { e.preventDefault(); cursor = null; search(false); });
  more.addEventListener("click", () => search(true));

  // Alerts and briefs link here with the query that explains them: /search?q=…&from=…&to=…&topic=…&sentiment=…
  const linked = new URLSearchParams(location.search);
  for (const name of ["from", "to", "topic", "account"]) {
    if (linked.get(name)) {
      const hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = name; hidden.value = linked.get(name);
      form.append(hidden);
    }
  }
  if (linked.get("sentiment")) form.elements.sentiment.value = linked.get("sentiment");
  if (linked.get("q")) { form.elements.q.value = linked.get("q"); search(false); }
  document.body.dataset.loaded = "true";
})();
