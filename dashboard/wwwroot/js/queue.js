// Responders' queue: most urgent first, with reasons; take, reply and resolve. Citizen text is set with textContent.
(function () {
  "use strict";
  const { call, el, time } = window.monitor;
  const body = document.querySelector("#queue tbody");
  const status = document.getElementById("status");
  const dialog = document.getElementById("reply-dialog");
  const form = document.getElementById("reply-form");
  const statuses = { open: "待办", assigned: "办理中", replied: "已回复", resolved: "已办结" };
  let replying = null;

  function button(label, action, item) {
    const b = el("button", label);
    b.type = "button";
    b.dataset.action = action;
    b.addEventListener("click", () => act(action, item));
    return b;
  }

  function row(item) {
    const tr = el("tr");
    tr.dataset.id = item.id;
    tr.dataset.caseNumber = item.caseNumber;
    tr.dataset.status = item.status;
    const reasons = el("td", item.urgencyReasons.join("；"), "reasons");
    const actions = el("td", null, "actions");
    if (item.status === "open") actions.append(button("接办", "assign", item));
    if (item.status !== "resolved") actions.append(button("回复", "reply", item), button("办结", "resolve", item));
    if (item.status !== "resolved" && item.clusterOpen > 1 && window.queueDesk) actions.append(window.queueDesk.clusterButton(item));
    tr.append(el("td", item.caseNumber, "case"), el("td", time(item.receivedAt)), el("td", item.text, "text"),
      el("td", item.urgency == null ? "—" : String(item.urgency), "urgency"), reasons,
      el("td", statuses[item.status] || item.status, "status"), windowCell(item), actions);
    if (item.sealed) tr.classList.add("sealed");
    return tr;
  }

  // The citizen's 48-hour customer-service window and what is left of its five messages; record-only cases have none.
  function windowCell(item) {
    if (item.replyChannel !== "wechat") return el("td", "仅登记（非公众号对话）", "window muted");
    // Escalate before the window closes; once closed (or the budget spent) WeChat answers 45015/45047, so another channel is needed.
    const open = item.windowHoursLeft > 0 && item.messagesLeft > 0;
    const text = !open ? (item.windowHoursLeft > 0 ? "5 条已用完 · 请改用电话" : "窗口已关闭 · 请改用电话")
      : `剩 ${item.windowHoursLeft} 小时 · 可发 ${item.messagesLeft}/5 条` + (item.windowHoursLeft < 6 ? " · 即将关闭" : "");
    const td = el("td", text, "window " + (!open ? "closed" : item.windowHoursLeft < 6 ? "closing" : "open"));
    td.dataset.messagesLeft = item.messagesLeft;
    return td;
  }

  async function act(action, item) {
    if (action === "reply") {
      replying = item;
      document.getElementById("reply-case").textContent = item.caseNumber;
      document.getElementById("reply-text").textContent = item.text;
      form.reset();
      dialog.showModal();
      return;
    }
    await send(item, action, {});
  }

  async function send(item, action, payload) {
    try {
      const result = await call(`/api/cases/${item.id}/${action}`, { method: "POST", body: JSON.stringify(payload) });
      status.textContent = `${item.caseNumber} 已${action === "assign" ? "接办" : action === "reply" ? "回复" : "办结"}` + (result && result.message ? `：${result.message}` : "");
      await load();
    } catch (e) { status.textContent = "操作失败：" + e.message; }
  }

  dialog.addEventListener("close", async () => {
    if (dialog.returnValue === "send" && replying) await send(replying, "reply", { text: form.elements.text.value });
    replying = null;
  });

  async function load() {
    try {
      const items = await call("/api/queue?count=100");
      body.replaceChildren(...items.map(row));
      document.body.dataset.loaded = "true";
    } catch (e) { status.textContent = "加载失败：" + e.message; }
  }

  window.queueReload = load;
  load();
  setInterval(() => { if (!dialog.open && !document.querySelector("dialog[open]")) load(); }, 5000);
})();
