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

  // WeChat sources: the access token's state and today's calls per endpoint against WeChat's documented daily limits.
  function apiCell(api) {
    const td = el("td");
    if (!api) { td.textContent = "—"; return td; }
    const lines = [
      api.tokenValidUntil ? `令牌有效至 ${time(api.tokenValidUntil)}` : "令牌未获取",
      api.tokenLastRefreshAt ? `最近刷新 ${time(api.tokenLastRefreshAt)}（今日强制刷新 ${api.tokenForcedRefreshesToday} 次）` : null,
      api.tokenLastError ? `令牌错误 ${time(api.tokenLastErrorAt)}：${api.tokenLastError}` : null,
      ...Object.entries(api.callsToday || {}).map(([endpoint, n]) =>
        `${endpoint} 今日 ${n}${api.dailyLimits && api.dailyLimits[endpoint] ? " / " + api.dailyLimits[endpoint] : ""} 次`),
      api.quotaReachedAt ? `配额用尽（45009）${time(api.quotaReachedAt)} ${api.quotaReachedEndpoint || ""}` : null,
    ].filter(Boolean);
    td.append(...lines.map(line => el("div", line)));
    return td;
  }

  async function sources() {
    const list = await call("/api/admin/sources");
    document.querySelector("#sources tbody").replaceChildren(...list.map(s => {
      const tr = el("tr");
      const h = s.health || {};
      tr.append(el("td", s.id), el("td", s.kind), el("td", s.target || ""), cronCell(s),
        el("td", s.nextFireTime ? time(s.nextFireTime) : "—"), el("td", h.lastSuccessAt ? time(h.lastSuccessAt) : "—"),
        el("td", h.lastError ? `${h.lastErrorCode ?? ""} ${h.lastError}`.trim() : "—"), el("td", String(h.consecutiveFailures ?? 0)),
        apiCell(h.weChatApi));
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
