// Admin: burst-alert rules, the user dictionary and the sealed-message audit. Every value is set with textContent;
// the server validates every write again.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const status = document.getElementById("status");
  const ruleForm = document.getElementById("rule-form");
  const wordForm = document.getElementById("word-form");
  const splits = { keyword: "关键词", topic: "话题", sentiment: "情感" };

  function removeButton(label, url, after) {
    const b = el("button", label);
    b.type = "button";
    b.addEventListener("click", async () => {
      try { await call(url, { method: "DELETE" }); status.textContent = "已删除"; await after(); } catch (e) { status.textContent = "删除失败：" + e.message; }
    });
    return b;
  }

  async function rules() {
    const list = await call("/api/admin/alert-rules");
    document.querySelector("#rules tbody").replaceChildren(...list.map(r => {
      const tr = el("tr");
      tr.dataset.ruleId = r.id;
      const actions = el("td");
      actions.append(removeButton("删除", `/api/admin/alert-rules/${encodeURIComponent(r.id)}`, rules));
      tr.append(el("td", r.id), el("td", splits[r.split] || r.split), el("td", r.value), el("td", r.account || "全部"),
        el("td", String(r.thresholdFactor)), el("td", String(r.minimumCount)), actions);
      return tr;
    }));
  }

  async function words() {
    const view = await call("/api/admin/dictionary");
    document.getElementById("dict-version").textContent = view.version ? "词典版本 " + view.version : "";
    const list = document.getElementById("words");
    list.replaceChildren(...view.words.map(w => {
      const li = el("li", w.word + (w.frequency ? ` ${w.frequency}` : "") + (w.tag ? ` ${w.tag}` : ""));
      li.dataset.word = w.word;
      li.append(removeButton("×", `/api/admin/dictionary/${encodeURIComponent(w.word)}`, words));
      return li;
    }));
    if (view.words.length === 0) list.replaceChildren(el("li", "暂无自定义词", "muted"));
  }

  async function audit() {
    const list = await call("/api/admin/sealed-audit");
    document.querySelector("#sealed-audit tbody").replaceChildren(...list.map(o => {
      const tr = el("tr");
      tr.append(el("td", time(o.at)), el("td", o.user), el("td", o.caseNumber), el("td", o.endpoint));
      return tr;
    }));
  }

  ruleForm.addEventListener("submit", async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(ruleForm));
    data.thresholdFactor = Number(data.thresholdFactor);
    data.minimumCount = Number(data.minimumCount);
    try {
      await call("/api/admin/alert-rules", { method: "POST", body: JSON.stringify(data) });
      status.textContent = `预警规则 ${data.id} 已保存`;
      ruleForm.reset();
      await rules();
    } catch (err) { status.textContent = "保存失败：" + err.message; }
  });

  wordForm.addEventListener("submit", async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(wordForm));
    const body = { word: data.word, frequency: data.frequency ? Number(data.frequency) : null, tag: data.tag || null };
    try {
      await call("/api/admin/dictionary", { method: "POST", body: JSON.stringify(body) });
      status.textContent = `“${data.word}”已加入用户词典`;
      wordForm.reset();
      await words();
    } catch (err) { status.textContent = "保存失败：" + err.message; }
  });

  Promise.all([rules(), words(), audit()]).then(() => { document.body.dataset.settings = "loaded"; }, e => { status.textContent = "加载失败：" + e.message; });
})();
