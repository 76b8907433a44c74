// Responders' desk beyond the queue: case-number lookup and answering a whole near-duplicate cluster at once.
// Every value from the server is set with textContent.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const status = document.getElementById("status");
  const lookupForm = document.getElementById("lookup-form");
  const lookupResult = document.getElementById("lookup-result");
  const statuses = { open: "待办", assigned: "办理中", replied: "已回复", resolved: "已办结" };

  const dialog = el("dialog");
  dialog.id = "cluster-dialog";
  const form = el("form");
  form.method = "dialog";
  form.id = "cluster-form";
  const title = el("h2", "答复同类留言");
  const members = el("ol", null, "cluster-members");
  const text = el("textarea");
  text.name = "text"; text.rows = 4; text.maxLength = 600; text.required = true; text.placeholder = "统一回复内容（每位市民只发一条微信）";
  const resolveBox = el("label", " 同时办结全部");
  const resolve = el("input");
  resolve.type = "checkbox"; resolve.name = "resolve";
  resolveBox.prepend(resolve);
  const menu = el("menu");
  const cancel = el("button", "取消"); cancel.value = "cancel"; cancel.formNoValidate = true;
  const send = el("button", "全部答复"); send.value = "send"; send.id = "cluster-send";
  menu.append(cancel, send);
  form.append(title, members, text, resolveBox, menu);
  dialog.append(form);
  document.querySelector("main").append(dialog);
  let clusterId = null;

  async function openCluster(item) {
    clusterId = item.clusterId;
    form.reset();
    members.replaceChildren(el("li", "加载中…", "muted"));
    dialog.showModal();
    try {
      const list = await call(`/api/clusters/${item.clusterId}`);
      const open = list.filter(m => m.status !== "resolved");
      title.textContent = `答复同类留言（${open.length} 条未办结）`;
      members.replaceChildren(...open.map(m => el("li", `${m.caseNumber} · ${m.text}`)));
    } catch (e) { members.replaceChildren(el("li", "加载失败：" + e.message)); }
  }

  dialog.addEventListener("close", async () => {
    if (dialog.returnValue !== "send" || clusterId == null) return;
    try {
      const result = await call(`/api/clusters/${clusterId}/reply`, { method: "POST", body: JSON.stringify({ text: text.value }) });
      let summary = `同类答复：微信发送 ${result.sent} 条，登记 ${result.recorded} 条` +
        result.members.filter(m => m.status === "refused" || m.status === "failed" || m.status === "skipped").map(m => `；${m.caseNumber}：${m.message}`).join("");
      if (resolve.checked) {
        const closed = await call(`/api/clusters/${clusterId}/resolve`, { method: "POST", body: "{}" });
        summary += `；办结 ${closed.members.filter(m => m.status === "resolved").length} 条`;
      }
      status.textContent = summary;
    } catch (e) { status.textContent = "同类答复失败：" + e.message; }
    clusterId = null;
    if (window.queueReload) await window.queueReload();
  });

  function clusterButton(item) {
    const b = el("button", "答复同类");
    b.type = "button";
    b.dataset.action = "reply-cluster";
    b.addEventListener("click", () => openCluster(item));
    return b;
  }

  lookupForm.addEventListener("submit", async e => {
    e.preventDefault();
    const number = lookupForm.elements.number.value.trim();
    lookupResult.hidden = false;
    try {
      const item = await call("/api/cases/lookup?number=" + encodeURIComponent(number));
      const window48 = item.replyChannel === "wechat"
        ? (item.windowHoursLeft > 0 ? `48 小时窗口剩 ${item.windowHoursLeft} 小时，可发 ${item.messagesLeft}/5 条` : "48 小时窗口已关闭")
        : "非公众号对话，仅登记回复";
      lookupResult.replaceChildren(el("h2", item.caseNumber), el("p", item.text, "quote"),
        el("p", `${time(item.receivedAt)} · ${statuses[item.status] || item.status} · 紧急度 ${item.urgency ?? "—"} · ${window48}`, "muted"));
      lookupResult.dataset.caseNumber = item.caseNumber;
    } catch (err) {
      lookupResult.replaceChildren(el("p", err.message.includes("404") ? `没有编号为 ${number} 的案件` : "查找失败：" + err.message, "error"));
    }
  });

  window.queueDesk = { clusterButton };
})();
