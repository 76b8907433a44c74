// Admin: users and roles; sources with their schedule and health. Every value is set with textContent.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const status = document.getElementById("status");
  const form = document.getElementById("user-form");

  async function users() {
    const list = await call("/api/admin/users");
    document.querySelector("#users tbody").replaceChildren(...list.map(u => {
      const tr = el("tr");
      tr.append(el("td", u.name), el("td", u.role), el("td", u.locked ? "已锁定" : "正常"));
      return tr;
    }));
  }

  function cronCell(source) {
    const td = el("td");
    const input = el("input");
    input.value = source.cron;
    input.size = 16;
    const save = el("button", "保存");
    save.type = "button";
    save.addEventListener("click", async () => {
      try {
        await call(`/api/admin/sources/${encodeURIComponent(source.id)}/cron`, { method: "POST", body: JSON.stringify({ cron: input.value }) });
        status.textContent = `${source.id} 的采集计划已更新`;
        await sources();
      } catch (e) { status.textContent = "保存失败：" + e.message; }
    });
    td.append(input, save);
    return td;
  }

  async function sources() {
    const list = await call("/api/admin/sources");
    document.querySelector("#sources tbody").replaceChildren(...list.map(s => {
      const tr = el("tr");
      const h = s.health || {};
      tr.append(el("td", s.id), el("td", s.kind), el("td", s.target || ""), cronCell(s),
        el("td", s.nextFireTime ? time(s.nextFireTime) : "—"), el("td", h.lastSuccessAt ? time(h.lastSuccessAt) : "—"),
        el("td", h.lastError ? `${h.lastErrorCode ?? ""} ${h.lastError}`.trim() : "—"), el("td", String(h.consecutiveFailures ?? 0)));
      return tr;
    }));
  }

  form.addEventListener("submit", async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    try {
      await call("/api/admin/users", { method: "POST", body: JSON.stringify(data) });
      status.textContent = `用户 ${data.name} 已保存`;
      form.reset();
      await users();
    } catch (err) { status.textContent = "保存失败：" + err.message; }
  });

  Promise.all([users(), sources()]).then(() => { document.body.dataset.loaded = "true"; }, e => { status.textContent = "加载失败：" + e.message; });
})();
