// Admin: per-person erasure requests (carried out by the retention duty at once) and the duty's last runs.
// Kept apart from admin.js: it only adds its own panel. Every value is set with textContent.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const main = document.querySelector("main");
  if (!main) return;
  const panel = el("section", null, "panel");
  panel.id = "erasure";
  const form = el("form", null, "filters");
  const input = el("input");
  input.name = "pseudonym";
  input.placeholder = "市民代号，如 u_abcdef…";
  input.required = true;
  input.pattern = "u_[a-z0-9]{1,64}";
  const submit = el("button", "申请删除");
  submit.type = "submit";
  const note = el("small", null, "muted");
  form.append(input, submit, note);
  const requests = el("table", null, "grid");
  requests.id = "erasure-requests";
  const head = el("tr");
  for (const h of ["编号", "代号", "申请人", "申请时间", "完成时间", "删除留言数", "错误"]) head.append(el("th", h));
  requests.append(el("thead"), el("tbody"));
  requests.tHead.append(head);
  const runs = el("p", null, "muted");
  panel.append(el("h2", "个人信息删除（注销/申请删除）"), el("p", "删除后其留言改用无法关联的新代号，原始投递内容清空；保留期限由 Retention:Days 配置。", "muted"), form, requests, runs);
  main.append(panel);

  async function load() {
    try {
      const view = await call("/api/admin/erasures");
      requests.tBodies[0].replaceChildren(...view.requests.map(r => {
        const tr = el("tr");
        tr.append(el("td", String(r.id)), el("td", r.pseudonym), el("td", r.requestedBy), el("td", time(r.requestedAt)),
          el("td", r.doneAt ? time(r.doneAt) : "待处理"), el("td", r.messagesErased == null ? "—" : String(r.messagesErased)), el("td", r.error || ""));
        return tr;
      }));
      const last = view.runs[0];
      runs.textContent = last
        ? `上次运行 ${time(last.at)}：删除过期留言 ${last.messagesRemoved} 条、原始投递 ${last.deliveriesRemoved} 条，完成删除申请 ${last.erasures} 件`
        : "保留与删除任务尚未运行";
    } catch (e) { note.textContent = "加载失败：" + e.message; }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await call("/api/admin/erasures", { method: "POST", body: JSON.stringify({ pseudonym: input.value.trim() }) });
      note.textContent = `已登记删除申请：${input.value.trim()}`;
      form.reset();
      await load();
    } catch (e) { note.textContent = "申请失败：" + e.message; }
  });

  load();
})();
